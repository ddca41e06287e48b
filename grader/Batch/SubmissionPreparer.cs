using System.IO.Compression;

namespace Coursework.Grading.Batch;

/// <summary>One entry of a submissions folder: a folder or a .zip, named after the student.</summary>
/// <param name="StudentId">The folder's name, or the zip's name without .zip.</param>
/// <param name="Path">The folder or the zip.</param>
internal sealed record Submission(string StudentId, string Path)
{
    /// <summary>The submissions in a folder, in name order; other files are not submissions.</summary>
    /// <param name="folder">The folder holding one entry per student.</param>
    /// <returns>The submissions.</returns>
    public static IReadOnlyList<Submission> In(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"batch: the submissions folder '{folder}' does not exist");
        }

        return Directory.EnumerateFileSystemEntries(folder)
            .Where(entry => Directory.Exists(entry) || entry.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            .Where(entry => !System.IO.Path.GetFileName(entry).StartsWith('.'))
            .Select(entry => new Submission(
                Directory.Exists(entry) ? System.IO.Path.GetFileName(entry) : System.IO.Path.GetFileNameWithoutExtension(entry), entry))
            .OrderBy(submission => submission.StudentId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>When the submission last changed: the zip's time, or the latest time of any file or folder in it.</summary>
    /// <remarks>A folder's own time changes when a file in it is added, renamed or deleted.</remarks>
    /// <returns>A UTC time.</returns>
    public DateTime LastChangeUtc() =>
        File.Exists(Path)
            ? File.GetLastWriteTimeUtc(Path)
            : Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
                .Select(entry => Directory.Exists(entry) ? Directory.GetLastWriteTimeUtc(entry) : File.GetLastWriteTimeUtc(entry))
                .Append(Directory.GetLastWriteTimeUtc(Path))
                .Max();
}

/// <summary>
/// Turns a submission (a student's exercise files, or a whole repository, as a folder or a zip) into a folder holding
/// the files the assignment asks for and the student's other C# files beside them (a helper class of their own), which
/// the grader's <c>--submission</c> then grades: the same code a grading inside the student's repository compiles.
/// </summary>
/// <param name="stubFiles">The manifest's exercise files (e.g. exercises/Task1_Affine/Affine.cs).</param>
/// <param name="kitRoot">The kit, whose exercises/ tells the student's own files from the ones given unchanged.</param>
internal sealed class SubmissionPreparer(IReadOnlyList<string> stubFiles, string kitRoot)
{
    /// <summary>Copies the submission's exercise files into <paramref name="destination"/>.</summary>
    /// <param name="submission">The submission.</param>
    /// <param name="destination">A folder to create (emptied first).</param>
    /// <exception cref="GradingException">A broken zip, or no exercise file at all.</exception>
    public void Prepare(Submission submission, string destination)
    {
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        var source = submission.Path;
        if (File.Exists(submission.Path))
        {
            source = destination + ".unzipped";
            if (Directory.Exists(source))
            {
                Directory.Delete(source, recursive: true);
            }

            try
            {
                ZipFile.ExtractToDirectory(submission.Path, source); // refuses entries that would land outside `source`
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                throw new GradingException($"'{Path.GetFileName(submission.Path)}' is not a readable zip archive ({exception.Message})");
            }
        }

        try
        {
            Directory.CreateDirectory(destination);
            var found = 0;
            foreach (var stub in stubFiles)
            {
                if (Find(source, stub) is { } file)
                {
                    File.Copy(file, Path.Combine(destination, Path.GetFileName(stub)));
                    found++;
                }
            }

            if (found == 0)
            {
                throw new GradingException($"no exercise file in the submission (expected {string.Join(", ", stubFiles.Select(Path.GetFileName).Take(4))}, …)");
            }

            foreach (var extra in OwnFiles(source))
            {
                var target = Path.Combine(destination, Path.GetFileName(extra));
                if (File.Exists(target))
                {
                    throw new GradingException($"the submission has two C# files named {Path.GetFileName(extra)} in exercises/; the grader takes them by name, so rename one");
                }

                File.Copy(extra, target);
            }
        }
        finally
        {
            if (source != submission.Path)
            {
                Directory.Delete(source, recursive: true);
            }
        }
    }

    /// <summary>
    /// The student's C# files besides the exercise files: in a whole repository, every file under its exercises/ but
    /// the demo's Program.cs and the files given unchanged; in a folder of files alone, the other .cs files at its top.
    /// </summary>
    private IEnumerable<string> OwnFiles(string root)
    {
        var stubNames = stubFiles.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var repository = new[] { root }.Concat(Directory.GetDirectories(root)).FirstOrDefault(top => Directory.Exists(Path.Combine(top, "exercises")));
        if (repository is null)
        {
            return Directory.GetFiles(root, "*.cs").Where(file => !stubNames.Contains(Path.GetFileName(file))).Order(StringComparer.Ordinal);
        }

        var exercises = Path.Combine(repository, "exercises");
        return Directory.GetFiles(exercises, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(exercises, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(file => !stubNames.Contains(Path.GetFileName(file)) && Path.GetRelativePath(exercises, file) != "Program.cs")
            .Where(file => !SameAsGiven(Path.Combine(kitRoot, "exercises", Path.GetRelativePath(exercises, file)), file))
            .Order(StringComparer.Ordinal);
    }

    private static bool SameAsGiven(string kitFile, string file) =>
        File.Exists(kitFile) && File.ReadAllBytes(kitFile).AsSpan().SequenceEqual(File.ReadAllBytes(file));

    /// <summary>
    /// The student's version of an exercise file: at its path in a whole repository (at the top or one folder down,
    /// as GitHub's "Download ZIP" nests it), else the only file of that name anywhere in the submission.
    /// </summary>
    private static string? Find(string root, string stub)
    {
        foreach (var top in new[] { root }.Concat(Directory.GetDirectories(root)))
        {
            var candidate = Path.Combine(top, stub);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var sameName = Directory.GetFiles(root, Path.GetFileName(stub), SearchOption.AllDirectories)
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "solutions"))
            .ToList();
        return sameName.Count == 1 ? sameName[0] : null;
    }
}
