using System.Text.Json.Nodes;

namespace Coursework.Grading.Tests;

/// <summary>
/// A published template with the hidden tests (no solutions/, graded with `dotnet run --project grader` in the
/// student's checkout, as the Classroom workflow and Classroom 50 do) grades as the kit does with `--submission`, and
/// grades a student file that does not compile instead of failing to build.
/// </summary>
[NonParallelizable] // it builds a second copy of the kit
public class TemplateGradingTests
{
    private string _template = "";
    private string _submission = "";

    [OneTimeSetUp]
    public void PublishAndBuild()
    {
        _template = Path.Combine(Path.GetTempPath(), $"template-grading-{Guid.NewGuid():N}");
        var published = GraderProcess.Run("publish", "--out", _template, "--include-hidden");
        published.ExitCode.ShouldBe(0, published.StandardError);
        Directory.Exists(Path.Combine(_template, "solutions")).ShouldBeFalse("a template has no reference solutions");
        _submission = SubmissionFolders.Scenario(Path.Combine(Path.GetTempPath(), $"affine-bug-{Guid.NewGuid():N}"), "affine-bias-gradient-averaged");
    }

    [OneTimeTearDown]
    public void Remove()
    {
        foreach (var folder in new[] { _template, _submission }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_task_1_bug_gets_the_same_scores_in_a_template_as_with_submission_in_the_kit()
    {
        var inKit = Path.Combine(Path.GetTempPath(), $"affine-bug-kit-{Environment.ProcessId}.json");
        var kit = GraderProcess.Run("--submission", _submission, "--out", inKit);
        kit.ExitCode.ShouldBe(0, kit.StandardError);
        var expected = JsonNode.Parse(File.ReadAllText(inKit))!;
        File.Delete(inKit);

        // The student's checkout holds the same files in place of the stubs.
        foreach (var file in Directory.GetFiles(_submission, "*.cs"))
        {
            var stub = Directory.GetFiles(Path.Combine(_template, "exercises"), Path.GetFileName(file), SearchOption.AllDirectories).Single();
            File.Copy(file, stub, overwrite: true);
        }

        var actual = GradeTemplate();

        Scores(actual).ShouldBe(Scores(expected));
        // Task 4 ran on the judge's Affine in both (the student's failed task 1), so it trained to the same accuracy.
        Metrics(actual).ShouldBe(Metrics(expected));
        Scores(actual)[0].ShouldBeLessThan((decimal)KitTasks.Task(1).Points, "the bug costs points in task 1");
        Scores(actual)[3].ShouldBe((decimal)KitTasks.Task(4).Points, "a correct network loses nothing for a bug in the Affine it builds on");
    }

    [Test]
    public void A_syntax_error_in_an_extra_exercise_file_is_a_graded_error_with_its_file_and_line()
    {
        var helpers = Path.Combine(_template, "exercises", "Util", "Helpers.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(helpers)!);
        File.WriteAllLines(helpers, ["namespace Coursework;", "", "internal static class Helpers", "{", "    public static int Twice(int x) => x * 2", "}"]);
        try
        {
            var result = GradeTemplate();

            result["status"]!.GetValue<string>().ShouldBe("error");
            result["score"]!.GetValue<decimal>().ShouldBe(0m);
            var error = result["errors"]!.AsArray()[0]!;
            error["file"]!.GetValue<string>().ShouldBe("exercises/Util/Helpers.cs");
            error["line"]!.GetValue<int>().ShouldBe(5);
            error["code"]!.GetValue<string>().ShouldBe("CS1002");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(helpers)!, recursive: true);
        }
    }

    [Test]
    public void A_stub_with_a_changed_signature_and_a_syntax_error_is_graded_not_a_broken_judge()
    {
        // The judge's stand-ins come from the kit's copy of the stub that the hidden tests carry, never from this one.
        var stub = Path.Combine(_template, "exercises", "Task2_ReLU", "ReLU.cs");
        var original = File.ReadAllText(stub);
        File.WriteAllText(stub, original.Replace("public Matrix<double> Forward(Matrix<double> inputs)", "public Matrix<double> Forward(Matrix<double> inputs, int extra)", StringComparison.Ordinal) + "\nclass Broken {");
        try
        {
            var result = GradeTemplate();

            result["status"]!.GetValue<string>().ShouldBe("error");
            result["errors"]!.AsArray()[0]!["file"]!.GetValue<string>().ShouldBe("exercises/Task2_ReLU/ReLU.cs");
        }
        finally
        {
            File.WriteAllText(stub, original);
        }
    }

    /// <summary>Grades the template's exercises/ as a student does; the build of the grader is part of it.</summary>
    private JsonNode GradeTemplate()
    {
        var resultFile = Path.Combine(_template, "grading", "result.json");
        if (File.Exists(resultFile))
        {
            File.Delete(resultFile);
        }

        var outcome = GraderProcess.Dotnet(_template, TimeSpan.FromMinutes(10), "run", "--project", "grader", "--", "--out", "grading/result.json");
        outcome.ExitCode.ShouldBe(0, outcome.StandardOutput + outcome.StandardError);
        File.Exists(resultFile).ShouldBeTrue(outcome.StandardOutput + outcome.StandardError);
        return JsonNode.Parse(File.ReadAllText(resultFile))!;
    }

    private static List<decimal> Scores(JsonNode result) =>
        [.. result["tasks"]!.AsArray().Select(task => task!["score"]!.GetValue<decimal>())];

    private static List<double> Metrics(JsonNode result) =>
        [.. result["tasks"]!.AsArray().SelectMany(task => task!["tests"]!.AsArray())
            .Select(test => test!["training"]).OfType<JsonNode>().Select(training => training["metric"]!.GetValue<double>())];
}
