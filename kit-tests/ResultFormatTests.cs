using System.Text.Json.Nodes;
using Coursework.Grading.Reporting;
using Coursework.Grading.Results;

namespace Coursework.Grading.Tests;

/// <summary>
/// Each platform format carries the field names its documentation gives, from the same result:
/// Classroom's runner v1 (autograding-grading-reporter), Classroom 50's result/v1, Gradescope's results.json
/// (gradescope-autograders.readthedocs.io "Autograder Specifications") and Exercism's test runner interface v3;
/// the Classroom 50 file and the Classroom reporter's total are checked against those platforms' own rules (<see cref="PlatformRules"/>).
/// </summary>
public class ResultFormatTests
{
    private static readonly GradingResult Graded = new(1, "fail", 32.5m, 40m, 7, "exercises/", null, [],
    [
        new TaskResult(1, "Affine", 22.5m, 25m, false,
        [
            new TestResult("Forward is right", "pass", 22.5m, 22.5m, null, null),
            new TestResult("Backward is right", "fail", 0m, 2.5m, "DWeight is wrong", new string('x', 900)),
        ]),
        new TaskResult(2, "ReLU", 10m, 15m, false,
        [
            new TestResult("Forward clips negatives", "pass", 10m, 10m, null, null),
            new TestResult("Backward masks", "error", 0m, 5m, "Took longer than 30 s", null),
        ]),
        new TaskResult(5, "Extra", 0m, 10m, true, [new TestResult("Bonus test", "fail", 0m, 10m, "no", null)]),
    ], 12.3);

    private static readonly GradingResult NotCompiled = new(1, "error", 0m, 40m, 7, "exercises/",
        "The code does not compile (1 error).", [new CompileError("Affine.cs", 3, 5, "CS1002", "; expected")], [], 4.2);

    /// <summary>A compile error as the grader writes it: every graded task, with its points and no test run.</summary>
    private static readonly GradingResult NotCompiledWithTasks = NotCompiled with
    {
        Tasks = [new TaskResult(1, "Affine", 0m, 25m, false, []), new TaskResult(2, "ReLU", 0m, 15m, false, [])],
    };

    private static JsonObject Render(string format, GradingResult result) => JsonNode.Parse(ResultFormats.Render(format, result))!.AsObject();

    private static IEnumerable<JsonObject> Tests(JsonObject json) => json["tests"]!.AsArray().Select(test => test!.AsObject());

    /// <summary>The variables Classroom 50's runner sets for the autograder (runner.py, run_entrypoint and main).</summary>
    private static readonly Dictionary<string, string> Classroom50Runner = new()
    {
        ["CLASSROOM"] = "nn101", ["ASSIGNMENT"] = "backprop", ["SUBMISSION_TAG"] = "submit/20261201T120000Z-abc1234",
        ["OWNER"] = "ada", ["ASSIGNMENT_TYPE"] = "individual", ["COMMIT_URL"] = "https://github.com/o/r/commit/abc",
        ["RELEASE_URL"] = "https://github.com/o/r/releases/tag/submit%2F1", ["REVIEW_URL"] = "https://github.com/o/r/compare/a...b",
    };

    private static string Classroom50Text(GradingResult result) =>
        ResultFormats.Classroom50(result, name => Classroom50Runner.GetValueOrDefault(name)).ToJsonString();

