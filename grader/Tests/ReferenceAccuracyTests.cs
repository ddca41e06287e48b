using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Coursework.Grading.Tests;

/// <summary>
/// The training thresholds in the manifest are fair: the reference clears every one of them on each of 20 seeds.
/// A task's training tests are those that declare their own time budget; they come last in their task, so one run
/// per seed from the first of them covers them all. Runs the judge directly on a host built with the reference (the
/// kit's own code: no sandbox), two seeds at a time, and prints each test's metric over the 20 seeds (minimum, median,
/// maximum).
/// </summary>
[NonParallelizable] // it builds the reference, as the golden "reference" scenario does
public class ReferenceAccuracyTests
{
    private const int Seeds = 20;

    /// <summary>The judge, built with the grader beside this test's own build.</summary>
    private static readonly string Program = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Coursework.HiddenTests", "debug", "Coursework.HiddenTests.dll"));

    private static readonly Lazy<string> ReferenceHost = new(() =>
    {
        Dotnet("build", Path.Combine(GraderProcess.KitRoot, "grader", "Host"), "-p:UseSolutions=true", "-v:q", "-nologo");
        return Path.Combine(GraderProcess.KitRoot, "artifacts", "solutions", "bin", "Coursework.Host", "debug");
    });

    // Filter one with e.g. --filter "Name~Task5Training".
    [TestCase(4, TestName = "Task4Training: the reference clears the digits threshold on 20 seeds")]
    [TestCase(5, TestName = "Task5Training: the reference clears the breast-cancer threshold on 20 seeds")]
    [TestCase(6, TestName = "Task6Training: the reference clears the XOR and sine thresholds on 20 seeds")]
    [TestCase(7, TestName = "Task7Training: the reference clears the mini-batch digits threshold on 20 seeds")]
    public void The_reference_clears_the_training_thresholds_on_20_seeds(int task)
    {
        var manifest = Path.Combine(GraderProcess.KitRoot, "grader", "assignment.json");
        var training = Events(Program, "list")
            .Where(e => Text(e, "event") == "test" && e["task"]!.GetValue<int>() == task && e["timeoutSeconds"] is not null)
            .ToDictionary(e => e["index"]!.GetValue<int>(), e => Text(e, "name")!);
        training.ShouldNotBeEmpty($"task {task} has no training test (a hidden test with TimeoutSeconds)");

        var failures = new ConcurrentBag<string>();
        var metrics = new ConcurrentBag<(string Test, string Metric, double Value)>();
        Parallel.For(1, Seeds + 1, new ParallelOptions { MaxDegreeOfParallelism = 2 }, seed =>
        {
            var ends = Events(Program, "run", "--task", Invariant(task), "--seed", Invariant(seed), "--from", Invariant(training.Keys.Min()), "--manifest", manifest,
                    "--host", ReferenceHost.Value, "--sandbox", "off")
                .Where(e => Text(e, "event") == "end")
                .ToDictionary(e => e["index"]!.GetValue<int>());
            foreach (var (index, name) in training)
            {
                if (!ends.TryGetValue(index, out var end) || Text(end, "status") != "pass")
                {
                    failures.Add($"seed {seed}, {name}: {(end is null ? "no result" : Text(end, "message"))}");
                }

                if (end?["training"]?["metric"] is { } metric)
                {
                    metrics.Add((name, Text(end["training"]!, "metricName") ?? "metric", metric.GetValue<double>()));
                }
            }
        });

        foreach (var group in metrics.GroupBy(m => (m.Test, m.Metric)).OrderBy(g => g.Key.Test, StringComparer.Ordinal))
        {
            var values = group.Select(m => m.Value).Order().ToArray();
            var median = (values[(values.Length - 1) / 2] + values[values.Length / 2]) / 2;
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"task {task}, {group.Key.Test}: {group.Key.Metric} over {values.Length} seeds: min {values[0]:G4}, median {median:G4}, max {values[^1]:G4}"));
        }

        failures.ShouldBeEmpty();
    }

    private static List<JsonNode> Events(string program, params string[] arguments)
    {
        var results = Path.Combine(Path.GetTempPath(), $"accuracy-{Guid.NewGuid():N}.jsonl");
        try
        {
            Dotnet([program, .. arguments, "--results", results]);
            return File.ReadAllLines(results).Select(line => JsonNode.Parse(line)!).ToList();
        }
        finally
        {
            File.Delete(results);
        }
    }

    private static void Dotnet(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(5)).ShouldBeTrue($"dotnet {string.Join(' ', arguments)} did not finish in 5 minutes");
        process.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', arguments)}: {output.Result}{error.Result}");
    }

    private static string? Text(JsonNode node, string property) => node[property]?.GetValue<string>();

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
