// The judge: the hidden tests (hidden-tests/), their oracles and thresholds, and stand-ins (bridge/Proxies) for the student's
// classes. It never loads student code: it starts the host (host/, built with that code) and reaches the
// student's objects through the bridge. Not for people: the grader starts it as
//   Coursework.Judge list --results FILE
//   COURSEWORK_JUDGE_SEED=S Coursework.Judge run [--task N [--from INDEX]] --results FILE --host DIR [--manifest FILE]
//       [--sandbox namespaces|container|none] [--sandbox-user UID] [--memory-limit MB] [--cpu-seconds S] [--serve A,B]
// and reads FILE (JSON Lines, see contracts/TestEvent.cs). Without --task the judge starts the host and then
// runs what each line of its standard input says, "TASK FROM" (a task's tests from that index on), until it ends:
// the tasks of one grading that use the same host share it. The seed comes in the environment, which only root and
// the judge's own user can read (/proc/PID/environ), never on the command line, which every user can.
using System.Globalization;
using Coursework.Grading;
using Coursework.Grading.Protocol;

var options = args.Skip(1).Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
int Number(string name, int fallback) =>
    options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

if (args.Length == 0 || !options.TryGetValue("--results", out var resultsPath))
{
    Console.Error.WriteLine("usage: Coursework.Judge list|run --results FILE [--task N --seed S --from INDEX --host DIR]");
    return 2;
}

if (options.TryGetValue("--manifest", out var manifest))
{
    Thresholds.Load(manifest);
}

using var results = new StreamWriter(new FileStream(resultsPath, FileMode.Append, FileAccess.Write, FileShare.Read));
var seed = int.Parse(Environment.GetEnvironmentVariable("COURSEWORK_JUDGE_SEED") ?? "0", CultureInfo.InvariantCulture);
var runner = new TestRunner(results, seed, Number("--output-limit", 4000));
switch (args[0])
{
    case "list":
        runner.List(TestCatalog.All());
        return 0;
    case "run" when options.TryGetValue("--host", out var hostFolder):
        var host = new HostOptions(
            hostFolder,
            new SandboxOptions(Enum.Parse<SandboxTier>(options.GetValueOrDefault("--sandbox", "namespaces"), ignoreCase: true),
                Number("--memory-limit", 384), Number("--cpu-seconds", 600), Number("--sandbox-user", 0)),
            options.GetValueOrDefault("--serve", "").Split(',', StringSplitOptions.RemoveEmptyEntries));
        if (options.ContainsKey("--task"))
        {
            runner.Run([(Number("--task", 0), Number("--from", 0))], host);
        }
        else
        {
            runner.Run(Commands(), host);
        }

        return 0;
    default:
        Console.Error.WriteLine($"unknown command '{args[0]}' or no --host");
        return 2;
}

// "TASK FROM" lines from the grader, until its end of the input.
static IEnumerable<(int Task, int From)> Commands()
{
    while (Console.In.ReadLine() is { } line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var task) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var from))
        {
            yield return (task, from);
        }
    }
}
