using System.CommandLine;
using Coursework.Grading.Batch;

namespace Coursework.Grading.Commands;

/// <summary>
/// <c>collect SUBMISSION --out DIR</c>: copies a submission's exercise files and its other C# files, from a folder or a .zip holding the files
/// alone or a whole repository, into DIR, flat, as <c>batch</c> takes them; <c>--submission DIR</c> then grades them.
/// The Gradescope package's run_autograder uses it on /autograder/submission.
/// </summary>
internal static class CollectCommand
{
    public static Command Create()
    {
        var submission = new Argument<string>("SUBMISSION") { Description = "A folder or a .zip: the student's exercise files, or a whole repository (also as GitHub's Download ZIP nests it)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder to put the exercise files in (emptied first).", Required = true };
        var command = new Command("collect", "Copies a submission's exercise files (from a folder, a zip or a whole repository) into one folder, for --submission.")
        {
            submission, output,
        };
        command.SetAction(parsed =>
        {
            var kit = KitLayout.Locate();
            var manifest = KitManifest.Load(kit);
            var path = Path.GetFullPath(parsed.GetValue(submission)!);
            if (!Directory.Exists(path) && !File.Exists(path))
            {
                throw new UsageException($"collect: '{path}' does not exist");
            }

            var destination = parsed.GetValue(output)!.FullName;
            var id = Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(path));
            new SubmissionPreparer(manifest.Tasks.SelectMany(task => task.Files.Stub).ToList(), kit.Root).Prepare(new Submission(id, path), destination);
            Console.WriteLine($"Collected {string.Join(", ", Directory.GetFiles(destination).Select(Path.GetFileName).Order(StringComparer.Ordinal))} into {destination}.");
            return 0;
        });
        return command;
    }
}
