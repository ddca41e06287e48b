namespace Coursework.Grading;

/// <summary>Where things are in the kit's repository.</summary>
/// <param name="Root">The folder holding Coursework.sln.</param>
internal sealed record KitLayout(string Root)
{
    public string Manifest => Path.Combine(Root, "grader", "assignment.json");

    public string HiddenTestsProject => Path.Combine(Root, "grader", "HiddenTests", "Coursework.HiddenTests.csproj");

    public string Solutions => Path.Combine(Root, "solutions");

    /// <summary>The built test program for a code variant (see Directory.Build.props).</summary>
    /// <param name="variant">exercises, solutions or submission.</param>
    /// <returns>The path of Coursework.HiddenTests.dll.</returns>
    public string TestProgram(string variant) =>
        Path.Combine(Root, "artifacts", variant, "bin", "Coursework.HiddenTests", "debug", "Coursework.HiddenTests.dll");

    /// <summary>Finds the kit from the grader's own location (it runs from artifacts/…/bin inside the kit).</summary>
    /// <returns>The layout.</returns>
    /// <exception cref="GradingException">The grader is not inside a kit.</exception>
    public static KitLayout Locate()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Coursework.sln")) &&
                    File.Exists(Path.Combine(folder.FullName, "grader", "assignment.json")))
                {
                    return new KitLayout(folder.FullName);
                }
            }
        }

        throw new GradingException("cannot find the kit (a folder with Coursework.sln and grader/assignment.json) above the grader or the current folder");
    }
}
