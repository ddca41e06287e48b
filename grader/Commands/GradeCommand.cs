using System.CommandLine;
using System.Globalization;
using Coursework.Grading.Reporting;
using Coursework.Grading.Results;
using Spectre.Console;

namespace Coursework.Grading.Commands;

/// <summary>The main job: grade one piece of code (exercises/, the reference, or a submission) and write the results.</summary>
internal static class GradeCommand
{
    /// <summary>The options of a grading run, shared with <c>batch</c>.</summary>
    internal sealed class RunOptions
    {
        public Option<int?> Seed { get; } = new("--seed") { CustomParser = result => OptionValues.Number<int>(result, "--seed", NumberStyles.Integer, "a whole number"), Description = "Seed of the hidden tests' random inputs (default: the assignment's, printed and recorded)." };

        public Option<string?> Tasks { get; } = new("--tasks") { Description = "Which tasks to grade: 'all' or ids such as 1,2,5 (default: those the manifest enables)." };

        public Option<double> TestTimeout { get; } = new("--test-timeout") { CustomParser = result => OptionValues.Number<double>(result, "--test-timeout", NumberStyles.Float, "a number of seconds"), Description = "Seconds one hidden test may take.", DefaultValueFactory = _ => RunLimits.Default.PerTest.TotalSeconds };

        public Option<double> TaskTimeout { get; } = new("--task-timeout") { CustomParser = result => OptionValues.Number<double>(result, "--task-timeout", NumberStyles.Float, "a number of seconds"), Description = "Seconds all hidden tests of one task may take together.", DefaultValueFactory = _ => RunLimits.Default.PerTask.TotalSeconds };

        public Option<int> Memory { get; } = new("--memory-limit") { CustomParser = result => OptionValues.Number<int>(result, "--memory-limit", NumberStyles.Integer, "a whole number of megabytes"), Description = "Megabytes of managed memory the host (the student's code) may use.", DefaultValueFactory = _ => RunLimits.Default.MemoryMegabytes };

        public Option<bool> HideMessages { get; } = new("--hide-messages") { Description = "Show only the names and points of hidden tests, not why they failed or what the code printed." };

        public Option<bool> NoSandbox { get; } = new("--no-sandbox") { Description = "Run student code without the bubblewrap sandbox (needed for a submission or batch where bubblewrap cannot run; never for untrusted code you care about)." };

        public IEnumerable<Option> All => [Seed, Tasks, TestTimeout, TaskTimeout, Memory, HideMessages, NoSandbox];

        /// <summary>
        /// How student code is isolated: the strongest tier this machine allows. Untrusted code (a submission, a batch)
        /// is graded only with namespaces or in the container tier, never silently weaker, unless --no-sandbox says so;
        /// the student's own exercises/ runs without it where no tier works, with a note.
        /// </summary>
        /// <param name="parsed">The command line.</param>
        /// <param name="untrusted">Whether the code is someone else's.</param>
        /// <param name="note">Where notes go.</param>
        /// <param name="shutOut">In the container tier, the folders student code must not reach besides the kit (the output, the submissions).</param>
        /// <returns>The tier and the sandbox's user.</returns>
        public SandboxChoice Sandboxed(ParseResult parsed, bool untrusted, Action<string> note, IEnumerable<string>? shutOut = null)
        {
            if (parsed.GetValue(NoSandbox))
            {
                return SandboxChoice.None;
            }

            var support = Protocol.Sandbox.Detect();
            switch (support.Tier)
            {
                case Protocol.SandboxTier.Namespaces:
                    return new(support.Tier, Protocol.Sandbox.UserForThisGrading());
                case Protocol.SandboxTier.Container:
                    if (NetworkFilterProblem.Value is { } filter)
                    {
                        throw new GradingException($"cannot grade untrusted code safely: the container sandbox cannot refuse student code the network here ({filter})");
                    }

                    var user = Protocol.Sandbox.UserForThisGrading();
                    var (changed, problem) = Protocol.Sandbox.ShutOut([KitLayout.Locate().Root, .. shutOut ?? []], user);
                    if (problem is not null)
                    {
                        throw new GradingException($"cannot grade untrusted code safely: {problem}");
                    }

                    foreach (var change in changed)
                    {
                        note($"Container sandbox: made {change} so that student code cannot read it.");
                    }

                    return new(support.Tier, user);
                default:
                    if (untrusted)
                    {
                        throw new GradingException($"cannot grade untrusted code safely: {support.Weaker}; or pass --no-sandbox to grade without it");
                    }

                    note($"Note: your code runs without the sandbox here ({support.Weaker}); that only matters when grading other people's code.");
                    return SandboxChoice.None;
            }
        }

