// The judge: the hidden tests, their oracles and thresholds, and stand-ins (Bridge/Proxies) for the student's
// classes. It never loads student code: it starts the host (grader/Host, built with that code) and reaches the
// student's objects through the bridge. Not for people: the grader starts it as
//   Coursework.HiddenTests list --results FILE
//   Coursework.HiddenTests run --task N --seed S --results FILE --host DIR [--from INDEX] [--manifest FILE]
//       [--sandbox on|off] [--memory-limit MB] [--cpu-seconds S] [--reference DLL --reference-classes A,B]
// and reads FILE (JSON Lines, see grader/Protocol/TestEvent.cs).
using System.Globalization;
using Coursework.Grading;
using Coursework.Grading.Protocol;

var options = args.Skip(1).Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
int Number(string name, int fallback) =>
    options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

if (args.Length == 0 || !options.TryGetValue("--results", out var resultsPath))
{
    Console.Error.WriteLine("usage: Coursework.HiddenTests list|run --results FILE [--task N --seed S --from INDEX --host DIR]");
    return 2;
}

if (options.TryGetValue("--manifest", out var manifest))
{
    Thresholds.Load(manifest);
}

using var results = new StreamWriter(new FileStream(resultsPath, FileMode.Append, FileAccess.Write, FileShare.Read));
var runner = new TestRunner(results, Number("--seed", 0), Number("--output-limit", 4000));
switch (args[0])
{
    case "list":
        runner.List(TestCatalog.All());
        return 0;
    case "run" when options.TryGetValue("--host", out var hostFolder):
        var host = new HostOptions(
            hostFolder,
            new SandboxOptions(options.GetValueOrDefault("--sandbox", "on") == "on", Number("--memory-limit", 2048), Number("--cpu-seconds", 600)),
            options.GetValueOrDefault("--reference"),
            options.GetValueOrDefault("--reference-classes", "").Split(',', StringSplitOptions.RemoveEmptyEntries));
        var task = Number("--task", 0);
        runner.Run(TestCatalog.ForTask(task).Where(test => test.Index >= Number("--from", 0)), host);
        return 0;
    default:
        Console.Error.WriteLine($"unknown command '{args[0]}' or no --host");
        return 2;
}
