using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Coursework.Grading.Tests;

/// <summary>
/// The platforms' own rules for a result file, restated from their sources, to check what the kit writes against.
/// </summary>
internal static partial class PlatformRules
{
    private static readonly string[] Classroom50Required =
    [
        "schema", "classroom", "assignment", "assignment_type", "owner", "submission", "commit", "release", "review",
        "datetime", "score", "max-score", "tests",
    ];

    /// <summary>The top level has additionalProperties false: these and nothing else.</summary>
    private static readonly string[] Classroom50Allowed = [.. Classroom50Required, "graded_at", "submitted_by"];

    /// <summary>
    /// What Classroom 50 refuses in a result.json, as foundation50/classroom50 states it: schemas/result-v1.schema.json
    /// (required fields, types, patterns, additionalProperties false at the top) and validate_result in
    /// cli/gh-teacher/skeleton/dotgithub/scripts/runner.py and collect_scores.py, which is stricter on numbers: a score
    /// must be a Python int (so 4.0 or 4.55 is refused), ≥ 0, and no more than its max-score, per test too.
    /// The checks against the repository's identity (classroom, assignment, owner) need the repository and are left out.
    /// </summary>
    /// <param name="text">The file's text.</param>
    /// <returns>What breaks the rules; empty when the file would be taken.</returns>
    public static IReadOnlyList<string> Classroom50Violations(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ["not a JSON object"];
        }

        var problems = new List<string>();
        problems.AddRange(Classroom50Required.Where(name => !root.TryGetProperty(name, out _)).Select(name => $"'{name}' is missing"));
        problems.AddRange(root.EnumerateObject().Select(p => p.Name).Where(name => !Classroom50Allowed.Contains(name)).Select(name => $"'{name}' is not allowed"));
        if (root.TryGetProperty("schema", out var schema) && (schema.ValueKind != JsonValueKind.String || schema.GetString() != "classroom50/result/v1"))
        {
            problems.Add("'schema' is not classroom50/result/v1");
        }

        foreach (var name in new[] { "classroom", "assignment", "owner", "commit", "release", "review" })
        {
            if (root.TryGetProperty(name, out var value) && (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 }))
            {
                problems.Add($"'{name}' must be a non-empty string");
            }
        }

        if (root.TryGetProperty("assignment_type", out var type) && type.GetString() is not ("individual" or "group"))
        {
            problems.Add("'assignment_type' must be individual or group");
        }

        if (root.TryGetProperty("submission", out var submission) && submission.GetString()?.StartsWith("submit/", StringComparison.Ordinal) != true)
        {
            problems.Add("'submission' must start with submit/");
        }

        foreach (var name in new[] { "datetime", "graded_at" })
        {
            if (root.TryGetProperty(name, out var value) && (value.ValueKind != JsonValueKind.String || !DateTimePattern().IsMatch(value.GetString()!)))
            {
                problems.Add($"'{name}' must be YYYY-MM-DDTHH:MM:SSZ");
            }
        }

        ScorePair(root, "", problems);
        if (root.TryGetProperty("tests", out var tests))
        {
            if (tests.ValueKind != JsonValueKind.Array)
            {
                problems.Add("'tests' is not a list");
            }
            else
            {
                var i = 0;
                foreach (var test in tests.EnumerateArray())
                {
                    var where = $"tests[{i++}].";
                    if (test.ValueKind != JsonValueKind.Object)
                    {
                        problems.Add($"'{where}' is not an object");
                        continue;
                    }

                    if (!test.TryGetProperty("test-name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 })
                    {
                        problems.Add($"'{where}test-name' must be a non-empty string");
                    }

                    if (!test.TryGetProperty("passed", out var passed) || passed.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        problems.Add($"'{where}passed' must be a boolean");
                    }

                    ScorePair(test, where, problems);
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// The "Points X/Y" line classroom-resources/autograding-grading-reporter posts (src/notify-classroom.js): the
    /// tests' scores added as JavaScript numbers (IEEE doubles, left to right) over max_score, or null when max_score is
    /// 0 or missing (it then posts nothing). JavaScript prints a whole double without a decimal point and any other
    /// with the shortest digits that round-trip, as .NET's "R" does.
    /// </summary>
    /// <param name="text">The runner result's text (the reporter decodes it from base64 first).</param>
    /// <returns>The line.</returns>
    public static string? ClassroomReporterPoints(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (!root.TryGetProperty("max_score", out var max) || max.GetDouble() == 0)
        {
            return null;
        }

        var total = 0.0;
        foreach (var test in root.GetProperty("tests").EnumerateArray())
        {
            total += test.GetProperty("score").GetDouble();
        }

        return $"Points {Js(total)}/{Js(max.GetDouble())}";
    }

    /// <summary>
    /// The score the reporter's "Test runner summary" table shows (dist/main.js, getTestScore, as built): the tests with
    /// status "pass" over all tests, times max_score, as a JavaScript number; it does not read the tests' scores.
    /// </summary>
    /// <param name="text">The runner result's text.</param>
    /// <returns>The table's score.</returns>
    public static double ClassroomReporterTableScore(string text)
    {
        using var document = JsonDocument.Parse(text);
        var tests = document.RootElement.GetProperty("tests").EnumerateArray().ToList();
        return (double)tests.Count(test => test.GetProperty("status").GetString() == "pass") / tests.Count * document.RootElement.GetProperty("max_score").GetDouble();
    }

    private static string Js(double number) => number.ToString("R", CultureInfo.InvariantCulture);

    private static void ScorePair(JsonElement element, string where, List<string> problems)
    {
        long? score = WholeNumber(element, "score", where, problems), max = WholeNumber(element, "max-score", where, problems);
        if (score > max)
        {
            problems.Add($"'{where}score' ({score}) > '{where}max-score' ({max})");
        }
    }

    /// <summary>A non-negative JSON integer: digits only, as Python's json reads an int (4.0 is a float).</summary>
    private static long? WholeNumber(JsonElement element, string name, string where, List<string> problems)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            if (where.Length > 0)
            {
                problems.Add($"'{where}{name}' is missing");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !DigitsOnly().IsMatch(value.GetRawText()))
        {
            problems.Add($"'{where}{name}' must be a non-negative integer, not {value.GetRawText()}");
            return null;
        }

        return value.GetInt64();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex DigitsOnly();
}
