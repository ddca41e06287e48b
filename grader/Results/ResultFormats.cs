using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coursework.Grading.Results;

/// <summary>
/// The grading platforms' result files, each made from the one <see cref="GradingResult"/>. Field names follow each
/// platform's documentation (cited per format); scores are in points with two decimals, as in our JSON, except where
/// a platform takes whole numbers only (<see cref="WholePoints"/>).
/// </summary>
internal static class ResultFormats
{
    /// <summary>The formats <c>--format</c> accepts, with the file each writes when no path is given (beside the JSON result).</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultFileNames = new Dictionary<string, string>
    {
        ["json"] = "result.json",
        ["classroom"] = "classroom.json",
        ["classroom50"] = "classroom50.json",
        ["gradescope"] = Path.Combine("gradescope", "results.json"),
        ["exercism"] = Path.Combine("exercism", "results.json"),
    };

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The result in the named format.</summary>
    /// <param name="format">One of <see cref="DefaultFileNames"/>' keys.</param>
    /// <param name="result">The result.</param>
    /// <returns>The file's text.</returns>
    public static string Render(string format, GradingResult result) => format switch
    {
        "json" => ResultWriter.ToJson(result),
        "classroom" => Classroom(result).ToJsonString(Options) + "\n",
        "classroom50" => Classroom50(result, Environment.GetEnvironmentVariable).ToJsonString(Options) + "\n",
        "gradescope" => Gradescope(result).ToJsonString(Options) + "\n",
        "exercism" => Exercism(result).ToJsonString(Options) + "\n",
        _ => throw new GradingException($"unknown format '{format}' (use one of {string.Join(", ", DefaultFileNames.Keys)})"),
    };

    /// <summary>
    /// GitHub Classroom's runner result, version 1, as classroom-resources/autograding-grading-reporter reads it
    /// (base64 in the runner's <c>result</c> output): one entry per hidden test with its points, so partial credit shows.
    /// The reporter posts "Points {sum of the tests' scores}/{max_score}", adding the scores as JavaScript numbers
    /// (src/notify-classroom.js), so they are whole points (<see cref="WholePoints"/>): their sum is the grader's score
    /// rounded, with no floating-point residue.
    /// </summary>
    public static JsonObject Classroom(GradingResult result)
    {
        var points = WholePoints.Of(result);
        var tests = new JsonArray(Tests(result).Zip(points.Tests, (t, whole) => (JsonNode)new JsonObject
        {
            ["name"] = t.FullName,
            ["status"] = t.Test.Status,
            ["message"] = t.Test.Message ?? string.Empty,
            ["test_code"] = string.Empty,
            ["filename"] = string.Empty,
            ["line_no"] = 0,
            ["execution_time"] = string.Empty,
            ["score"] = whole.Score,
        }).ToArray());
        if (tests.Count == 0)
        {
            tests.Add(new JsonObject
            {
                ["name"] = "Compile", ["status"] = "error", ["message"] = result.Message ?? "grading failed",
                ["test_code"] = string.Empty, ["filename"] = string.Empty, ["line_no"] = 0, ["execution_time"] = string.Empty, ["score"] = 0,
            });
        }

        return new JsonObject { ["version"] = 1, ["status"] = result.Status, ["max_score"] = points.MaxScore, ["tests"] = tests };
    }