    [Test]
    public void Classroom_50_has_its_schema_whole_score_max_score_and_per_test_fields()
    {
        var json = Render("classroom50", Graded);

        json["schema"]!.GetValue<string>().ShouldBe("classroom50/result/v1");
        json["score"]!.GetValue<int>().ShouldBe(33, "32.5 rounded half up");
        json["max-score"]!.GetValue<int>().ShouldBe(40);
        json["datetime"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        Tests(json).Count().ShouldBe(5);
        foreach (var test in Tests(json))
        {
            test.Select(p => p.Key).ShouldBe(["test-name", "passed", "score", "max-score"]);
        }

        Tests(json).First()["passed"]!.GetValue<bool>().ShouldBeTrue();
        Tests(json).Select(t => (t["score"]!.GetValue<int>(), t["max-score"]!.GetValue<int>())).ShouldBe([(23, 23), (0, 2), (10, 10), (0, 5), (0, 10)]);
    }

    [Test]
    public void Classroom_50_takes_the_file_the_kit_writes_under_its_runner()
    {
        Classroom50Text(Graded).ShouldSatisfyAllConditions(text => PlatformRules.Classroom50Violations(text).ShouldBeEmpty());
        PlatformRules.Classroom50Violations(Classroom50Text(NotCompiled)).ShouldBeEmpty();
        var random = new Random(50);
        for (var run = 0; run < 200; run++)
        {
            var result = WholePointsTests.RandomResult(random);
            PlatformRules.Classroom50Violations(Classroom50Text(result)).ShouldBeEmpty($"{result.Score} of {result.MaxScore}");
        }
    }

    [Test]
    public void A_compile_error_with_its_tasks_gives_Classroom_50_and_the_reporter_one_failed_compile_test_holding_the_points()
    {
        var json = JsonNode.Parse(Classroom50Text(NotCompiledWithTasks))!.AsObject();

        PlatformRules.Classroom50Violations(json.ToJsonString()).ShouldBeEmpty();
        json["score"]!.GetValue<int>().ShouldBe(0);
        json["max-score"]!.GetValue<int>().ShouldBe(40);
        Tests(json).Select(t => (t["test-name"]!.GetValue<string>(), t["passed"]!.GetValue<bool>(), t["max-score"]!.GetValue<int>())).ShouldBe([("Compile", false, 40)]);
        Tests(Render("classroom", NotCompiledWithTasks)).Single()["name"]!.GetValue<string>().ShouldBe("Compile");
    }

    [Test]
    public void Classroom_50_would_refuse_the_points_with_decimals_the_kit_wrote_before()
    {
        var text = Classroom50Text(Graded).Replace("\"score\":33", "\"score\":32.5", StringComparison.Ordinal);

        PlatformRules.Classroom50Violations(text).ShouldBe(["'score' must be a non-negative integer, not 32.5"]);
    }

    [Test]
    public void Classroom_50_caps_bonus_points_at_max_score_which_its_validators_require()
    {
        var result = WholePointsTests.Result(WholePointsTests.Task(1, 10, [1], [true]), WholePointsTests.Task(2, 5, [1], [true], bonus: true));

        var json = JsonNode.Parse(Classroom50Text(result))!.AsObject();

        result.Score.ShouldBe(15m);
        json["score"]!.GetValue<int>().ShouldBe(10);
        json["max-score"]!.GetValue<int>().ShouldBe(10);
        Tests(json).Last()["max-score"]!.GetValue<int>().ShouldBe(5, "a bonus test's own points, since a test may not score above its maximum");
        PlatformRules.Classroom50Violations(json.ToJsonString()).ShouldBeEmpty();
    }

    [Test]
    public void Classroom_50_outside_its_runner_lacks_only_the_fields_the_runner_supplies()
    {
        var violations = PlatformRules.Classroom50Violations(ResultFormats.Classroom50(Graded, _ => null).ToJsonString());

        violations.ShouldBe(new[] { "classroom", "assignment", "assignment_type", "owner", "submission", "commit", "release", "review" }
            .Select(name => $"'{name}' is missing"));
    }

    [Test]
    public void Classroom_50_copies_the_submission_fields_its_runner_sets()
    {
        var environment = new Dictionary<string, string> { ["CLASSROOM"] = "nn101", ["SUBMISSION_TAG"] = "submit/1", ["COMMIT_URL"] = "https://x/c" };

        var json = ResultFormats.Classroom50(Graded, name => environment.GetValueOrDefault(name));

        json["classroom"]!.GetValue<string>().ShouldBe("nn101");
        json["submission"]!.GetValue<string>().ShouldBe("submit/1");
        json["commit"]!.GetValue<string>().ShouldBe("https://x/c");
        json.ContainsKey("assignment").ShouldBeFalse("a field whose variable is not set is left out");
    }

    [Test]
    public void Gradescope_has_score_and_per_test_name_score_max_score_status_output_visibility()
    {
        var json = Render("gradescope", Graded);

        json["score"]!.GetValue<decimal>().ShouldBe(32.5m);
        json["execution_time"]!.GetValue<int>().ShouldBe(13);
        foreach (var test in Tests(json))
        {
            test.Select(p => p.Key).ShouldBe(["name", "number", "score", "max_score", "status", "output", "visibility"]);
            test["status"]!.GetValue<string>().ShouldBeOneOf("passed", "failed");
        }

        var failed = Tests(json).ElementAt(1);
        failed["status"]!.GetValue<string>().ShouldBe("failed");
        failed["output"]!.GetValue<string>().ShouldStartWith("DWeight is wrong");
        failed["number"]!.GetValue<string>().ShouldBe("1.2");
    }

    [Test]
    public void Gradescope_puts_the_compiler_errors_in_the_top_level_output()
    {
        var json = Render("gradescope", NotCompiled);

        json["score"]!.GetValue<decimal>().ShouldBe(0m);
        json["output"]!.GetValue<string>().ShouldContain("Affine.cs(3,5): CS1002: ; expected");
        json["tests"]!.AsArray().ShouldBeEmpty();
    }

    [Test]
    public void Exercism_v3_has_version_status_and_per_test_name_status_message_output_task_id_and_no_test_code()
    {
        var json = Render("exercism", Graded);

        json["version"]!.GetValue<int>().ShouldBe(3);
        json["status"]!.GetValue<string>().ShouldBe("fail");
        foreach (var test in Tests(json))
        {
            test.Select(p => p.Key).ShouldBe(["name", "status", "message", "output", "task_id"]);
            test["status"]!.GetValue<string>().ShouldBeOneOf("pass", "fail", "error");
        }

        Tests(json).Select(t => t["task_id"]!.GetValue<int>()).ShouldBe([1, 1, 2, 2, 5]);
        Tests(json).ElementAt(1)["output"]!.GetValue<string>().Length.ShouldBe(500, "Exercism shows at most 500 characters of output");
    }

    [Test]
    public void Exercism_v3_reports_a_compile_error_as_status_error_with_a_message_and_no_tests()
    {
        var json = Render("exercism", NotCompiled);

        json["status"]!.GetValue<string>().ShouldBe("error");
        json["message"]!.GetValue<string>().ShouldContain("CS1002");
        json.ContainsKey("tests").ShouldBeFalse();
    }

    [Test]
    public void Classroom_v1_has_version_status_max_score_and_per_test_points()
    {
        var json = Render("classroom", Graded);

        json["version"]!.GetValue<int>().ShouldBe(1);
        json["status"]!.GetValue<string>().ShouldBe("fail");
        json["max_score"]!.GetValue<int>().ShouldBe(40);
        Tests(json).Select(t => t["score"]!.GetValue<int>()).ShouldBe([23, 0, 10, 0, 0]);
        foreach (var test in Tests(json))
        {
            test.Select(p => p.Key).ShouldBe(["name", "status", "message", "test_code", "filename", "line_no", "execution_time", "score"]);
        }
    }

    [Test]
    public void The_Classroom_reporter_posts_the_score_rounded_with_no_floating_point_residue()
    {
        ResultFormats.Render("classroom", Graded).ShouldSatisfyAllConditions(text => PlatformRules.ClassroomReporterPoints(text).ShouldBe("Points 33/40"));
        PlatformRules.ClassroomReporterPoints(ResultFormats.Render("classroom", NotCompiled)).ShouldBe("Points 0/40");
        var random = new Random(1);
        for (var run = 0; run < 200; run++)
        {
            var result = WholePointsTests.RandomResult(random);
            var points = PlatformRules.ClassroomReporterPoints(ResultFormats.Render("classroom", result));

            points.ShouldBe(result.MaxScore == 0 ? null : FormattableString.Invariant($"Points {Math.Round(result.Score, MidpointRounding.AwayFromZero):0}/{result.MaxScore:0}"));
        }
    }

    [Test]
    public void The_Classroom_reporter_adds_points_with_decimals_with_a_residue()
    {
        // As the kit wrote them before: ten 9.09-point tests and one of 2.28 passed, 93.18 points.
        var decimals = """{"max_score":100,"tests":[""" + string.Join(",", Enumerable.Repeat("""{"score":9.09}""", 10)) + """,{"score":2.28}]}""";

        PlatformRules.ClassroomReporterPoints(decimals).ShouldBe("Points 93.18000000000002/100");
    }

    [Test]
    public void Every_format_gives_the_same_total_rounded_half_up_where_a_platform_takes_whole_numbers()
    {
        Render("json", Graded)["score"]!.GetValue<decimal>().ShouldBe(32.5m);
        Render("classroom50", Graded)["score"]!.GetValue<int>().ShouldBe(33);
        Tests(Render("classroom", Graded)).Sum(t => t["score"]!.GetValue<int>()).ShouldBe(33);
        Render("gradescope", Graded)["score"]!.GetValue<decimal>().ShouldBe(32.5m);
        Tests(Render("gradescope", Graded)).Sum(t => t["score"]!.GetValue<decimal>()).ShouldBe(32.5m);
    }

    [Test]
    public void The_report_states_the_grade_in_the_whole_points_the_Classroom_reporter_posts_and_names_its_table()
    {
        var report = MarkdownReport.RenderInWholePoints(Graded, "classroom");

        PlatformRules.ClassroomReporterPoints(ResultFormats.Render("classroom", Graded)).ShouldBe("Points 33/40");
        report.ShouldStartWith("## Grade: 33 / 40\n\nThe grade is 33 / 40, the points posted to GitHub Classroom (\"Points 33/40\"), the grader's 32.5 points rounded");
        report.ShouldContain("| 1. Affine | 1 / 2 | 23 / 25 |");
        report.ShouldContain("| **Total** | | **33 / 40** |");
        report.ShouldContain("**Backward is right** (−2)");
        PlatformRules.ClassroomReporterTableScore(ResultFormats.Render("classroom", Graded)).ShouldBe(16);
        report.ShouldContain("\"Test runner summary\" in the workflow log shows 16 instead: the share of tests passed (2 of 5) times 40");
    }

    [Test]
    public void The_reports_total_is_the_posted_points_and_names_the_reporters_table_when_it_differs_for_any_result()
    {
        var random = new Random(96);
        for (var run = 0; run < 200; run++)
        {
            var result = WholePointsTests.RandomResult(random);
            var classroom = ResultFormats.Render("classroom", result);
            if (PlatformRules.ClassroomReporterPoints(classroom) is not { } posted)
            {
                continue; // no points: the reporter posts nothing
            }

            var report = MarkdownReport.RenderInWholePoints(result, "classroom");

            report.ShouldStartWith($"## Grade: {posted["Points ".Length..].Replace("/", " / ", StringComparison.Ordinal)}\n");
            report.ShouldContain($"| **Total** | | **{posted["Points ".Length..].Replace("/", " / ", StringComparison.Ordinal)}** |");
            var table = PlatformRules.ClassroomReporterTableScore(classroom);
            var named = System.Text.RegularExpressions.Regex.Match(report, "in the workflow log shows ([0-9.]+) instead");
            named.Success.ShouldBe(Math.Abs(table - (double)Math.Round(result.Score, MidpointRounding.AwayFromZero)) >= 0.005, report);
            if (named.Success)
            {
                double.Parse(named.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(table, 0.0051, "rounded to two decimals");
            }
        }
    }

    [Test]
    public void The_report_states_the_grade_Classroom_50_records_capped_at_full_marks()
    {
        var bonus = WholePointsTests.Result(WholePointsTests.Task(1, 10, [1], [true]), WholePointsTests.Task(2, 5, [1], [true], bonus: true));

        JsonNode.Parse(Classroom50Text(Graded))!["score"]!.GetValue<int>().ShouldBe(33);
        MarkdownReport.RenderInWholePoints(Graded, "classroom50").ShouldStartWith("## Grade: 33 / 40\n\nThe grade is 33 / 40, the points Classroom 50 records, the grader's 32.5 points rounded");
        JsonNode.Parse(Classroom50Text(bonus))!["score"]!.GetValue<int>().ShouldBe(10);
        MarkdownReport.RenderInWholePoints(bonus, "classroom50").ShouldStartWith("## Grade: 10 / 10\n\nThe grade is 10 / 10, the points Classroom 50 records, the grader's 15 points capped at full marks");
        MarkdownReport.RenderInWholePoints(bonus, "classroom50").ShouldNotContain("Test runner summary");
    }

    [Test]
    public void Without_a_whole_points_format_the_report_keeps_the_graders_points()
    {
        MarkdownReport.Render(Graded).ShouldStartWith("## Grade: 32.5 / 40\n\nGraded exercises/ with seed 7.");
    }

    [Test]
    public void Tests_that_lost_points_for_one_reason_are_a_list_under_it_in_the_report()
    {
        var same = new TaskResult(4, "Net", 0m, 10m, false,
            [.. Enumerable.Range(1, 3).Select(i => new TestResult($"Test {i}", "fail", 0m, 2.5m, "not implemented yet", null)), new TestResult("Other", "fail", 0m, 2.5m, "wrong", null)]);
        var report = MarkdownReport.Render(Graded with { Tasks = [same] });

        report.ShouldContain("- ❌ 3 tests: not implemented yet\n  - **Test 1** (−2.5)\n  - **Test 2** (−2.5)\n  - **Test 3** (−2.5)\n");
        report.ShouldContain("- ❌ **Other** (−2.5): wrong\n");
    }

    [Test]
    public void Hiding_messages_keeps_names_statuses_and_points_only()
    {
        var hidden = Graded.WithoutTestDetails();

        hidden.Tasks.SelectMany(task => task.Tests).ShouldAllBe(test => test.Message == null && test.Output == null);
        hidden.Tasks.SelectMany(task => task.Tests).Select(test => (test.Name, test.Status, test.Score))
            .ShouldBe(Graded.Tasks.SelectMany(task => task.Tests).Select(test => (test.Name, test.Status, test.Score)));
    }

    [Test]
    public void A_format_is_written_beside_the_result_unless_a_path_is_given()
    {
        var outputs = Commands.GradeCommand.FormatOutputs(["gradescope", "exercism=/tmp/x/results.json", "json"], "/out/result.json");

        outputs.ShouldBe([
            ("json", "/out/result.json"),
            ("gradescope", Path.Combine("/out", "gradescope", "results.json")),
            ("exercism", "/tmp/x/results.json"),
        ]);
    }

    [Test]
    public void An_unknown_format_is_refused_with_the_list_of_formats()
    {
        var error = Should.Throw<GradingException>(() => Commands.GradeCommand.FormatOutputs(["moodle"], "/out/result.json"));

        error.Message.ShouldBe("unknown --format 'moodle' (use one of json, classroom, classroom50, gradescope, exercism)");
    }
}
