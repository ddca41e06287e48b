// The judge: the hidden tests (hidden-tests/), their oracles and thresholds, and stand-ins (bridge/Proxies) for the student's
// classes. It never loads student code: it starts the host (host/, built with that code) and reaches the
// student's objects through the bridge. Not for people: the grader starts it with the arguments, the seed and the task
// lines of contracts/JudgeProtocol.cs, and reads the results file it writes (JSON Lines, see contracts/TestEvent.cs).
// Without --task the judge starts the host and then runs what each task line of its standard input says (a task's
// tests from an index on), until it ends: the tasks of one grading that use the same host share it.
using System.Globalization;
using Coursework.Grading;
using Coursework.Grading.Protocol;

if (JudgeArguments.Parse(args) is not { } arguments)
{
    Console.Error.WriteLine(JudgeArguments.Usage);
    return JudgeExit.Usage;
}

if (arguments.Manifest is { } manifest)
{
    Thresholds.Load(manifest);
}

using var results = new StreamWriter(new FileStream(arguments.Results, FileMode.Append, FileAccess.Write, FileShare.Read));
var seed = int.Parse(Environment.GetEnvironmentVariable(JudgeArguments.SeedVariable) ?? "0", CultureInfo.InvariantCulture);
var runner = new TestRunner(results, seed, arguments.OutputLimit);
if (arguments.Command == JudgeArguments.List)
{
    runner.List(TestCatalog.All());
    return JudgeExit.Done;
}

var host = new HostOptions(
    arguments.Host!,
    new SandboxOptions(Enum.Parse<SandboxTier>(arguments.Sandbox, ignoreCase: true), arguments.MemoryMegabytes, arguments.CpuSeconds, arguments.SandboxUser),
    arguments.Serve ?? []);
runner.Run(arguments.Task is { } task ? [(task, arguments.From)] : TaskLines(), host);
return JudgeExit.Done;

// Task lines from the grader, until its end of the input; any other line is ignored.
static IEnumerable<(int Task, int From)> TaskLines()
{
    while (Console.In.ReadLine() is { } line)
    {
        if (JudgeArguments.ParseTaskLine(line) is { } command)
        {
            yield return command;
        }
    }
}
