namespace Coursework.Grading;

/// <summary>Where things are in the kit's repository.</summary>
/// <param name="Root">The folder holding Coursework.sln.</param>
internal sealed record KitLayout(string Root)
{
    public string Manifest => Path.Combine(Root, "grader", "assignment.json");

    public string Solutions => Path.Combine(Root, "solutions");

    /// <summary>The stand-ins for student classes (bridge/Proxies), one file per class.</summary>
    public string StandIns => Path.Combine(Root, "bridge", "Proxies");

    /// <summary>
    /// The host's skeleton (host/ without any exercise file), built with the grader and beside it: its runtime
    /// files and the compiler options each grading's host is compiled with (see <see cref="StudentBuild"/>).
    /// </summary>
    public static string HostSkeleton => BesideTheGrader("Coursework.Host", "-skeleton");

    /// <summary>
    /// The judge (judge/, with the hidden tests of hidden-tests/), built with the grader itself and beside it: it holds no student code, so one
    /// build serves every grading.
    /// </summary>
    public static string Judge => Path.Combine(BesideTheGrader("Coursework.Judge"), "Coursework.Judge.dll");

    /// <summary>The network filter (confine/), built with the grader and beside it; copied into each host's folder.</summary>
    public static string Confine => BesideTheGrader("Coursework.Confine");

    /// <summary>debug or release: the grader's own build configuration, which the judge and the host's skeleton share.</summary>
    private static string Configuration => Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));

    /// <summary>A project's build output beside the grader's (same artifacts folder and configuration), built or not.</summary>
    /// <param name="project">The project's assembly name.</param>
    /// <param name="pivotSuffix">Added to the configuration's folder name (the host's skeleton: -skeleton).</param>
    /// <returns>The folder.</returns>
    public static string BesideTheGrader(string project, string pivotSuffix = "") =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", project, Configuration + pivotSuffix));

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
