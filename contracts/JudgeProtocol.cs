// The contract between the grader and the judge.
// Who writes: the grader (grader/Grading/TaskRunner.cs) starts the judge, Coursework.Judge, with JudgeArguments and the
// seed in the environment (SeedVariable: the environment is readable by root and the judge's own user only, the command
// line by every user); in a run without --task it writes one task line (TaskLine) per task on the judge's standard
// input and closes it when the grading is done.
// Who reads: the judge (judge/Program.cs). It writes TestEvent lines (TestEvent.cs) to the results file, and exits
// with JudgeExit.Done or JudgeExit.Usage, or, when its host ended or broke the bridge's protocol, the way the host
// ended: the host's standard error on its own and the host's exit code (JudgeExit.HostBrokeProtocol for a broken
// protocol), so that the grader explains a crash of student code as if the host were its own child.
// What each side may assume: the judge, that its arguments come from the grader (a usage error is the kit's bug); the
// grader, that a results line that does not parse was cut short by a kill, and that a test with a start event and no
// end event is the one that was running when the judge or its host ended.
using System.Globalization;

namespace Coursework.Grading.Protocol;

/// <summary>The judge's exit codes of its own (any other is its host's).</summary>
public static class JudgeExit
{
    /// <summary>Every task it was told to run has run (or the list is written).</summary>
    public const int Done = 0;

    /// <summary>Its arguments are not the contract's.</summary>
    public const int Usage = 2;

    /// <summary>The host sent something that is not the bridge's protocol (EX_SOFTWARE), and the judge ended it.</summary>
    public const int HostBrokeProtocol = 70;
}

/// <summary>How the grader starts the judge: the command and its options, written and read here only.</summary>
/// <param name="Command"><see cref="List"/> (write every hidden test to the results file) or <see cref="Run"/>.</param>
/// <param name="Results">The results file (JSON Lines of <see cref="TestEvent"/>), appended to.</param>
/// <param name="Manifest">The assignment manifest, for the tasks' thresholds; null: the defaults.</param>
/// <param name="Host">The host's folder (run).</param>
/// <param name="Sandbox">The sandbox tier the host starts in: namespaces, container or none.</param>
/// <param name="SandboxUser">The user the host runs as when the grader is root (0: the judge's own).</param>
/// <param name="MemoryMegabytes">The host's managed heap limit.</param>
/// <param name="CpuSeconds">The CPU seconds the host may use in all.</param>
/// <param name="Serve">The classes whose stand-ins in the host the judge serves with its own versions.</param>
/// <param name="Task">Run this task's tests only, without reading task lines; null: read them from the standard input.</param>
/// <param name="From">With <paramref name="Task"/>: from this test index on.</param>
/// <param name="OutputLimit">The most characters of a test's captured output written to the results file.</param>
public sealed record JudgeArguments(
    string Command, string Results, string? Manifest = null, string? Host = null, string Sandbox = "namespaces", int SandboxUser = 0,
    int MemoryMegabytes = Limits.MemoryMegabytes, int CpuSeconds = Limits.HostCpuSeconds, IReadOnlyList<string>? Serve = null,
    int? Task = null, int From = 0, int OutputLimit = Limits.OutputCharacters)
{
    /// <summary>Lists the hidden tests (what the judge's build writes beside it).</summary>
    public const string List = "list";

    /// <summary>Runs hidden tests against a host.</summary>
    public const string Run = "run";

    /// <summary>The environment variable that carries the seed of the hidden tests' random inputs.</summary>
    public const string SeedVariable = "COURSEWORK_JUDGE_SEED";

    /// <summary>The usage line the judge prints for arguments that are not these.</summary>
    public const string Usage = "usage: Coursework.Judge list|run --results FILE [--manifest FILE] [--host DIR] [--sandbox namespaces|container|none] " +
        "[--sandbox-user UID] [--memory-limit MB] [--cpu-seconds S] [--serve A,B] [--task N [--from INDEX]] [--output-limit CHARACTERS]";

    /// <summary>The command line, in the order the judge reads it.</summary>
    /// <returns>The arguments.</returns>
    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string> { Command, "--results", Results };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                arguments.Add(name);
                arguments.Add(value);
            }
        }

        Add("--manifest", Manifest);
        Add("--host", Host);
        Add("--sandbox", Sandbox);
        Add("--sandbox-user", Text(SandboxUser));
        Add("--memory-limit", Text(MemoryMegabytes));
        Add("--cpu-seconds", Text(CpuSeconds));
        Add("--serve", Serve is { Count: > 0 } served ? string.Join(',', served) : null);
        Add("--task", Task is { } task ? Text(task) : null);
        Add("--from", Task is null ? null : Text(From));
        Add("--output-limit", OutputLimit == Limits.OutputCharacters ? null : Text(OutputLimit));
        return arguments;
    }

    /// <summary>Reads a command line written by <see cref="ToArguments"/>.</summary>
    /// <param name="args">The judge's arguments.</param>
    /// <returns>The arguments, or null when they are not the contract's (no command, no results file, an odd option, a number that is not one, run without a host).</returns>
    public static JudgeArguments? Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not (List or Run) || args.Count % 2 == 0)
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        var defaults = new JudgeArguments(args[0], "");
        int? Number(string name) => !options.TryGetValue(name, out var text) ? null
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException(name);
        try
        {
            var parsed = defaults with
            {
                Results = options.GetValueOrDefault("--results", ""),
                Manifest = options.GetValueOrDefault("--manifest"),
                Host = options.GetValueOrDefault("--host"),
                Sandbox = options.GetValueOrDefault("--sandbox", defaults.Sandbox),
                SandboxUser = Number("--sandbox-user") ?? defaults.SandboxUser,
                MemoryMegabytes = Number("--memory-limit") ?? defaults.MemoryMegabytes,
                CpuSeconds = Number("--cpu-seconds") ?? defaults.CpuSeconds,
                Serve = options.GetValueOrDefault("--serve", "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                Task = Number("--task"),
                From = Number("--from") ?? 0,
                OutputLimit = Number("--output-limit") ?? defaults.OutputLimit,
            };
            return parsed.Results.Length == 0 || (parsed.Command == Run && parsed.Host is null) ? null : parsed;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The line that tells a running judge to run a task's tests from an index on: "TASK FROM".</summary>
    /// <param name="task">The task.</param>
    /// <param name="from">The index of its first test to run.</param>
    /// <returns>The line, without its line break.</returns>
    public static string TaskLine(int task, int from) => $"{Text(task)} {Text(from)}";

    /// <summary>Reads a line written by <see cref="TaskLine"/>.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The task and index, or null for any other line (ignored).</returns>
    public static (int Task, int From)? ParseTaskLine(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, var second] &&
        int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var task) &&
        int.TryParse(second, NumberStyles.Integer, CultureInfo.InvariantCulture, out var from)
            ? (task, from)
            : null;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
