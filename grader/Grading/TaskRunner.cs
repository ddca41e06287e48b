using System.Diagnostics;
using System.Globalization;

namespace Coursework.Grading;

/// <summary>The student's side of a task's grading: the host to run, and the classes the judge serves to its stand-ins.</summary>
/// <param name="Folder">The host's build output, as the sandbox sees it (a copy readable by the sandbox's user).</param>
/// <param name="ServedClasses">The classes whose stand-ins in the host call the judge's own versions; empty: none.</param>
internal sealed record HostSetup(string Folder, IReadOnlyList<string> ServedClasses);

/// <summary>
/// Step 2: runs the hidden tests of one task in a judge process, which runs the student's code in a host process of
/// its own, and survives whatever that code does.
/// </summary>
/// <remarks>
/// The judge reports each test as it starts and ends. A test that outlives its limit, or a host that dies (the judge
/// then ends the same way), costs that test only: the judge and its host are killed and a new pair resumes after it.
/// Code that hangs or dies while loading costs every test, since none can run.
/// </remarks>
internal sealed class TaskRunner(HostSetup host, string manifest, string workFolder, int seed, RunLimits limits, SandboxChoice sandbox, int taskCount, PhaseTimings? timings = null) : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>A test that takes this long or longer shows in the per-phase timings under its own name (within its task's tests).</summary>
    private static readonly TimeSpan SlowTest = TimeSpan.FromMilliseconds(50);

    private Action<int, ListedTest>? _started;

    /// <summary>Set once student code failed to load; later tasks then fail at once with the same message.</summary>
    public string? LoadFailure { get; private set; }

    /// <summary>Lists every hidden test, from the list the judge's build wrote beside it (this runs no code at all).</summary>
    /// <returns>The tests in order.</returns>
    public static IReadOnlyList<ListedTest> ListTests()
    {
        var list = Path.Combine(Path.GetDirectoryName(KitLayout.Judge)!, "hidden-tests.jsonl");
        if (!File.Exists(list))
        {
            throw new GradingException($"the list of hidden tests is missing ({list}): build the grader again (dotnet build grader)");
        }

        return new EventReader(list).ReadNew()
            .Where(e => e.Event == EventKind.Test)
            .Select(e => new ListedTest(e.Task ?? 0, e.Index ?? 0, e.Name ?? "?", e.Weight ?? 1,
                e.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null))
            .ToList();
    }

    /// <summary>Runs one task's tests.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="tests">Its tests, from <see cref="ListTests"/>.</param>
    /// <param name="started">Told, with its position, each time a test starts (for a live progress display).</param>
    /// <param name="perTestLimit">A lower limit per test than the tests' own, or null.</param>
    /// <returns>One outcome per test, in order.</returns>
    public IReadOnlyList<TestOutcome> RunTask(int taskId, IReadOnlyList<ListedTest> tests, Action<int, ListedTest>? started = null, TimeSpan? perTestLimit = null)
    {
        _started = started;
        _perTestLimit = perTestLimit;
        var outcomes = new TestOutcome?[tests.Count];
        var taskClock = Stopwatch.StartNew();
        var from = 0;
        while (from < tests.Count)
        {
            if (LoadFailure is not null)
            {
                MarkRemaining(outcomes, tests, LoadFailure);
                break;
            }

            if (taskClock.Elapsed >= limits.PerTask)
            {
                MarkRemaining(outcomes, tests, $"Not run: the task's tests used up their time limit of {Seconds(limits.PerTask)}.");
                break;
            }

            from = RunFrom(taskId, tests, from, outcomes, taskClock);
        }

        return outcomes.Select((outcome, i) => outcome ?? new TestOutcome(tests[i], TestStatus.Error, "Not run.", null)).ToList();
    }

    /// <summary>
    /// Runs the task's tests from test <paramref name="from"/> on in the judge (started first if none is running, or
    /// the last one was stopped); returns where the next run should start.
    /// </summary>
    private int RunFrom(int taskId, IReadOnlyList<ListedTest> tests, int from, TestOutcome?[] outcomes, Stopwatch taskClock)
    {
        var judge = _judge ??= StartJudge();
        judge.Child.SendLine(JudgeArguments.TaskLine(taskId, tests[from].Index));
        int? running = null;
        var runningSince = Stopwatch.StartNew();
        var testsClock = Stopwatch.StartNew();

        while (true)
        {
            var exited = judge.Child.WaitForExit(Poll);
            foreach (var e in judge.Reader.ReadNew())
            {
                switch (e.Event)
                {
                    case EventKind.Loaded:
                        judge.Loaded = true;
                        timings?.Add($"task {Text(taskId)}: judge and host start", judge.Launched.Elapsed);
                        testsClock.Restart();
                        break;
                    case EventKind.Start:
                        running = Position(tests, e);
                        runningSince.Restart();
                        if (running is { } position)
                        {
                            _started?.Invoke(position, tests[position]);
                        }

                        break;
                    case EventKind.End when Position(tests, e) is { } index:
                        if (runningSince.Elapsed >= SlowTest)
                        {
                            timings?.Add($"task {Text(taskId)}: test {tests[index].Name}", runningSince.Elapsed);
                        }

                        outcomes[index] = new TestOutcome(tests[index], e.Status ?? TestStatus.Error, e.Message, e.Output, e.Training);
                        running = null;
                        break;
                    case EventKind.Done:
                        timings?.Add($"task {Text(taskId)}: tests", testsClock.Elapsed);
                        return tests.Count;
                }
            }

            if (exited)
            {
                var next = AfterEarlyExit(judge.Child, tests, outcomes, judge.Loaded, running);
                StopJudge();
                return next;
            }

            if (!judge.Loaded && judge.Launched.Elapsed > limits.PerTest)
            {
                StopJudge();
                LoadFailure = $"Your code did not finish loading within {Seconds(limits.PerTest)} (a static constructor or module initializer that never returns?), so no test could run.";
                return from;
            }

            if (running is { } current && (runningSince.Elapsed > LimitOf(tests[current]) || taskClock.Elapsed > limits.PerTask))
            {
                StopJudge();
                var limit = runningSince.Elapsed > LimitOf(tests[current])
                    ? $"Timed out after {Seconds(LimitOf(tests[current]))}"
                    : $"Stopped when the task's tests reached their time limit of {Seconds(limits.PerTask)}";
                outcomes[current] = new TestOutcome(tests[current], TestStatus.Error, $"{limit}. Is there a loop that never ends?", null);
                return current + 1;
            }
        }
    }

    /// <summary>The running judge with its host, its results file and whether student code has loaded in it.</summary>
    private sealed class Judge(ChildProcess child, EventReader reader)
    {
        public ChildProcess Child { get; } = child;

        public EventReader Reader { get; } = reader;

        public Stopwatch Launched { get; } = Stopwatch.StartNew();

        public bool Loaded { get; set; }
    }

    private Judge? _judge;
    private int _judges;

    /// <summary>
    /// A judge that starts the host and then runs what it is told on its standard input, one task at a time: the
    /// tasks graded with this host share one judge and one host (within one grading only; every grading has its own).
    /// </summary>
    private Judge StartJudge()
    {
        var results = NewResultsFile($"judge-{Text(++_judges)}");
        var child = Start(new JudgeArguments(JudgeArguments.Run, results, manifest, host.Folder, sandbox.Tier.ToString().ToLowerInvariant(), sandbox.UserId,
            limits.MemoryMegabytes, (int)Math.Ceiling(2 * limits.PerTask.TotalSeconds * taskCount + 30), host.ServedClasses).ToArguments());
        return new Judge(child, new EventReader(results));
    }

    private void StopJudge()
    {
        _judge?.Child.Dispose();
        _judge = null;
        // Nothing of the sandbox's user may be left to meddle with the next host (no pid namespace ends it in a container).
        sandbox.EndItsUser();
    }

    /// <summary>Lets the judge end (its input closes; it ends its host) and waits for it; kills it if it does not.</summary>
    public void Dispose()
    {
        if (_judge is { } judge)
        {
            var exiting = Stopwatch.StartNew();
            judge.Child.CloseInput();
            judge.Child.WaitForExit(limits.PerTest);
            timings?.Add("judge exit", exiting.Elapsed);
            StopJudge();
        }
    }

    private TimeSpan? _perTestLimit;

    private TimeSpan LimitOf(ListedTest test)
    {
        var own = test.Timeout ?? limits.PerTest;
        return _perTestLimit is { } cap && cap < own ? cap : own;
    }

    private int AfterEarlyExit(ChildProcess child, IReadOnlyList<ListedTest> tests, TestOutcome?[] outcomes, bool loaded, int? running)
    {
        var explanation = CrashExplainer.Explain(child.ExitCode, child.Output, limits);
        if (!loaded)
        {
            // The caller marks every remaining test with this message.
            LoadFailure = $"Your code could not be loaded, so no test could run. {explanation}";
            return Math.Max(0, Array.FindIndex(outcomes, outcome => outcome is null));
        }

        // The test that was running when the process died is the one that killed it; if none was, the next one pays.
        var culprit = running ?? Array.FindIndex(outcomes, outcome => outcome is null);
        if (culprit < 0)
        {
            return tests.Count;
        }

        outcomes[culprit] = new TestOutcome(tests[culprit], TestStatus.Error, explanation, null);
        return culprit + 1;
    }

    private static void MarkRemaining(TestOutcome?[] outcomes, IReadOnlyList<ListedTest> tests, string message)
    {
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] ??= new TestOutcome(tests[i], TestStatus.Error, message, null);
        }
    }

    private static int? Position(IReadOnlyList<ListedTest> tests, TestEvent e)
    {
        for (var i = 0; i < tests.Count; i++)
        {
            if (tests[i].Index == e.Index && tests[i].TaskId == e.Task)
            {
                return i;
            }
        }

        return null;
    }

    private ChildProcess Start(IEnumerable<string> arguments) =>
        ChildProcess.StartDotnet(new[] { KitLayout.Judge }.Concat(arguments), workFolder,
            new Dictionary<string, string> { ["DOTNET_DbgEnableMiniDump"] = "0", [JudgeArguments.SeedVariable] = Text(seed) }, keepInput: true);

    private string NewResultsFile(string name)
    {
        Directory.CreateDirectory(workFolder);
        var path = Path.Combine(workFolder, name + ".jsonl");
        File.Delete(path);
        // The judge's verdicts and messages are for root (or the grader's user) alone, never the sandbox's user.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (new FileStream(path, options))
        {
        }

        return path;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    /// <summary>Reads the lines a child has appended to its results file since the last call.</summary>
    private sealed class EventReader(string path)
    {
        private long _position;

        public IReadOnlyList<TestEvent> ReadNew()
        {
            if (!File.Exists(path))
            {
                return [];
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(_position, SeekOrigin.Begin);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);

            // Only whole lines: an unfinished one (the child is still writing it) waits for the next call.
            var complete = bytes.LastIndexOf((byte)'\n') + 1;
            _position += complete;
            return System.Text.Encoding.UTF8.GetString(bytes[..complete])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(TestEvent.FromLine).OfType<TestEvent>().ToList();
        }
    }
}
