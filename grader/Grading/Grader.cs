using System.Diagnostics;
using Coursework.Grading.Results;

namespace Coursework.Grading;

/// <summary>What a grading run needs to know.</summary>
/// <param name="Code">The code to grade.</param>
/// <param name="Seed">The seed of the hidden tests' random inputs.</param>
/// <param name="Limits">Time and memory limits of student code.</param>
/// <param name="Tasks">The tasks to grade.</param>
/// <param name="Sandbox">How student code is isolated.</param>
internal sealed record GradingRequest(CodeUnderTest Code, int Seed, RunLimits Limits, IReadOnlyList<TaskSpec> Tasks, SandboxChoice Sandbox);

/// <summary>The sandbox a grading uses.</summary>
/// <param name="Tier">How student code is isolated.</param>
/// <param name="UserId">The user its hosts run as, when the grader is root (else 0).</param>
internal sealed record SandboxChoice(Protocol.SandboxTier Tier, int UserId)
{
    /// <summary>Without isolation: the student's own code on their own machine, or --no-sandbox.</summary>
    public static readonly SandboxChoice None = new(Protocol.SandboxTier.None, 0);

    /// <summary>The tier as the result and the report name it.</summary>
    public string Name => Tier.ToString().ToLowerInvariant();

    /// <summary>
    /// Where hosts run as a user of their own, ends every process of that user (and, in the container tier, its shared
    /// files): before results are written, and after a judge killed at a limit, which could not end what its host
    /// started outside its process tree.
    /// </summary>
    public void EndItsUser()
    {
        if (UserId != 0)
        {
            Protocol.Sandbox.End(new Protocol.SandboxOptions(Tier, 0, 0, UserId), null);
        }
    }
}

/// <summary>Builds, runs and scores: the whole grading run, reporting progress as it goes.</summary>
internal sealed class Grader(KitLayout kit, Manifest manifest, IProgress<string> progress, PhaseTimings? timings = null)
{
    private readonly PhaseTimings _timings = timings ?? new PhaseTimings();

    public GradingResult Grade(GradingRequest request) =>
        GradeAndScore(request) with { SubmittedFiles = request.Code.SubmittedFiles, Sandbox = request.Sandbox.Name };

    private GradingResult GradeAndScore(GradingRequest request)
    {
        var clock = Stopwatch.StartNew();
        var phase = Stopwatch.StartNew();
        DataCheck.Verify(kit);
        // Before the build, which takes a while: a student template leaves the hidden tests out.
        if (request.Tasks.FirstOrDefault(task => task.Files.HiddenTests.All(file => !File.Exists(Path.Combine(kit.Root, file)))) is { } missing)
        {
            throw new GradingException($"the hidden tests of task {missing.Id} ({missing.Name}) are not in this repository (a student template leaves them out; its grading workflow fetches them)");
        }

        _timings.Add("check the kit", phase.Elapsed);
        // The hosts go into the grading's own temporary folder, readable by the sandbox's user and holding nothing but them.
        // Created anew under a name nobody can guess, so that no one (a host of an earlier grading) can have made it
        // first; others may enter it to reach the hosts, but not list it.
        var workFolder = Directory.CreateTempSubdirectory("coursework-grader-").FullName;
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(workFolder, (UnixFileMode)0b111_001_001);
            }

            progress.Report($"Building {request.Code.Description}");
            var build = _timings.Measure("compile", () => _build.Run(request.Code, HostFolder(workFolder, "main")));
            if (!build.Succeeded)
            {
                return NotCompiled(request, build, clock.Elapsed);
            }

            var mainHost = new HostSetup(build.HostFolder, []);
            var listed = _timings.Measure("list the hidden tests", TaskRunner.ListTests);
            TaskDefinitions.CheckListed(manifest, listed);
            var tasks = new List<TaskResult>();
            // Consecutive tasks graded with the same host share its judge and host; another host ends them.
            var runners = new Dictionary<HostSetup, TaskRunner>();
            TaskRunner? current = null;
            IReadOnlyList<TestOutcome> Run(HostSetup host, TaskSpec task, IReadOnlyList<ListedTest> tests, TimeSpan? perTestLimit = null)
            {
                if (!runners.TryGetValue(host, out var runner))
                {
                    runner = runners[host] = new TaskRunner(host, kit.Manifest, workFolder, request.Seed, request.Limits, request.Sandbox, request.Tasks.Count, _timings);
                }

                if (current is not null && current != runner)
                {
                    current.Dispose();
                }

                current = runner;
                progress.Report($"Task {task.Id} {task.Name}: running {tests.Count} hidden tests");
                return runner.RunTask(task.Id, tests,
                    (position, test) => progress.Report($"Task {task.Id} {task.Name}: test {position + 1} of {tests.Count}, {test.Name}"), perTestLimit);
            }

            try
            {
                foreach (var task in request.Tasks)
                {
                    var tests = listed.Where(test => test.TaskId == task.Id).ToList();
                    if (tests.Count == 0)
                    {
                        throw new GradingException($"task {task.Id} ({task.Name}) has no hidden tests");
                    }

                    // Which classes of the tasks it builds on the task's host gets (ClassChoice.For says why).
                    var choice = ClassChoice.For(task, tasks, IsReferenceOfDependencies(request, task));
                    HostSetup? HostFor(ClassChoice c) => c.StandIns.Count == 0 ? mainHost : IsolatedHost(request, task, workFolder, c.StandIns);
                    HostSetup? host;
                    while ((host = HostFor(choice)) is null)
                    {
                        choice = choice.IfNotBuilt ?? throw new InvalidOperationException($"no host for task {task.Id}: the class choice has no fallback");
                    }

                    var outcomes = Run(host, task, tests, choice.PerTestLimit);
                    if (choice.IfError is { } again && outcomes.Any(outcome => outcome.Status == TestStatus.Error) && HostFor(again) is { } regradeHost)
                    {
                        _timings.Add($"task {task.Id}: graded again with the reference versions of {Tasks(again.StandIns)}", TimeSpan.Zero);
                        outcomes = Run(regradeHost, task, tests, again.PerTestLimit);
                    }

                    tasks.Add(Scoring.Score(task, outcomes));
                }
            }
            finally
            {
                foreach (var runner in runners.Values)
                {
                    runner.Dispose();
                }
            }

