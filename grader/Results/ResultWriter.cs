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

    /// <summary>Our JSON (the contract in docs/results.md).</summary>
    public static string ToJson(GradingResult result) => JsonSerializer.Serialize(result, Options) + "\n";

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
