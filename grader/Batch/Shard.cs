using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coursework.Grading.Batch;

/// <summary>
/// One share of a batch, <c>--shard I/N</c>: the submissions in name order (ordinal, as the batch sorts them) dealt out
/// round-robin, so shard I of N grades those at positions I-1, I-1+N, I-1+2N… Every shard lists the same folder, so the
/// N shares are disjoint, cover every submission, and differ in size by at most one.
/// </summary>
/// <param name="Index">I, from 1.</param>
/// <param name="Count">N.</param>
internal sealed record Shard(int Index, int Count)
{
    /// <summary>The file a shard's output folder carries so that <c>merge</c> can check the shards fit together.</summary>
    public const string MarkerFile = "shard.json";

    /// <summary>Reads I/N.</summary>
    /// <param name="text">The option's value.</param>
    /// <returns>The shard.</returns>
    /// <exception cref="UsageException">Not two whole numbers with 1 ≤ I ≤ N.</exception>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new UsageException($"--shard must be I/N, such as 1/4, not '{text}'");
        }

        return count < 1 || index < 1 || index > count
            ? throw new UsageException($"--shard {text}: I must be from 1 to N (and N at least 1)")
            : new Shard(index, count);
    }

    /// <summary>This shard's share of the submissions, in their order.</summary>
    /// <param name="all">Every submission, in name order.</param>
    /// <returns>Those at positions Index-1, Index-1+Count, ….</returns>
    public IReadOnlyList<Submission> Of(IReadOnlyList<Submission> all) =>
        all.Where((_, position) => position % Count == Index - 1).ToList();

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Writes the marker: which shard this is, how many submissions the whole batch has, and whose are here.</summary>
    /// <param name="folder">The shard's --out.</param>
    /// <param name="total">How many submissions the folder holds in all.</param>
    /// <param name="students">The students of this shard.</param>
    public void WriteMarker(string folder, int total, IEnumerable<string> students)
    {
        var marker = new JsonObject
        {
            ["shard"] = Index,
            ["of"] = Count,
            ["submissions"] = total,
            ["students"] = new JsonArray(students.Select(student => (JsonNode)student).ToArray()),
        };
        Results.ResultWriter.Write(Path.Combine(folder, MarkerFile), marker.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}

/// <summary>What a shard's marker says.</summary>
/// <param name="Folder">The shard's output folder.</param>
/// <param name="Shard">Which shard.</param>
/// <param name="Submissions">How many submissions the whole batch has.</param>
/// <param name="Students">The students graded in this shard.</param>
internal sealed record ShardMarker(string Folder, Shard Shard, int Submissions, IReadOnlyList<string> Students)
{
    /// <summary>Reads a shard's marker.</summary>
    /// <param name="folder">A folder written by <c>batch --shard</c>.</param>
    /// <returns>The marker.</returns>
    /// <exception cref="UsageException">The folder is missing or is not a shard's output.</exception>
    public static ShardMarker Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"merge: the shard folder '{folder}' does not exist");
        }

        var path = Path.Combine(folder, Shard.MarkerFile);
        if (!File.Exists(path))
        {
            throw new UsageException($"merge: '{folder}' is not the output of batch --shard (it has no {Shard.MarkerFile})");
        }

        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("not a JSON object");
            var shard = new Shard(Whole(json, "shard"), Whole(json, "of"));
            var students = (json["students"] as JsonArray ?? throw new FormatException("no list of students"))
                .Select(node => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : throw new FormatException("a student that is not a name"))
                .ToList();
            return shard.Count < 1 || shard.Index < 1 || shard.Index > shard.Count
                ? throw new UsageException($"merge: {path} names shard {shard}, which cannot be")
                : new ShardMarker(folder, shard, Whole(json, "submissions"), students);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            throw new UsageException($"merge: {path} is not a shard marker ({exception.Message})");
        }
    }

    private static int Whole(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : throw new FormatException($"'{name}' is not a whole number");
}