            var allPassed = tasks.All(task => task.Tests.All(test => test.Status == "pass"));
            return new GradingResult(1, allPassed ? "pass" : "fail", tasks.Sum(t => t.Score), MaxScore(tasks), request.Seed,
                request.Code.Description, null, [], tasks, Math.Round(clock.Elapsed.TotalSeconds, 1));
        }
        finally
        {
            // Before the caller writes any result.
            request.Sandbox.EndItsUser();
            TryDelete(workFolder);
        }
    }

    private readonly Dictionary<string, HostSetup?> _isolatedHosts = [];

    /// <summary>One build per grading, so that its two hosts share what they have in common.</summary>
    private readonly StudentBuild _build = new(kit, timings);

    /// <summary>
    /// The host for a task that builds on others: the student's files with stand-ins in place of the classes of
    /// <paramref name="dependencies"/> (some or all of the tasks it builds on), which call the judge's own versions of
    /// them (the reference solutions compiled into the judge by standins/: they travel with the hidden tests, so the task is graded the
    /// same wherever it is graded; a bug in ReLU costs ReLU's points only, and no code of the judge's runs beside
    /// student code). Null when the student's files do not compile with the stand-ins (then the task is graded with
    /// stand-ins for all the classes it builds on, and failing that, with the student's own).
    /// </summary>
    private HostSetup? IsolatedHost(GradingRequest request, TaskSpec task, string workFolder, IReadOnlyList<int> dependencies)
    {
        var code = request.Code;
        var dependencyTasks = manifest.Tasks.Where(t => dependencies.Contains(t.Id)).ToList();
        var classes = dependencyTasks.SelectMany(t => t.Files.Stub).Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
        var suffix = "with-reference-" + string.Join('-', dependencies.Order());
        if (!_isolatedHosts.TryGetValue(suffix, out var host))
        {
            progress.Report($"Building task {task.Id} with the reference versions of {Tasks(dependencies)}");
            var standIns = dependencyTasks.SelectMany(t => t.Files.Stub.Select(stub => StandInFile(t, stub, workFolder))).ToList();
            var build = _timings.Measure($"compile with the reference versions of {Tasks(dependencies)}", () => _build.Run(code.WithStandIns(standIns, suffix), HostFolder(workFolder, suffix)));
            if (!build.Succeeded && build.Errors.Count == 0)
            {
                // Not the student's doing: grading this task with the student's own classes instead would be unfair.
                throw new GradingException($"the build of task {task.Id} with the reference versions of {Tasks(dependencies)} failed without a compiler error: {FirstErrorLine(build.Log)}");
            }

            host = _isolatedHosts[suffix] = build.Succeeded ? new HostSetup(build.HostFolder, classes) : null;
        }

        return host;
    }

    /// <summary>A stub class's stand-in, written into the grading's folder from the kit's API file (see KitLayout.StandInApi).</summary>
    private string StandInFile(TaskSpec task, string stub, string workFolder)
    {
        var api = kit.StandInApi(task, stub)
            ?? throw new GradingException($"no API file for the stand-in of {stub}: neither its reference solution nor {KitLayout.ShippedCopy(stub)} is in the kit");
        var source = Coursework.StandIns.StandInSource.Of(File.ReadAllText(api), Path.GetRelativePath(kit.Root, api).Replace('\\', '/'), out var problems);
        if (problems.Count > 0)
        {
            throw new GradingException(problems[0]);
        }

        var file = Path.Combine(workFolder, "stand-ins", Path.GetFileName(stub));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, source);
        return file;
    }

    /// <summary>
    /// Whether the code under test is already the model answers of the tasks <paramref name="task"/> builds on (the
    /// kit's own --solutions and scenarios built on them, which would pass every test of those tasks anyway).
    /// </summary>
    private bool IsReferenceOfDependencies(GradingRequest request, TaskSpec task) =>
        request.Code.Variant == "solutions" ||
        manifest.Tasks.Where(t => task.DependsOn?.Contains(t.Id) == true).SelectMany(t => t.Files.Solution)
            .All(file => AlreadyCompiled(request.Code, Path.Combine(kit.Root, file)));

    /// <summary>"task 2" or "tasks 1, 2, 3".</summary>
    private static string Tasks(IReadOnlyList<int> ids) => (ids.Count == 1 ? "task " : "tasks ") + string.Join(", ", ids.Order());

    /// <summary>Where a host of this grading goes: inside its temporary folder, which the sandbox's user can read.</summary>
    private static string HostFolder(string workFolder, string name) => Path.Combine(workFolder, "host-" + name);

    private static string FirstErrorLine(string log) =>
        log.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Contains("error", StringComparison.OrdinalIgnoreCase))
        ?? log.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0) ?? "no error in the build log";

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

    /// <summary>Whether the code under test compiles exactly this reference file (same name, same content); false in a template, which has none.</summary>
    private bool AlreadyCompiled(CodeUnderTest code, string referenceFile)
    {
        if (!File.Exists(referenceFile))
        {
            return false;
        }

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