    /// <summary>
    /// Classroom 50's <c>result.json</c> (schema <c>classroom50/result/v1</c>, foundation50/classroom50
    /// schemas/result-v1.schema.json, enforced by validate_result in cli/gh-teacher/skeleton/dotgithub/scripts/runner.py
    /// and collect_scores.py): whole-number score and max-score, per test too, with score ≤ max-score. The fields about
    /// the submission come from the variables its runner sets for the autograder (CLASSROOM, ASSIGNMENT,
    /// SUBMISSION_TAG, OWNER, ASSIGNMENT_TYPE, COMMIT_URL, RELEASE_URL, REVIEW_URL), where present; the runner itself
    /// overwrites owner, assignment_type and datetime. The validators refuse a score above its maximum: a bonus test's
    /// maximum is its own points, and the total is capped at max-score (bonus points past full marks do not show there).
    /// </summary>
    public static JsonObject Classroom50(GradingResult result, Func<string, string?> environment)
    {
        var json = new JsonObject { ["schema"] = "classroom50/result/v1" };
        foreach (var (field, variable) in new[]
                 {
                     ("classroom", "CLASSROOM"), ("assignment", "ASSIGNMENT"), ("assignment_type", "ASSIGNMENT_TYPE"), ("owner", "OWNER"),
                     ("submission", "SUBMISSION_TAG"), ("commit", "COMMIT_URL"), ("release", "RELEASE_URL"), ("review", "REVIEW_URL"),
                 })
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                json[field] = value;
            }
        }

        var points = WholePoints.Of(result);
        json["datetime"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        json["score"] = Math.Min(points.Score, points.MaxScore);
        json["max-score"] = points.MaxScore;
        json["tests"] = new JsonArray(Tests(result).Zip(points.Tests, (t, whole) => (JsonNode)new JsonObject
        {
            ["test-name"] = t.FullName,
            ["passed"] = t.Test.Status == "pass",
            ["score"] = whole.Score,
            ["max-score"] = whole.MaxScore,
        }).ToArray());
        if (json["tests"]!.AsArray().Count == 0 && result.Status == "error")
        {
            // No test ran: one failed test holds the points, so the Release's table says why the score is 0.
            json["tests"]!.AsArray().Add(new JsonObject
            {
                ["test-name"] = "Compile", ["passed"] = false, ["score"] = 0, ["max-score"] = points.MaxScore, ["message"] = result.Message ?? "grading failed",
            });
        }

        return json;
    }

    /// <summary>
    /// Gradescope's <c>/autograder/results/results.json</c>: the total score, one test per hidden test with
    /// score, max_score, status (passed/failed), output and visibility, and the compiler errors as the top-level output.
    /// </summary>
    public static JsonObject Gradescope(GradingResult result)
    {
        var json = new JsonObject
        {
            ["score"] = result.Score,
            ["execution_time"] = (int)Math.Ceiling(result.DurationSeconds),
            ["output"] = Summary(result),
            ["visibility"] = "visible",
            ["tests"] = new JsonArray(Tests(result).Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t.FullName,
                ["number"] = $"{t.TaskId}.{t.Number}",
                ["score"] = t.Test.Score,
                ["max_score"] = t.Bonus ? 0m : t.Test.MaxScore,
                ["status"] = t.Test.Status == "pass" ? "passed" : "failed",
                ["output"] = Details(t.Test),
                ["visibility"] = "visible",
            }).ToArray()),
        };
        return json;
    }

    /// <summary>
    /// Exercism's test runner <c>results.json</c>, version 3: status pass/fail/error, a message when the code could not
    /// be tested, and per test name, status, message, output (at most 500 characters), and task_id (no test_code: the tests are hidden).
    /// </summary>
    public static JsonObject Exercism(GradingResult result)
    {
        var json = new JsonObject { ["version"] = 3, ["status"] = result.Status };
        if (result.Status == "error")
        {
            json["message"] = Summary(result);
            return json;
        }

        json["tests"] = new JsonArray(Tests(result).Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.FullName,
            ["status"] = t.Test.Status,
            ["message"] = t.Test.Message,
            ["output"] = t.Test.Output is { } output && output.Length > 500 ? output[..497] + "..." : t.Test.Output,
            // No test_code: a hidden test's code is what must stay hidden, and a sentence in its place is not code.
            ["task_id"] = t.TaskId,
        }).ToArray());
        return json;
    }

    private sealed record FlatTest(int TaskId, string TaskName, bool Bonus, int Number, TestResult Test)
    {
        public string FullName => $"Task {TaskId} {TaskName}: {Test.Name}";
    }

    private static IEnumerable<FlatTest> Tests(GradingResult result) =>
        result.Tasks.SelectMany(task => task.Tests.Select((test, i) => new FlatTest(task.Id, task.Name, task.Bonus, i + 1, test)));

    private static string Summary(GradingResult result) => result.Status == "error"
        ? string.Join("\n", new[] { result.Message ?? "The code could not be graded." }.Concat(result.Errors.Take(20).Select(error => error.ToString())))
        : $"{result.Score.ToString("0.##", CultureInfo.InvariantCulture)} of {result.MaxScore.ToString("0.##", CultureInfo.InvariantCulture)} points, seed {result.Seed}.";

    private static string Details(TestResult test) =>
        string.Join("\n\n", new[] { test.Message, test.Output is null ? null : $"Your code printed:\n{test.Output}" }.OfType<string>());
}
