using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Coursework.Grading.Tests;

/// <summary>
/// Follows the worked example of docs/authors.md in a copy of the kit, as an instructor would: writes the guide's code
/// blocks to their paths, grades (the missing manifest entry is a one-line error), adds the manifest entry the guide
/// shows, and grades again: the reference gets full marks in the new task, the skeleton 0, and its public tests run.
/// </summary>
[NonParallelizable] // builds a whole kit: alone, so that its limits hold on two cores
public partial class AuthorsGuideTests
{
    private const string ManifestBlock = "grader/assignment.json: an entry of tasks";

    private string _kit = "";
    private IReadOnlyList<(string Title, string Code)> _blocks = [];

    [OneTimeSetUp]
    public void CopyTheKit()
    {
        _kit = Directory.CreateTempSubdirectory("authors-guide-").FullName;
        var files = GraderProcess.Program("git", GraderProcess.KitRoot, TimeSpan.FromMinutes(1), null, "ls-files", "-z");
        files.ExitCode.ShouldBe(0, files.StandardError);
        foreach (var file in files.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(GraderProcess.KitRoot, file);
            if (File.Exists(source))
            {
                var destination = Path.Combine(_kit, file);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(source, destination);
            }
        }

        _blocks = [.. CodeBlock().Matches(File.ReadAllText(Path.Combine(GraderProcess.KitRoot, "docs", "authors.md")))
            .Select(match => (match.Groups["title"].Value, match.Groups["code"].Value))];
        UndoTheWorkedExample();
    }

    /// <summary>
    /// In a kit that has followed the guide already (the instructor added the example's task as shown), puts the copy
    /// back as it was before, so that the guide is followed from its start there too.
    /// </summary>
    private void UndoTheWorkedExample()
    {
        foreach (var path in _blocks.Select(block => Path.Combine(_kit, block.Title)).Where(File.Exists))
        {
            File.Delete(path);
        }

        var manifestPath = Path.Combine(_kit, "grader", "assignment.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var id = JsonNode.Parse(_blocks.Single(block => block.Title == ManifestBlock).Code)!["id"]!.GetValue<int>();
        var tasks = manifest["tasks"]!.AsArray();
        if (tasks.FirstOrDefault(task => task!["id"]!.GetValue<int>() == id) is { } added)
        {
            tasks.Remove(added);
            File.WriteAllText(manifestPath, manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
    }

    [OneTimeTearDown]
    public void DeleteTheCopy() => Directory.Delete(_kit, recursive: true);

    [Test]
    public void The_worked_example_is_graded_full_marks_for_the_reference_and_0_for_the_skeleton()
    {
        var files = _blocks.Where(block => block.Title != ManifestBlock).ToList();
        files.Select(block => block.Title).ShouldBe([
            "exercises/Task8_Tanh/Tanh.cs", "solutions/Task8_Tanh/Tanh.cs", "tests/Task8_Tanh/TanhTests.cs", "hidden-tests/Task8_Tanh/TanhHiddenTests.cs"]);
        foreach (var (path, code) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_kit, path))!);
            File.WriteAllText(Path.Combine(_kit, path), code);
        }

        Dotnet("build", "grader", "-v:minimal", "-clp:NoSummary");

        // Before its manifest entry: the new hidden tests would never run, so the grader refuses, in one line.
        var unlisted = Grader("--solutions");
        unlisted.ExitCode.ShouldBe(1, unlisted.StandardError);
        unlisted.StandardError.Trim().ShouldBe("grader: hidden-tests/Task8_Tanh/TanhHiddenTests.cs: [GradedTask(8)] names task 8, which grader/assignment.json does not list; add the task's entry there");

        var manifestPath = Path.Combine(_kit, "grader", "assignment.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var entry = JsonNode.Parse(_blocks.Single(block => block.Title == ManifestBlock).Code)!;
        manifest["tasks"]!.AsArray().Add(entry);
        File.WriteAllText(manifestPath, manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        var reference = Task8(Grader("--solutions", "--tasks", "8", "--out", "grading/reference.json"), "grading/reference.json");
        reference["score"]!.GetValue<decimal>().ShouldBe(20m, reference.ToJsonString());
        reference["max_score"]!.GetValue<decimal>().ShouldBe(20m);
        reference["tests"]!.AsArray().Count.ShouldBe(4);

        var skeleton = Task8(Grader("--tasks", "8", "--out", "grading/skeleton.json"), "grading/skeleton.json");
        skeleton["score"]!.GetValue<decimal>().ShouldBe(0m, skeleton.ToJsonString());
        skeleton["tests"]!.AsArray().Count.ShouldBe(4);
        skeleton["tests"]!.AsArray().ShouldAllBe(test => test!["message"]!.GetValue<string>().Contains("Task 8: Tanh."));
    }

    [Test]
    public void The_worked_examples_public_tests_pass_on_the_reference_and_fail_on_the_skeleton()
    {
        foreach (var (path, code) in _blocks.Where(block => block.Title.StartsWith("exercises/") || block.Title.StartsWith("solutions/") || block.Title.StartsWith("tests/")))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_kit, path))!);
            File.WriteAllText(Path.Combine(_kit, path), code);
        }

        PublicTests("reference", "-p:UseSolutions=true").ShouldBe((3, 3, 0));
        PublicTests("skeleton").ShouldBe((3, 0, 3));
    }

    /// <summary>Runs the new task's public tests; returns how many ran, passed and failed.</summary>
    private (int Total, int Passed, int Failed) PublicTests(string name, params string[] options)
    {
        var outcome = GraderProcess.Dotnet(_kit, TimeSpan.FromMinutes(8), [
            "test", "tests", .. options, "--filter", "FullyQualifiedName~Task8_Tanh", "--logger", $"trx;LogFileName={name}.trx", "--results-directory", "results"]);
        var trx = Path.Combine(_kit, "results", $"{name}.trx");
        File.Exists(trx).ShouldBeTrue(outcome.StandardOutput + outcome.StandardError);
        var counters = Counters().Match(File.ReadAllText(trx));
        return (int.Parse(counters.Groups["total"].Value), int.Parse(counters.Groups["passed"].Value), int.Parse(counters.Groups["failed"].Value));
    }

    private GraderProcess.Outcome Grader(params string[] arguments) =>
        GraderProcess.Dotnet(_kit, TimeSpan.FromMinutes(8), ["run", "--no-build", "--project", "grader", "--", .. arguments]);

    private JsonNode Task8(GraderProcess.Outcome outcome, string result)
    {
        outcome.ExitCode.ShouldBe(0, outcome.StandardError);
        var tasks = JsonNode.Parse(File.ReadAllText(Path.Combine(_kit, result)))!["tasks"]!.AsArray();
        return tasks.Single(task => task!["id"]!.GetValue<int>() == 8)!;
    }

    private void Dotnet(params string[] arguments)
    {
        var outcome = GraderProcess.Dotnet(_kit, TimeSpan.FromMinutes(8), arguments);
        outcome.ExitCode.ShouldBe(0, outcome.StandardOutput + outcome.StandardError);
    }

    /// <summary>A fenced block with a path: ```csharp title="exercises/Task8_Tanh/Tanh.cs" … ```.</summary>
    [GeneratedRegex("^```\\w+ title=\"(?<title>[^\"]+)\"\\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("<Counters total=\"(?<total>\\d+)\"[^>]*? passed=\"(?<passed>\\d+)\" failed=\"(?<failed>\\d+)\"")]
    private static partial Regex Counters();
}
