namespace Coursework.Grading;

/// <summary>Where things are in the kit's repository.</summary>
/// <param name="Root">The folder holding Coursework.sln.</param>
internal sealed record KitLayout(string Root)
{
    public string Manifest => Path.Combine(Root, "grader", "assignment.json");

    public string Solutions => Path.Combine(Root, "solutions");

    /// <summary>
    /// Where the hidden tests carry a copy of a kit file (kit-relative, '/'): a template has no solutions/, and the
    /// judge and the grader write the stand-ins from the committed stubs copied here (written by publish, read by
    /// judge/Coursework.Judge.csproj and <see cref="StandInApi"/>).
    /// </summary>
    /// <param name="kitPath">E.g. exercises/Task1_Affine/Affine.cs.</param>
    /// <returns>E.g. judge/Oracles/Api/exercises/Task1_Affine/Affine.cs.</returns>
    public static string ShippedCopy(string kitPath) => Oracles + "/Api/" + kitPath.Replace('\\', '/');

    /// <summary>The judge's oracles (kit-relative): they travel with the hidden tests, and the shipped copies inside them.</summary>
    public const string Oracles = "judge/Oracles";

    /// <summary>
    /// The file a stub class's stand-in is written from: the API as the kit defines it, never the student's copy in
    /// exercises/ (the reference solution, else the stub shipped with the hidden tests); null when neither is here.
    /// </summary>
    /// <param name="task">The stub's task.</param>
    /// <param name="stub">One of its stub files.</param>
    /// <returns>An absolute path, or null.</returns>
    public string? StandInApi(TaskSpec task, string stub) =>
        Coursework.StandIns.StandInSource.Choose(task.Files.Solution
                .Where(solution => Path.GetFileName(solution) == Path.GetFileName(stub))
                .Append(ShippedCopy(stub))
                .Where(file => File.Exists(Path.Combine(Root, file))))
            .Select(file => Path.Combine(Root, file))
            .FirstOrDefault();

    /// <summary>The hidden tests' folder, relative to the kit: a TaskN_Name folder per task, compiled into the judge.</summary>
    public const string HiddenTestsFolder = Protocol.Manifest.HiddenTestsFolder;

    /// <summary>The public tests' folder, relative to the kit: a TaskN_Name folder per task.</summary>
    public const string PublicTestsFolder = Protocol.Manifest.PublicTestsFolder;

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
