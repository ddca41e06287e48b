// The test process. Not for people: the grader starts it as
//   Coursework.HiddenTests list --results FILE
//   Coursework.HiddenTests run --task N --seed S --results FILE [--from INDEX] [--output-limit CHARS] [--manifest FILE]
// and reads FILE (JSON Lines, see grader/Protocol/TestEvent.cs).
using System.Globalization;
using Coursework.Grading;

var options = args.Skip(1).Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
int Number(string name, int fallback) =>
    options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

if (args.Length == 0 || !options.TryGetValue("--results", out var resultsPath))
{
    Console.Error.WriteLine("usage: Coursework.HiddenTests list|run --results FILE [--task N --seed S --from INDEX]");
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
    case "run":
        var task = Number("--task", 0);
        runner.Run(TestCatalog.ForTask(task).Where(test => test.Index >= Number("--from", 0)));
        return 0;
    default:
        Console.Error.WriteLine($"unknown command '{args[0]}'");
        return 2;
}
