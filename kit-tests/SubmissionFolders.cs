namespace Coursework.Grading.Tests;

/// <summary>Submissions as students hand them in, made from the reference and the golden scenarios.</summary>
internal static class SubmissionFolders
{
    /// <summary>A folder holding every reference file (solutions/), flat, as a correct submission of the files alone.</summary>
    /// <param name="folder">The folder to create.</param>
    /// <returns>The folder.</returns>
    public static string Reference(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(GraderProcess.KitRoot, "solutions"), "*.cs", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    /// <summary>The reference with a golden scenario's files on top (its bug, or its compiler error).</summary>
    /// <param name="folder">The folder to create.</param>
    /// <param name="scenario">The scenario's name, e.g. affine-forward-without-bias.</param>
    /// <returns>The folder.</returns>
    public static string Scenario(string folder, string scenario)
    {
        Reference(folder);
        var files = ScenarioFiles.Materialize(Path.Combine(GraderProcess.ScenariosFolder, scenario));
        foreach (var file in Directory.GetFiles(files, "*.cs"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        Directory.Delete(files, recursive: true);
        return folder;
    }

    /// <summary>
    /// The per-task scores the kit gives a submission with <c>--submission</c>: what every platform must give it too.
    /// A task 1 bug (the bias gradient averaged over the batch) is the partial submission the platforms are compared
    /// on: task 4 builds on task 1, so it shows whether a platform grades the network on the student's broken Affine.
    /// </summary>
    /// <param name="folder">The submission.</param>
    /// <param name="options">More grader options (e.g. --tasks 1,2).</param>
    /// <returns>Each graded task's score, by task id.</returns>
    public static IReadOnlyDictionary<int, decimal> KitScores(string folder, params string[] options)
    {
        var resultFile = Path.Combine(Path.GetTempPath(), $"kit-scores-{Guid.NewGuid():N}.json");
        var run = GraderProcess.Run(["--submission", folder, "--out", resultFile, .. options]);
        run.ExitCode.ShouldBe(0, run.StandardError);
        var result = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(resultFile))!;
        File.Delete(resultFile);
        return TaskScores(result);
    }

    /// <summary>Each task's score in a grader result (result.json).</summary>
    /// <param name="result">The parsed result.</param>
    /// <returns>Score by task id.</returns>
    public static IReadOnlyDictionary<int, decimal> TaskScores(System.Text.Json.Nodes.JsonNode result) =>
        result["tasks"]!.AsArray().ToDictionary(task => task!["id"]!.GetValue<int>(), task => task!["score"]!.GetValue<decimal>());

    /// <summary>The partial submission the platforms are compared on (see <see cref="KitScores"/>).</summary>
    /// <param name="folder">The folder to create.</param>
    /// <returns>The folder.</returns>
    public static string Partial(string folder) => Scenario(folder, "affine-bias-gradient-averaged");
}
