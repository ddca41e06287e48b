using System.Text;

namespace Coursework.Grading.Batch;

/// <summary>
/// <c>merge SHARD_DIR… --out DIR</c>: puts the outputs of <c>batch --shard I/N</c> back together, as one unsharded batch
/// would have written them: grades.csv with the rows in the batch's order (student names, ordinal), and every result and
/// feedback file. It refuses shards that do not fit: missing, overlapping, of different splits or grading options.
/// </summary>
internal static class ShardMerger
{
    /// <summary>Checks the shards and writes the merged output.</summary>
    /// <param name="shardFolders">Each shard's --out.</param>
    /// <param name="outputFolder">A new or empty folder.</param>
    /// <returns>The merged outcomes, in the gradebook's order (for an LMS gradebook).</returns>
    /// <exception cref="UsageException">The shards do not make one batch, or the output folder cannot take them.</exception>
    public static IReadOnlyList<BatchOutcome> Merge(IReadOnlyList<string> shardFolders, string outputFolder)
    {
        var folders = shardFolders.Select(Path.GetFullPath).ToList();
        var output = Path.GetFullPath(outputFolder);
        if (folders.Count == 0)
        {
            throw new UsageException("merge: give the shard folders to merge");
        }

        if (folders.GroupBy(folder => folder, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            throw new UsageException($"merge: '{twice.Key}' is given twice (overlapping shards)");
        }

        if (folders.Any(folder => folder == output || output.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            throw new UsageException($"merge: --out '{output}' is a shard folder or inside one; give a new or empty folder");
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new UsageException($"merge: --out '{output}' is not empty; give a new or empty folder");
        }

        var markers = folders.Select(ShardMarker.Read).ToList();
        Check(markers);

        var header = (IReadOnlyList<string>?)null;
        var rows = new List<List<string>>();
        foreach (var marker in markers)
        {
            var records = ReadGrades(marker.Folder);
            if (header is null)
            {
                header = records[0];
            }
            else if (!header.SequenceEqual(records[0]))
            {
                throw new UsageException($"merge: the grades.csv of '{markers[0].Folder}' and '{marker.Folder}' have different columns (graded with other tasks?)");
            }

            var students = records.Skip(1).Select(row => row[0]).ToList();
            if (!students.Order(StringComparer.Ordinal).SequenceEqual(marker.Students.Order(StringComparer.Ordinal)))
            {
                throw new UsageException($"merge: the grades.csv of '{marker.Folder}' does not list the students of its {Shard.MarkerFile}; grade that shard again");
            }

            rows.AddRange(records.Skip(1));
        }

        // The unsharded batch writes its rows in the submissions' order: student names, ordinal.
        rows.Sort((a, b) => string.CompareOrdinal(a[0], b[0]));
        var csv = new StringBuilder();
        csv.AppendLine(Gradebook.Row(header!));
        foreach (var row in rows)
        {
            csv.AppendLine(Gradebook.Row(row));
        }

        Directory.CreateDirectory(output);
        foreach (var marker in markers)
        {
            var names = marker.Students.Select(BatchGrader.FileName).ToHashSet(StringComparer.Ordinal);
            foreach (var sub in new[] { "results", "feedback" })
            {
                CopyFiles(Path.Combine(marker.Folder, sub), Path.Combine(output, sub), names);
            }
        }

        Results.ResultWriter.Write(Path.Combine(output, "grades.csv"), csv.ToString());
        var results = Path.Combine(output, "results");
        return rows.Select(row => Path.Combine(results, BatchGrader.FileName(row[0]) + ".json") is var file && File.Exists(file)
                ? new BatchOutcome(row[0], file, null, Skipped: true, TimeSpan.Zero)
                : new BatchOutcome(row[0], null, row[^1], Skipped: true, TimeSpan.Zero))
            .ToList();
    }

    /// <summary>The shards must be every shard of one split of one folder, each once, graded with the same options.</summary>
    private static void Check(IReadOnlyList<ShardMarker> markers)
    {
        var first = markers[0];
        foreach (var marker in markers.Skip(1))
        {
            if (marker.Shard.Count != first.Shard.Count || marker.Submissions != first.Submissions)
            {
                throw new UsageException($"merge: '{first.Folder}' is shard {first.Shard} of {first.Submissions} submissions but '{marker.Folder}' is shard {marker.Shard} of {marker.Submissions}: not one batch");
            }

            if (markers.TakeWhile(other => other != marker).FirstOrDefault(other => other.Shard == marker.Shard) is { } same)
            {
                throw new UsageException($"merge: '{same.Folder}' and '{marker.Folder}' are both shard {marker.Shard} (overlapping shards)");
            }

            if (Options(marker.Folder) != Options(first.Folder))
            {
                throw new UsageException($"merge: '{first.Folder}' and '{marker.Folder}' were graded with different options (seed, tasks or limits)");
            }
        }

        var missing = Enumerable.Range(1, first.Shard.Count).Except(markers.Select(marker => marker.Shard.Index)).ToList();
        if (missing.Count > 0)
        {
            throw new UsageException($"merge: shard {new Shard(missing[0], first.Shard.Count)} is missing; give the folders of all {first.Shard.Count} shards");
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var marker in markers)
        {
            foreach (var student in marker.Students)
            {
                if (!seen.TryAdd(student, marker.Folder))
                {
                    throw new UsageException($"merge: '{student}' is in both '{seen[student]}' and '{marker.Folder}' (overlapping shards)");
                }
            }
        }

        if (seen.Count != first.Submissions)
        {
            throw new UsageException($"merge: the shards hold {seen.Count} of the batch's {first.Submissions} submissions; grade the shards of one submissions folder");
        }
    }

    private static string? Options(string folder) =>
        Path.Combine(folder, "results", "options.txt") is var file && File.Exists(file) ? File.ReadAllText(file) : null;

    private static List<List<string>> ReadGrades(string folder)
    {
        var path = Path.Combine(folder, "grades.csv");
        if (!File.Exists(path))
        {
            throw new UsageException($"merge: '{folder}' has no grades.csv (did that shard finish?)");
        }

        try
        {
            var records = Csv.Parse(File.ReadAllText(path));
            return records.Count > 0 && records[0].Count > 0 && records[0][0] == "student"
                ? records
                : throw new UsageException($"merge: {path} is not a batch's grades.csv");
        }
        catch (FormatException exception)
        {
            throw new UsageException($"merge: {path} is not readable CSV ({exception.Message})");
        }
    }

    /// <summary>Copies a shard's files of its own students (ID.json, ID.error.txt, ID.md) and the options they were graded with.</summary>
    private static void CopyFiles(string from, string to, IReadOnlySet<string> students)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(file => Path.GetFileName(file) == "options.txt" || students.Contains(StudentOf(Path.GetFileName(file)))))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>The student a batch's file belongs to: its name without .error.txt, .json or .md.</summary>
    private static string StudentOf(string fileName) =>
        new[] { ".error.txt", ".json", ".md" }.FirstOrDefault(suffix => fileName.EndsWith(suffix, StringComparison.Ordinal)) is { } suffix
            ? fileName[..^suffix.Length]
            : fileName;
}