        /// <summary>Why the container tier's network filter does not hold here, probed once per process (a batch worker grades many).</summary>
        private static readonly Lazy<string?> NetworkFilterProblem =
            new(() => Protocol.Sandbox.WhyNoNetworkFilter(Path.Combine(KitLayout.Confine, "Coursework.Confine.dll")));

        /// <summary>The limits of student code, refused where the machine's memory cannot hold a grading at them.</summary>
        /// <param name="parsed">The command line.</param>
        /// <param name="parallel">How many gradings run at once.</param>
        /// <returns>The limits.</returns>
        public RunLimits Limits(ParseResult parsed, int parallel = 1)
        {
            var limits = new RunLimits(
                Positive(parsed.GetValue(TestTimeout), "--test-timeout"),
                Positive(parsed.GetValue(TaskTimeout), "--task-timeout"),
                parsed.GetValue(Memory) > 0 ? parsed.GetValue(Memory) : throw new UsageException("--memory-limit must be positive"));
            return MemoryBudget.Shortfall(limits.MemoryMegabytes, parallel) is { } shortfall
                ? throw new GradingException($"cannot grade here without risking the whole grading: {shortfall}")
                : limits;
        }

        private static TimeSpan Positive(double seconds, string option) =>
            seconds > 0 && double.IsFinite(seconds)
                ? TimeSpan.FromSeconds(seconds)
                : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} must be a positive number of seconds, not {seconds}"));
    }

    /// <summary>Adds the grading options and action to the root command.</summary>
    /// <param name="root">The grader's root command.</param>
    public static void Configure(RootCommand root)
    {
        var solutions = new Option<bool>("--solutions") { Description = "Grade the reference solutions instead of exercises/ (must score full marks)." };
        var submission = new Option<DirectoryInfo?>("--submission") { Description = "Grade a folder of replacement files (e.g. Affine.cs) in place of the exercise files with the same names; with --solutions, in place of the reference files." };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the JSON result (other files go beside it; default: grading/result.json, with --solutions grading/solutions/result.json)." };
        var report = new Option<FileInfo?>("--report") { Description = "Where to write the markdown report (default: report.md beside the result)." };
        var pictures = new Option<bool>("--pictures") { Description = "Also draw the training tests' loss curves and confusion matrices as PNG files in REPORT-pictures/ beside the report and link them from it (batch does, for every student's feedback)." };
        var formats = new Option<string[]>("--format")
        {
            Description = $"Also write the result for a grading platform: {string.Join(", ", ResultFormats.DefaultFileNames.Keys)}; NAME=PATH picks the file (default: beside the result). Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var timings = new Option<bool>("--timings") { Description = "Print where the seconds went, phase by phase (prepare, compile, host start, each task's tests), and record it in the result file (also COURSEWORK_TIMINGS=1)." };
        var run = new RunOptions();
        foreach (var option in new Option[] { solutions, submission, output, report, pictures, formats, timings }.Concat(run.All))
        {
            root.Options.Add(option);
        }

        root.SetAction(parsed =>
        {
            var phases = new PhaseTimings();
            var preparing = System.Diagnostics.Stopwatch.StartNew();
            var kit = KitLayout.Locate();
            var manifest = KitManifest.Load(kit);
            var code = parsed.GetValue(submission) is { } folder ? CodeUnderTest.Submission(folder.FullName, kit, parsed.GetValue(solutions), manifest.Tasks.SelectMany(task => task.Files.Stub).ToList())
                : parsed.GetValue(solutions) ? CodeUnderTest.Solutions(kit)
                : CodeUnderTest.Exercises(kit);
            phases.Add("prepare", preparing.Elapsed);
            // The reference's grade goes to a path of its own, so that checking the reference never overwrites the
            // student's own result and report in grading/.
            var resultPath = parsed.GetValue(output)?.FullName
                ?? Path.GetFullPath(parsed.GetValue(solutions) ? Path.Combine("grading", "solutions", "result.json") : Path.Combine("grading", "result.json"));
            var outputs = FormatOutputs(parsed.GetValue(formats) ?? [], resultPath);
            var console = AnsiConsole.Console;
            foreach (var (_, path) in outputs)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            }

            var sandbox = run.Sandboxed(parsed, untrusted: parsed.GetValue(submission) is not null, note => console.MarkupLine(Markup.Escape(note)),
                [Path.GetDirectoryName(resultPath)!, .. outputs.Select(o => Path.GetDirectoryName(Path.GetFullPath(o.Path))!), .. parsed.GetValue(submission) is { } given ? [given.FullName] : Array.Empty<string>()]);
            var request = new GradingRequest(code, parsed.GetValue(run.Seed) ?? manifest.DefaultSeed, run.Limits(parsed), manifest.Select(parsed.GetValue(run.Tasks)), sandbox);

            console.MarkupLine($"[bold]Coursework grader[/]: grading {Markup.Escape(code.Description)}, seed {request.Seed}");
            GradingResult result = null!;
            console.Status().Start("Starting", status =>
            {
                result = new Grader(kit, manifest, new InlineProgress(message => status.Status(Markup.Escape(message) + "…")), phases).Grade(request);
            });

            var writing = System.Diagnostics.Stopwatch.StartNew();
            // COURSEWORK_TIMINGS=1 asks the same of every grading of a batch (bench/run's batch measure reads them).
            var showTimings = parsed.GetValue(timings) || Environment.GetEnvironmentVariable("COURSEWORK_TIMINGS") == "1";
            if (showTimings)
            {
                result = result with { Timings = phases.Phases };
            }

            if (parsed.GetValue(run.HideMessages))
            {
                result = result.WithoutTestDetails();
            }

            foreach (var (format, path) in outputs)
            {
                ResultWriter.Write(path, ResultFormats.Render(format, result));
            }

            var reportPath = parsed.GetValue(report)?.FullName ?? Path.Combine(Path.GetDirectoryName(resultPath)!, "report.md");
            var drawn = parsed.GetValue(pictures) ? DrawPictures(result, reportPath, note => console.MarkupLine(Markup.Escape(note))) : null;
            // Where a classroom platform records whole points, the reports state the grade in them: one number.
            var wholePoints = outputs.Select(output => output.Format).OrderBy(format => format, StringComparer.Ordinal).FirstOrDefault(format => format is "classroom" or "classroom50");
            (GradingResult shown, string? note) = wholePoints is null ? (result, null) : MarkdownReport.InWholePoints(result, wholePoints);
            ResultWriter.Write(reportPath, MarkdownReport.Render(shown, drawn, note));
            var shownPath = Path.GetRelativePath(Directory.GetCurrentDirectory(), resultPath);
            ConsoleReport.Write(console, shown, shownPath.StartsWith("..", StringComparison.Ordinal) ? resultPath : shownPath);
            if (showTimings)
            {
                phases.Add("write the results", writing.Elapsed);
                console.WriteLine("Timings (the result file has them up to writing the results):");
                foreach (var line in phases.Lines())
                {
                    console.WriteLine("  " + line);
                }
            }

            return 0;
        });
    }

    /// <summary>The pictures of the training tests beside the report; none, with a note, if they cannot be drawn (the report never depends on them).</summary>
    private static IReadOnlyList<Picture> DrawPictures(GradingResult result, string reportPath, Action<string> note)
    {
        try
        {
            var drawn = FeedbackPictures.Write(result, reportPath);
            if (drawn.Count > 0 && Coursework.Charts.TrainingCharts.MissingFonts is { } missing)
            {
                note($"Pictures: {missing}.");
            }

            return drawn;
        }
        catch (Exception exception)
        {
            note($"Pictures: not drawn ({exception.GetBaseException().Message}).");
            return [];
        }
    }

    /// <summary>Which file each format goes to: our JSON always to the result path, the others as asked.</summary>
    /// <param name="formats">NAME or NAME=PATH, as given on the command line.</param>
    /// <param name="resultPath">The JSON result's path.</param>
    /// <returns>Format and full path, JSON first.</returns>
    internal static List<(string Format, string Path)> FormatOutputs(IEnumerable<string> formats, string resultPath)
    {
        var folder = Path.GetDirectoryName(resultPath)!;
        var outputs = new List<(string, string)> { ("json", resultPath) };
        foreach (var value in formats)
        {
            var (name, path) = value.IndexOf('=') is var at and > 0 ? (value[..at], value[(at + 1)..]) : (value, null);
            if (!ResultFormats.DefaultFileNames.TryGetValue(name, out var fileName))
            {
                throw new UsageException($"unknown --format '{name}' (use one of {string.Join(", ", ResultFormats.DefaultFileNames.Keys)})");
            }

            if (name != "json" || path is not null)
            {
                outputs.Add((name, Path.GetFullPath(path ?? Path.Combine(folder, fileName))));
            }
        }

        return outputs;
    }
}

/// <summary>Reports progress at once, on the calling thread (Progress&lt;T&gt; would post it later).</summary>
internal sealed class InlineProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
