using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coursework.Grading.Tests;

/// <summary>
/// <c>publish --classroom50 DIR</c>, tried as Classroom 50's runner uses it: autograder.py from the bundle run with
/// python3 in a student's checkout of the template, with the variables the runner sets, and result.json checked
/// against the rules of classroom50/result/v1 (schemas/result-v1.schema.json and runner.py's validate_result). Tasks 1
/// and 2 only, to keep it short (COURSEWORK_GRADER_OPTIONS).
/// </summary>
[NonParallelizable] // it builds the template's grader and grades in it
public partial class Classroom50PackageTests
{
    private static readonly string[] Fields =
        ["schema", "classroom", "assignment", "assignment_type", "owner", "submission", "commit", "release", "review", "datetime", "graded_at", "score", "max-score", "tests", "submitted_by"];

    private string _folder = null!;
    private string _checkout = null!;

    private string Bundle => Path.Combine(_folder, "assignment", "autograder");

    [OneTimeSetUp]
    public void Publish()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"classroom50-{Environment.ProcessId}");
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        var publish = GraderProcess.Run("publish", "--classroom50", Path.Combine(_folder, "assignment"));
        publish.ExitCode.ShouldBe(0, publish.StandardError);
        _checkout = Path.Combine(_folder, "alice-checkout");
        CopyFolder(Path.Combine(_folder, "assignment", "template"), _checkout);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Runs the bundle's autograder.py in a checkout as the runner does, and reads the result.json it leaves.</summary>
    private (int ExitCode, JsonElement Result, string Log) Autograde(string checkout, string options = "--tasks 1,2", int? deadlineSeconds = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["CLASSROOM"] = "nn-fall-2026",
            ["ASSIGNMENT"] = "backprop",
            ["SUBMISSION_TAG"] = "submit/2026-12-01T12-00-00Z-abc1234",
            ["USERNAME"] = "alice",
            ["ASSIGNMENT_TYPE"] = "individual",
            ["COMMIT_URL"] = "https://github.com/nn-org/nn-fall-2026-backprop-alice/commit/abc1234",
            ["RELEASE_URL"] = "https://github.com/nn-org/nn-fall-2026-backprop-alice/releases/tag/submit%2F2026-12-01T12-00-00Z-abc1234",
            ["REVIEW_URL"] = "https://github.com/nn-org/nn-fall-2026-backprop-alice/compare/0000000...abc1234",
            ["COURSEWORK_GRADER_OPTIONS"] = options,
        };
        if (deadlineSeconds is { } seconds)
        {
            environment["COURSEWORK_DEADLINE_SECONDS"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var run = GraderProcess.Program("python3", checkout, TimeSpan.FromMinutes(15), environment, Path.Combine(Bundle, "autograder.py"));
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(checkout, "result.json")));
        return (run.ExitCode, result.RootElement.Clone(), run.StandardOutput + run.StandardError);
    }

    /// <summary>What runner.py's validate_result and the result-v1 schema check (the structure; identity is the runner's).</summary>
    private static void ShouldBeAValidResult(JsonElement result)
    {
        result.EnumerateObject().Select(field => field.Name).ShouldAllBe(name => Fields.Contains(name), "the schema allows no other field");
        result.GetProperty("schema").GetString().ShouldBe("classroom50/result/v1");
        result.GetProperty("classroom").GetString().ShouldBe("nn-fall-2026");
        result.GetProperty("assignment").GetString().ShouldBe("backprop");
        result.GetProperty("assignment_type").GetString().ShouldBe("individual");
        result.GetProperty("owner").GetString().ShouldBe("alice");
        result.GetProperty("submission").GetString().ShouldBe("submit/2026-12-01T12-00-00Z-abc1234");
        result.GetProperty("commit").GetString()!.ShouldEndWith("/commit/abc1234");
        result.GetProperty("release").GetString()!.ShouldContain("/releases/tag/");
        result.GetProperty("review").GetString()!.ShouldContain("/compare/");
        DateTimeFormat().IsMatch(result.GetProperty("datetime").GetString()!).ShouldBeTrue();
        var score = result.GetProperty("score").GetInt32();
        score.ShouldBeInRange(0, result.GetProperty("max-score").GetInt32());
        foreach (var test in result.GetProperty("tests").EnumerateArray())
        {
            test.GetProperty("test-name").GetString().ShouldNotBeNullOrEmpty();
            test.GetProperty("passed").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
            test.GetProperty("score").GetInt32().ShouldBeInRange(0, test.GetProperty("max-score").GetInt32());
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$")]
    private static partial Regex DateTimeFormat();

    [Test]
    public void The_assignment_is_a_template_without_workflow_or_hidden_tests_an_autograder_bundle_and_a_runtime()
    {
        var template = Path.Combine(_folder, "assignment", "template");
        File.Exists(Path.Combine(template, "README.md")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(template, "README.md")).ShouldContain("graded by Classroom 50");
        File.Exists(Path.Combine(template, "exercises", "Task1_Affine", "Affine.cs")).ShouldBeTrue();
        Directory.Exists(Path.Combine(template, ".github")).ShouldBeFalse("Classroom 50 writes the grading workflow at accept");
        Directory.Exists(Path.Combine(template, "solutions")).ShouldBeFalse();
        Directory.GetFiles(template, "*HiddenTests.cs", SearchOption.AllDirectories).ShouldBeEmpty();

        File.Exists(Path.Combine(Bundle, "autograder.py")).ShouldBeTrue();
        File.Exists(Path.Combine(Bundle, "hidden-tests", "Task1_Affine", "AffineHiddenTests.cs")).ShouldBeTrue();
        using var runtime = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "assignment", "runtime.json")));
        runtime.RootElement.GetProperty("apt").EnumerateArray().Select(p => p.GetString()).ShouldContain("bubblewrap");
    }

    [Test]
    public void A_correct_submission_gets_a_valid_result_with_full_marks()
    {
        foreach (var (task, file) in new[] { ("Task1_Affine", "Affine.cs"), ("Task2_ReLU", "ReLU.cs") })
        {
            File.Copy(Path.Combine(GraderProcess.KitRoot, "solutions", task, file), Path.Combine(_checkout, "exercises", task, file), overwrite: true);
        }

        var (exitCode, result, log) = Autograde(_checkout);

        exitCode.ShouldBe(0, log);
        ShouldBeAValidResult(result);
        result.GetProperty("score").GetInt32().ShouldBe(40);
        result.GetProperty("max-score").GetInt32().ShouldBe(40);
        File.ReadAllText(Path.Combine(_checkout, "release-body.md")).ShouldStartWith("## Grade: 40 / 40");
    }

    [Test]
    public void A_partial_submission_gets_the_per_task_scores_it_gets_with_submission_in_the_kit()
    {
        var files = SubmissionFolders.Partial(Path.Combine(Path.GetTempPath(), $"partial-{Guid.NewGuid():N}"));
        try
        {
            var expected = SubmissionFolders.KitScores(files);
            foreach (var file in Directory.GetFiles(files, "*.cs"))
            {
                var stub = Directory.GetFiles(Path.Combine(_checkout, "exercises"), Path.GetFileName(file), SearchOption.AllDirectories).Single();
                File.Copy(file, stub, overwrite: true);
            }

            var (exitCode, _, log) = Autograde(_checkout, options: "");

            exitCode.ShouldBe(0, log);
            // The grader's own result in the checkout; result.json holds the same in whole points.
            var actual = SubmissionFolders.TaskScores(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(_checkout, "grading", "result.json")))!);
            actual.ShouldBe(expected);
            expected[4].ShouldBe((decimal)KitTasks.Task(4).Points, "task 4 loses nothing for the bug in the Affine it builds on");
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }

    [Test]
    public void Code_that_does_not_compile_still_leaves_a_valid_result_with_0()
    {
        File.WriteAllText(Path.Combine(_checkout, "exercises", "Task1_Affine", "Affine.cs"), "this is not C#");
        File.WriteAllText(Path.Combine(_checkout, "result.json"), "{\"score\": 100, \"forged\": true}");

        var (exitCode, result, log) = Autograde(_checkout);

        exitCode.ShouldBe(0, log);
        ShouldBeAValidResult(result);
        result.GetProperty("score").GetInt32().ShouldBe(0);
        result.TryGetProperty("forged", out _).ShouldBeFalse();
    }

    [Test]
    public void A_grader_that_cannot_run_leaves_a_valid_result_with_0_per_task_and_exits_1()
    {
        var (exitCode, result, log) = Autograde(_checkout, options: $"--tasks {KitTasks.UnknownId}");

        exitCode.ShouldBe(1, log);
        ShouldBeAValidResult(result);
        result.GetProperty("score").GetInt32().ShouldBe(0);
        result.GetProperty("max-score").GetInt32().ShouldBe(KitTasks.MaxScore);
        var tests = result.GetProperty("tests").EnumerateArray().ToList();
        tests.Select(test => test.GetProperty("test-name").GetString()).ShouldBe(KitTasks.Enabled.Select(task => $"Task {task.Id}: {task.Name}"));
        tests[0].GetProperty("message").GetString()!.ShouldContain("the grader failed");
    }

    [Test]
    public void A_grading_past_its_deadline_is_stopped_with_every_process_it_started_and_leaves_a_valid_result_with_0_per_task()
    {
        // A fresh checkout: restoring and building the grader alone takes longer than this deadline.
        var checkout = Path.Combine(_folder, "late-checkout");
        CopyFolder(Path.Combine(_folder, "assignment", "template"), checkout);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (exitCode, result, log) = Autograde(checkout, deadlineSeconds: 5);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), log);
        exitCode.ShouldBe(1, log);
        ShouldBeAValidResult(result);
        result.GetProperty("score").GetInt32().ShouldBe(0);
        result.GetProperty("tests").EnumerateArray().First().GetProperty("message").GetString()!.ShouldContain("did not finish within 5 s");
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Directory.GetDirectories("/proc").Select(folder => Path.Combine(folder, "cmdline")).Where(File.Exists)
            .Select(file => { try { return File.ReadAllText(file); } catch (IOException) { return ""; } })
            .ShouldNotContain(commandLine => commandLine.Contains(checkout, StringComparison.Ordinal), "no process of the grading is left");
    }
}
