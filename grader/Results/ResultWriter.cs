using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Coursework.Grading.Results;

/// <summary>Step 4: writes the result file (and the GitHub Classroom form of it).</summary>
internal static class ResultWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Our JSON (the contract in the README).</summary>
    public static string ToJson(GradingResult result) => JsonSerializer.Serialize(result, Options) + "\n";

    /// <summary>
    /// GitHub Classroom's runner result, version 1, as classroom-resources/autograding-grading-reporter reads it:
    /// one entry per hidden test with our per-test points as its score, so partial credit shows.
    /// </summary>
    public static string ToClassroomJson(GradingResult result)
    {
        var tests = result.Tasks.SelectMany(task => task.Tests.Select(test => new
        {
            name = $"Task {task.Id} {task.Name}: {test.Name}",
            status = test.Status,
            message = test.Message ?? string.Empty,
            test_code = string.Empty,
            filename = string.Empty,
            line_no = 0,
            execution_time = string.Empty,
            score = test.Score,
        })).ToList();
        if (tests.Count == 0)
        {
            tests.Add(new
            {
                name = "Compile", status = "error", message = result.Message ?? "grading failed",
                test_code = string.Empty, filename = string.Empty, line_no = 0, execution_time = string.Empty, score = 0m,
            });
        }

        var classroom = new { version = 1, status = result.Status, max_score = result.MaxScore, tests };
        return JsonSerializer.Serialize(classroom, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Writes a file, creating its folder.</summary>
    public static void Write(string path, string content)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
