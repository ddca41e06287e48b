using System.CommandLine;
using System.Globalization;
using Coursework.Grading.Batch;
using Spectre.Console;

namespace Coursework.Grading.Commands;

/// <summary><c>merge SHARD_DIR… --out DIR</c>: combines the outputs of <c>batch --shard I/N</c> into one batch's output.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var shards = new Argument<string[]>("SHARD_DIR") { Description = "The --out folders of batch --shard 1/N … N/N, every one of them.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "A new or empty folder for grades.csv, results/ and feedback/.", Required = true };
        var lms = new Option<LmsFormat?>("--gradebook") { CustomParser = result => OptionValues.OneOf<LmsFormat>(result, "--gradebook"), Description = "Also write OUT/gradebook-canvas.csv or gradebook-moodle.csv, as batch does (needs --roster).", HelpName = "canvas|moodle" };
        var roster = new Option<FileInfo>("--roster") { Description = "The class list exported from the LMS, as for batch.", HelpName = "CSV" };
        var rosterKey = new Option<string>("--roster-key") { Description = "The roster column that holds the submission names (default as for batch).", HelpName = "COLUMN" };
        var column = new Option<string>("--gradebook-column") { Description = "The grade column's header, as for batch.", DefaultValueFactory = _ => "Coursework", HelpName = "NAME" };
        var command = new Command("merge", "Combines the outputs of batch --shard I/N into one grades.csv, results/ and feedback/, as one unsharded batch writes them.")
        {
            shards, output, lms, roster, rosterKey, column,
        };
        command.SetAction(parsed =>
        {
            var lmsGradebook = BatchCommand.LoadRoster(parsed.GetValue(lms), parsed.GetValue(roster), parsed.GetValue(rosterKey));
            var outFolder = parsed.GetValue(output)!.FullName;
            var outcomes = ShardMerger.Merge(parsed.GetValue(shards)!, outFolder);
            var console = AnsiConsole.Console;
            var graded = outcomes.Count(outcome => outcome.ResultFile is not null);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Merged {parsed.GetValue(shards)!.Length} shards: {outcomes.Count} submissions, {graded} graded, {outcomes.Count - graded} could not be graded."));
            console.MarkupLine($"Gradebook: {Markup.Escape(Path.Combine(outFolder, "grades.csv"))}; feedback per student in {Markup.Escape(Path.Combine(outFolder, "feedback"))}");
            if (lmsGradebook is { } lmsRoster)
            {
                var maximum = decimal.Parse(Csv.Parse(File.ReadAllText(Path.Combine(outFolder, "grades.csv"))) is { Count: > 1 } rows ? rows[1][rows[0].IndexOf("max")] : "0", CultureInfo.InvariantCulture);
                BatchCommand.WriteLmsGradebook(console, Path.Combine(outFolder, LmsGradebook.FileName(lmsRoster.Format)), lmsRoster.Format, lmsRoster.Students, outcomes, parsed.GetValue(column)!, maximum);
            }

            return 0;
        });
        return command;
    }
}
