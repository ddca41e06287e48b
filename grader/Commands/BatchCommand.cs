using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Coursework.Grading.Batch;
using Coursework.Grading.Results;
using Spectre.Console;

namespace Coursework.Grading.Commands;

/// <summary><c>batch SUBMISSIONS --out DIR</c>: grades a folder of submissions into a gradebook and feedback files.</summary>
internal static class BatchCommand
{
    public static Command Create()
    {
        var submissions = new Argument<DirectoryInfo>("SUBMISSIONS") { Description = "A folder with one entry per student: a folder or a .zip (its name is the student id) holding the student's exercise files or a whole repository." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where grades.csv, results/ and feedback/ go.", Required = true };
        var parallel = new Option<int>("--parallel") { CustomParser = result => OptionValues.Number<int>(result, "--parallel", NumberStyles.Integer, "a whole number"), Description = "How many submissions to grade at once.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var regrade = new Option<bool>("--regrade") { Description = "Grade again the submissions that already have a result in --out." };
        var lms = new Option<LmsFormat?>("--gradebook") { CustomParser = result => OptionValues.OneOf<LmsFormat>(result, "--gradebook"), Description = "Also write OUT/gradebook-canvas.csv or gradebook-moodle.csv, for the LMS's grade import (needs --roster).", HelpName = "canvas|moodle" };
        var roster = new Option<FileInfo>("--roster") { Description = "The class list exported from the LMS (Canvas: its gradebook export; Moodle: its grade export as plain text), for the students' LMS identifiers.", HelpName = "CSV" };
        var rosterKey = new Option<string>("--roster-key") { Description = "The roster column that holds the submission names (default: 'SIS Login ID' for Canvas, 'Email address' for Moodle).", HelpName = "COLUMN" };
        var column = new Option<string>("--gradebook-column") { Description = "The grade column's header: the LMS's assignment or grade item (Canvas: 'Name (ID)' as its export names it).", DefaultValueFactory = _ => "Coursework", HelpName = "NAME" };
        var shard = new Option<string?>("--shard") { Description = "Grade only share I of N (1/4, 2/4, …): the submissions in name order, dealt out round-robin. `merge` puts the shards' outputs back together.", HelpName = "I/N" };
        var run = new GradeCommand.RunOptions();
        var command = new Command("batch", "Grades every submission in a folder: grades.csv, one result and one feedback file per student. Resumable.")
        {
            submissions, output, parallel, regrade, shard, lms, roster, rosterKey, column,
        };
        foreach (var option in run.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parsed =>
        {
            var kit = KitLayout.Locate();
            var manifest = KitManifest.Load(kit);
            var tasks = manifest.Select(parsed.GetValue(run.Tasks));
            if (parsed.GetValue(parallel) < 1)
            {
                throw new UsageException("--parallel must be at least 1");
            }

            var limits = run.Limits(parsed, parsed.GetValue(parallel));

            var share = parsed.GetValue(shard) is { } text ? Shard.Parse(text) : null;
            if (share is not null && parsed.GetValue(lms) is not null)
            {
                throw new UsageException("--gradebook goes with merge, not with --shard: a shard has only some of the students");
            }

            var lmsGradebook = LoadRoster(parsed.GetValue(lms), parsed.GetValue(roster), parsed.GetValue(rosterKey));
            var all = Submission.In(parsed.GetValue(submissions)!.FullName);
            if (all.Count == 0)
            {
                throw new UsageException($"batch: no submissions (folders or .zip files) in '{parsed.GetValue(submissions)!.FullName}'");
            }

            var entries = share?.Of(all) ?? all;

            // Refused here, once, rather than in every submission's grading; in a container, the submissions and the
            // results of the class are shut out from student code here, each grading shuts out its own folders.
            var outFolder = parsed.GetValue(output)!.FullName;
            Directory.CreateDirectory(outFolder);
            run.Sandboxed(parsed, untrusted: true, note => AnsiConsole.Console.MarkupLine(Markup.Escape(note)), [parsed.GetValue(submissions)!.FullName, outFolder]);
            var arguments = GraderArguments(parsed, run);
            // Each grading has its own limits; the backstop allows every task its budget plus two builds.
            var backstop = TimeSpan.FromMinutes(20) + limits.PerTask * tasks.Count;
            var batch = new BatchGrader(outFolder, arguments, parsed.GetValue(parallel), backstop);
            var preparer = new SubmissionPreparer(manifest.Tasks.SelectMany(task => task.Files.Stub).ToList(), kit.Root);

            var console = AnsiConsole.Console;
            var regradeAll = parsed.GetValue(regrade);
            if (!regradeAll && batch.HasResultsFromOtherOptions())
            {
                console.MarkupLine("The results already in --out were graded with other options (seed, tasks or limits): grading every submission again.");
                regradeAll = true;
            }

            var ofShard = share is null ? "" : $" (shard {share} of {all.Count})";
            console.MarkupLine($"[bold]Coursework grader[/]: batch of {entries.Count} submissions{ofShard}, {parsed.GetValue(parallel)} at a time, into {Markup.Escape(outFolder)}");
            var clock = Stopwatch.StartNew();
            var done = 0;
            IReadOnlyList<BatchOutcome> outcomes = null!;
            void Line(BatchOutcome outcome) => console.MarkupLine(Describe(outcome, Interlocked.Increment(ref done), entries.Count));
            if (console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
            {
                console.Progress().Start(context =>
                {
                    var bar = context.AddTask("Grading", maxValue: entries.Count);
                    outcomes = batch.Run(entries, preparer, regradeAll, outcome =>
                    {
                        bar.Increment(1);
                        Line(outcome);
                    });
                });
            }
            else
            {
                outcomes = batch.Run(entries, preparer, regradeAll, Line);
            }

            var gradebook = Path.Combine(outFolder, "grades.csv");
            ResultWriter.Write(gradebook, Gradebook.Render(tasks, outcomes));
            share?.WriteMarker(outFolder, all.Count, entries.Select(entry => entry.StudentId));
            var graded = outcomes.Count(outcome => outcome.ResultFile is not null);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{graded} of {outcomes.Count} graded ({outcomes.Count(o => o.Skipped)} kept from an earlier run), {outcomes.Count - graded} could not be graded; {clock.Elapsed.TotalSeconds:0.0} s."));
            console.MarkupLine($"Gradebook: {Markup.Escape(gradebook)}; feedback per student in {Markup.Escape(batch.FeedbackFolder)}");
            if (lmsGradebook is { } lmsRoster)
            {
                var maximum = tasks.Where(task => !task.Bonus).Sum(task => (decimal)task.Points);
                WriteLmsGradebook(console, Path.Combine(outFolder, LmsGradebook.FileName(lmsRoster.Format)), lmsRoster.Format, lmsRoster.Students, outcomes, parsed.GetValue(column)!, maximum);
            }

            return 0;
        });
        return command;
    }

    /// <summary>The roster for --gradebook, read and checked before any grading; null without --gradebook.</summary>
    internal static (LmsFormat Format, Roster Students)? LoadRoster(LmsFormat? lms, FileInfo? roster, string? key)
    {
        if (lms is not { } format)
        {
            return roster is null && key is null ? null : throw new UsageException("--roster and --roster-key go with --gradebook canvas or --gradebook moodle");
        }

        if (roster is null)
        {
            throw new UsageException($"--gradebook {format.ToString().ToLowerInvariant()} needs --roster: the class list exported from {format}, for the students' identifiers there");
        }

        return (format, Roster.Load(roster.FullName, format, key ?? LmsGradebook.DefaultKey(format)));
    }

    /// <summary>Writes the LMS's gradebook and reports, one line each, what it leaves out.</summary>
    internal static void WriteLmsGradebook(IAnsiConsole console, string path, LmsFormat format, Roster roster, IReadOnlyList<BatchOutcome> outcomes, string column, decimal maximum)
    {
        var scores = outcomes.ToDictionary(
            outcome => outcome.StudentId,
            outcome => outcome.ResultFile is not null && Gradebook.TryRead(outcome.ResultFile) is { } result ? result.GetProperty("score").GetDecimal() : (decimal?)null);
        var join = LmsJoin.Of(roster, scores);
        ResultWriter.Write(path, LmsGradebook.Render(format, join.Graded, column, maximum));
        console.MarkupLine($"{format} gradebook: {Markup.Escape(path)}, {join.Graded.Count} of {roster.Students.Count} roster students (those left out keep the grade {format} has)");
        foreach (var name in join.NotOnRoster)
        {
            console.MarkupLine($"  submission not on the roster (no {Markup.Escape(roster.Key)} '{Markup.Escape(name)}'): {Markup.Escape(name)}");
        }

        foreach (var row in join.NoSubmission)
        {
            console.MarkupLine($"  no submission: {Markup.Escape(LmsGradebook.Describe(row, roster.Key))}");
        }

        foreach (var row in join.NotGraded)
        {
            console.MarkupLine($"  submission not graded: {Markup.Escape(LmsGradebook.Describe(row, roster.Key))}");
        }

        foreach (var row in roster.WithoutKey)
        {
            console.MarkupLine($"  roster row without a {Markup.Escape(roster.Key)}: {Markup.Escape(LmsGradebook.Describe(row, roster.Key))}");
        }
    }

    /// <summary>The options every grading of the batch gets, as given to batch.</summary>
    private static List<string> GraderArguments(ParseResult parsed, GradeCommand.RunOptions run)
    {
        var arguments = new List<string>
        {
            "--test-timeout", parsed.GetValue(run.TestTimeout).ToString(CultureInfo.InvariantCulture),
            "--task-timeout", parsed.GetValue(run.TaskTimeout).ToString(CultureInfo.InvariantCulture),
            "--memory-limit", parsed.GetValue(run.Memory).ToString(CultureInfo.InvariantCulture),
        };
        if (parsed.GetValue(run.Seed) is { } seed)
        {
            arguments.AddRange(["--seed", seed.ToString(CultureInfo.InvariantCulture)]);
        }

        if (parsed.GetValue(run.Tasks) is { } tasks)
        {
            arguments.AddRange(["--tasks", tasks]);
        }

        if (parsed.GetValue(run.HideMessages))
        {
            arguments.Add("--hide-messages");
        }

        if (parsed.GetValue(run.NoSandbox))
        {
            arguments.Add("--no-sandbox");
        }

        return arguments;
    }

    private static string Describe(BatchOutcome outcome, int done, int total)
    {
        var prefix = $"[grey][[{done}/{total}]][/] {Markup.Escape(outcome.StudentId)}:";
        if (outcome.Problem is not null)
        {
            return $"{prefix} [red]not graded[/]: {Markup.Escape(outcome.Problem)}";
        }

        var result = Gradebook.TryRead(outcome.ResultFile!);
        var score = result?.GetProperty("score").GetDecimal() ?? 0m;
        var max = result?.GetProperty("max_score").GetDecimal() ?? 0m;
        var status = result?.GetProperty("status").GetString() ?? "?";
        var color = status switch { "pass" => "green", "fail" => "yellow", _ => "red" };
        return string.Create(CultureInfo.InvariantCulture,
            $"{prefix} [{color}]{score:0.##} / {max:0.##}[/] ({status}){(outcome.Skipped ? ", kept from an earlier run" : " in " + outcome.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s")}");
    }
}
