// The grader: `dotnet run --project grader` grades exercises/; `-- --help` lists the options.
using System.CommandLine;
using System.Globalization;
using Coursework.Grading;
using Coursework.Grading.Reporting;
using Coursework.Grading.Results;
using Spectre.Console;

var solutions = new Option<bool>("--solutions") { Description = "Grade the reference solutions instead of exercises/ (must score full marks)." };
var submission = new Option<DirectoryInfo?>("--submission") { Description = "Grade a folder of replacement files (e.g. Affine.cs) in place of the exercise files with the same names; with --solutions, in place of the reference files." };
var seed = new Option<int?>("--seed") { Description = "Seed of the hidden tests' random inputs (default: the assignment's, printed and recorded)." };
var output = new Option<FileInfo>("--out") { Description = "Where to write the JSON result.", DefaultValueFactory = _ => new FileInfo(Path.Combine("grading", "result.json")) };
var report = new Option<FileInfo?>("--report") { Description = "Where to write the markdown report (default: report.md beside the result)." };
var classroom = new Option<FileInfo?>("--classroom-out") { Description = "Also write GitHub Classroom's version-1 runner result (JSON) here." };
var testTimeout = new Option<double>("--test-timeout") { Description = "Seconds one hidden test may take.", DefaultValueFactory = _ => RunLimits.Default.PerTest.TotalSeconds };
var taskTimeout = new Option<double>("--task-timeout") { Description = "Seconds all hidden tests of one task may take together.", DefaultValueFactory = _ => RunLimits.Default.PerTask.TotalSeconds };
var tasksOption = new Option<string?>("--tasks") { Description = "Which tasks to grade: 'all' or ids such as 1,2,5 (default: those the manifest enables)." };
var memory = new Option<int>("--memory-limit") { Description = "Megabytes of managed memory a test process may use.", DefaultValueFactory = _ => RunLimits.Default.MemoryMegabytes };

var root = new RootCommand("Grades the coursework with hidden tests and writes a report and a JSON result.")
{
    solutions, submission, seed, tasksOption, output, report, classroom, testTimeout, taskTimeout, memory,
};
root.SetAction(parsed =>
{
    var kit = KitLayout.Locate();
    var manifest = Manifest.Load(kit.Manifest);
    var code = parsed.GetValue(submission) is { } folder ? CodeUnderTest.Submission(folder.FullName, kit, parsed.GetValue(solutions))
        : parsed.GetValue(solutions) ? CodeUnderTest.Solutions(kit)
        : CodeUnderTest.Exercises(kit);
    var limits = new RunLimits(
        Positive(parsed.GetValue(testTimeout), "--test-timeout"),
        Positive(parsed.GetValue(taskTimeout), "--task-timeout"),
        parsed.GetValue(memory) > 0 ? parsed.GetValue(memory) : throw new GradingException("--memory-limit must be positive"));
    var request = new GradingRequest(code, parsed.GetValue(seed) ?? manifest.DefaultSeed, limits, manifest.Select(parsed.GetValue(tasksOption)));

    var console = AnsiConsole.Console;
    if (Console.IsOutputRedirected)
    {
        console.Profile.Width = 160; // CI logs do not wrap; 80 columns would break every message in two
    }

    console.MarkupLine($"[bold]Coursework grader[/]: grading {Markup.Escape(code.Description)}, seed {request.Seed}");
    GradingResult result = null!;
    console.Status().Start("Starting", status =>
    {
        result = new Grader(kit, manifest, new InlineProgress(message => status.Status(Markup.Escape(message) + "…"))).Grade(request);
    });

    var resultPath = parsed.GetValue(output)!.FullName;
    ResultWriter.Write(resultPath, ResultWriter.ToJson(result));
    ResultWriter.Write(parsed.GetValue(report)?.FullName ?? Path.Combine(Path.GetDirectoryName(resultPath)!, "report.md"), MarkdownReport.Render(result));
    if (parsed.GetValue(classroom) is { } classroomFile)
    {
        ResultWriter.Write(classroomFile.FullName, ResultWriter.ToClassroomJson(result));
    }

    var shownPath = Path.GetRelativePath(Directory.GetCurrentDirectory(), resultPath);
    ConsoleReport.Write(console, result, shownPath.StartsWith("..", StringComparison.Ordinal) ? resultPath : shownPath);
    return 0;
});

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    Console.Error.WriteLine($"grader: {parseResult.Errors[0].Message} (see --help)");
    return 2;
}

try
{
    return parseResult.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (GradingException exception)
{
    Console.Error.WriteLine($"grader: {exception.Message}");
    return 1;
}

static TimeSpan Positive(double seconds, string option) =>
    seconds > 0 && double.IsFinite(seconds)
        ? TimeSpan.FromSeconds(seconds)
        : throw new GradingException(string.Create(CultureInfo.InvariantCulture, $"{option} must be a positive number of seconds, not {seconds}"));

/// <summary>Reports progress at once, on the calling thread (Progress&lt;T&gt; would post it later).</summary>
internal sealed class InlineProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
