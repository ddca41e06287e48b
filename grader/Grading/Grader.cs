using System.Diagnostics;
using Coursework.Grading.Results;

namespace Coursework.Grading;

/// <summary>What a grading run needs to know.</summary>
/// <param name="Code">The code to grade.</param>
/// <param name="Seed">The seed of the hidden tests' random inputs.</param>
/// <param name="Limits">Time and memory limits of student code.</param>
/// <param name="Tasks">The tasks to grade.</param>
internal sealed record GradingRequest(CodeUnderTest Code, int Seed, RunLimits Limits, IReadOnlyList<TaskSpec> Tasks);

/// <summary>Builds, runs and scores: the whole grading run, reporting progress as it goes.</summary>
internal sealed class Grader(KitLayout kit, Manifest manifest, IProgress<string> progress)
{
    public GradingResult Grade(GradingRequest request)
    {
        try
        {
            return GradeAndScore(request);
        }
        finally
        {
            if (request.Code.Variant.StartsWith("submission-", StringComparison.Ordinal))
            {
                // A submission always builds from scratch, so its build outputs are of no further use.
                var artifacts = Path.Combine(kit.Root, "artifacts");
                foreach (var folder in new[] { artifacts, Path.Combine(artifacts, "overlays") }
                             .Where(Directory.Exists)
                             .SelectMany(parent => Directory.GetDirectories(parent, request.Code.Variant + "*")))
                {
                    TryDelete(folder);
                }
            }
        }
    }

    private GradingResult GradeAndScore(GradingRequest request)
    {
        var clock = Stopwatch.StartNew();
        DataCheck.Verify(kit);
        progress.Report($"Building the hidden tests with {request.Code.Description}");
        var build = new StudentBuild(kit).Run(request.Code);
        if (!build.Succeeded)
        {
            return NotCompiled(request, build, clock.Elapsed);
        }

        var workFolder = Path.Combine(Path.GetTempPath(), $"coursework-grader-{Environment.ProcessId}");
        try
        {
            var runners = new Dictionary<string, TaskRunner>();
            TaskRunner RunnerFor(string program) =>
                runners.TryGetValue(program, out var runner)
                    ? runner
                    : runners[program] = new TaskRunner(program, kit.Manifest, workFolder, request.Seed, request.Limits);

            var listed = RunnerFor(build.TestProgram).ListTests();
            var tasks = new List<TaskResult>();
            foreach (var task in request.Tasks)
            {
                var tests = listed.Where(test => test.TaskId == task.Id).ToList();
                if (tests.Count == 0)
                {
                    throw new GradingException(task.Files.HiddenTests.All(file => !File.Exists(Path.Combine(kit.Root, file)))
                        ? $"the hidden tests of task {task.Id} ({task.Name}) are not in this repository (a student template leaves them out; its grading workflow fetches them)"
                        : $"task {task.Id} ({task.Name}) has no hidden tests");
                }

                var program = IsolatedProgram(request.Code, task) ?? build.TestProgram;
                progress.Report($"Task {task.Id} {task.Name}: running {tests.Count} hidden tests");
                tasks.Add(Scoring.Score(task, RunnerFor(program).RunTask(task.Id, tests)));
            }

            var allPassed = tasks.All(task => task.Tests.All(test => test.Status == "pass"));
            return new GradingResult(1, allPassed ? "pass" : "fail", tasks.Sum(t => t.Score), MaxScore(tasks), request.Seed,
                request.Code.Description, null, [], tasks, Math.Round(clock.Elapsed.TotalSeconds, 1));
        }
        finally
        {
            TryDelete(workFolder);
        }
    }

    private readonly Dictionary<string, BuildOutcome> _isolatedBuilds = [];

    /// <summary>
    /// The test program for a task that builds on others, built with the reference versions of those others;
    /// null when the task depends on nothing, or when the student's files do not compile with the reference ones
    /// (then the task is graded with the student's own classes, as before).
    /// </summary>
    private string? IsolatedProgram(CodeUnderTest code, TaskSpec task)
    {
        if (task.DependsOn is not { Count: > 0 } dependencies || code.Variant == "solutions")
        {
            return null;
        }

        var referenceFiles = manifest.Tasks.Where(t => dependencies.Contains(t.Id))
            .SelectMany(t => t.Files.Solution).Select(file => Path.Combine(kit.Root, file)).ToList();
        if (!referenceFiles.All(File.Exists))
        {
            return null; // a published student repository has no reference solutions: its own classes are used
        }

        if (referenceFiles.All(file => AlreadyCompiled(code, file)))
        {
            return null; // the main build already has the reference versions
        }

        var suffix = "with-reference-" + string.Join('-', dependencies.Order());
        if (!_isolatedBuilds.TryGetValue(suffix, out var build))
        {
            progress.Report($"Building task {task.Id} with the reference versions of tasks {string.Join(", ", dependencies.Order())}");
            build = _isolatedBuilds[suffix] = new StudentBuild(kit).Run(code.WithReferenceFiles(referenceFiles, suffix));
        }

        if (!build.Succeeded && build.Errors.Count == 0)
        {
            // Not the student's doing: grading this task with the student's own classes instead would be unfair.
            throw new GradingException($"the build of task {task.Id} with the reference versions of tasks {string.Join(", ", dependencies.Order())} failed without a compiler error: {FirstErrorLine(build.Log)}");
        }

        return build.Succeeded ? build.TestProgram : null;
    }

    private static string FirstErrorLine(string log) =>
        log.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? "no error in the build log";

    private GradingResult NotCompiled(GradingRequest request, BuildOutcome build, TimeSpan elapsed)
    {
        if (build.Errors.Count == 0)
        {
            // Not the student's fault (a restore failure, a missing SDK): grading could not run.
            throw new GradingException($"the build failed without a compiler error: {FirstErrorLine(build.Log)}");
        }

        var first = build.Errors[0];
        var message = $"The code does not compile ({build.Errors.Count} error{(build.Errors.Count == 1 ? "" : "s")}), so no test could run. " +
                      $"Start with {first.File} line {first.Line}: {first.Code} {first.Message}";
        var tasks = request.Tasks
            .Select(task => new TaskResult(task.Id, task.Name, 0m, (decimal)task.Points, task.Bonus, []))
            .ToList();
        return new GradingResult(1, "error", 0m, MaxScore(tasks), request.Seed, request.Code.Description,
            message, build.Errors, tasks, Math.Round(elapsed.TotalSeconds, 1));
    }

    /// <summary>Whether the code under test compiles exactly this reference file (same name, same content).</summary>
    private bool AlreadyCompiled(CodeUnderTest code, string referenceFile)
    {
        var name = Path.GetFileName(referenceFile);
        var used = code.Layers
            .SelectMany(layer => Directory.Exists(layer) ? Directory.GetFiles(layer, name, SearchOption.AllDirectories) : [layer])
            .LastOrDefault(file => Path.GetFileName(file) == name)
            ?? Directory.GetFiles(Path.Combine(kit.Root, "exercises"), name, SearchOption.AllDirectories).FirstOrDefault();
        return used is not null && File.ReadAllBytes(used).AsSpan().SequenceEqual(File.ReadAllBytes(referenceFile));
    }

    /// <summary>Bonus tasks add to the score, not to the maximum.</summary>
    private static decimal MaxScore(IEnumerable<TaskResult> tasks) => tasks.Where(task => !task.Bonus).Sum(task => task.MaxScore);

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
