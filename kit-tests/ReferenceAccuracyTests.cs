using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coursework.Grading.Tests;

/// <summary>
/// The training thresholds in the manifest are fair: the reference, and every correct variant among the scenarios
/// (Scenarios/correct-* whose files belong to the task), clear every one of them on the grading seeds: the manifest's
/// default seed and seeds 1 to 20 (SEEDS=N runs 1 to N, for measuring the distributions in docs/instructors.md). A task's
/// training tests are those that declare their own time budget; they come last in their task, so one run per seed
/// from the first of them covers them all. Runs the judge directly on a host built with that code (the kit's own:
/// no sandbox), two seeds at a time, and prints each metric's distribution (minimum, 1st percentile, median, maximum).
/// </summary>
[NonParallelizable] // it builds hosts, as the golden scenarios do
public class ReferenceAccuracyTests
{
    private static readonly int Seeds = int.TryParse(Environment.GetEnvironmentVariable("SEEDS"), CultureInfo.InvariantCulture, out var n) ? n : 20;

    /// <summary>The judge, built with the grader beside this test's own build.</summary>
    private static readonly string Judge = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Coursework.Judge", "debug", "Coursework.Judge.dll"));

    private static readonly string ManifestPath = Path.Combine(GraderProcess.KitRoot, "grader", "assignment.json");

    private static readonly ConcurrentDictionary<string, Lazy<string>> Hosts = new();

    public static IEnumerable<TestCaseData> Cases()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(ManifestPath));
        foreach (var task in new[] { 4, 5, 6, 7 })
        {
            var stubs = manifest.RootElement.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == task)
                .GetProperty("files").GetProperty("stub").EnumerateArray().Select(f => Path.GetFileName(f.GetString()!)).ToHashSet();
            yield return new TestCaseData(task, "reference").SetName($"Task{task}Training: the reference clears the training thresholds on the grading seeds");
            foreach (var variant in Directory.GetDirectories(GraderProcess.ScenariosFolder, "correct-*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
            {
                var files = Directory.GetFiles(Path.Combine(GraderProcess.ScenariosFolder, variant)).Select(Path.GetFileName).OfType<string>()
                    .Select(f => f.Replace(".cs.change", ".cs", StringComparison.Ordinal).Replace(".cs.from", ".cs", StringComparison.Ordinal));
                if (files.Any(stubs.Contains))
                {
                    yield return new TestCaseData(task, variant).SetName($"Task{task}Training: {variant} clears the training thresholds on the grading seeds");
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void The_code_clears_the_training_thresholds_on_the_grading_seeds(int task, string variant)
    {
        var host = Hosts.GetOrAdd(variant, name => new Lazy<string>(() => BuildHost(name))).Value;
        var training = Events(Judge, null, "list")
            .Where(e => Text(e, "event") == "test" && e["task"]!.GetValue<int>() == task && e["timeoutSeconds"] is not null)
            .ToDictionary(e => e["index"]!.GetValue<int>(), e => Text(e, "name")!);
        training.ShouldNotBeEmpty($"task {task} has no training test (a hidden test with TimeoutSeconds)");

        using var manifest = JsonDocument.Parse(File.ReadAllText(ManifestPath));
        var seeds = Enumerable.Range(1, Seeds).Append(manifest.RootElement.GetProperty("defaultSeed").GetInt32()).Distinct().ToList();
        var failures = new ConcurrentBag<string>();
        var metrics = new ConcurrentBag<(string Test, string Metric, double Value)>();
        Parallel.ForEach(seeds, new ParallelOptions { MaxDegreeOfParallelism = 2 }, seed =>
        {
            var ends = Events(Judge, new Dictionary<string, string> { ["COURSEWORK_JUDGE_SEED"] = Invariant(seed) },
                    "run", "--task", Invariant(task), "--from", Invariant(training.Keys.Min()), "--manifest", ManifestPath, "--host", host, "--sandbox", "none")
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
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"task {task}, {variant}, {group.Key.Test}: {group.Key.Metric} over {values.Length} seeds: min {values[0]:G4}, 1st percentile {Percentile(values, 0.01):G4}, median {Percentile(values, 0.5):G4}, max {values[^1]:G4}"));
        }

        failures.ShouldBeEmpty();
    }

    /// <summary>The host built with the reference, or with a correct variant's files on top of it.</summary>
    private static string BuildHost(string variant)
    {
        if (variant == "reference")
        {
            Dotnet("build", Path.Combine(GraderProcess.KitRoot, "host"), "-p:UseSolutions=true", "-v:q", "-nologo");
            return Path.Combine(GraderProcess.KitRoot, "artifacts", "solutions", "bin", "Coursework.Host", "debug");
        }

        var merged = Path.Combine(GraderProcess.KitRoot, "artifacts", "overlays", "accuracy-" + variant);
        if (Directory.Exists(merged))
        {
            Directory.Delete(merged, recursive: true);
        }

        Directory.CreateDirectory(merged);
        foreach (var file in Directory.GetFiles(Path.Combine(GraderProcess.KitRoot, "solutions"), "*.cs", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(merged, Path.GetFileName(file)));
        }

        var files = ScenarioFiles.Materialize(Path.Combine(GraderProcess.ScenariosFolder, variant));
        foreach (var file in Directory.GetFiles(files, "*.cs"))
        {
            File.Copy(file, Path.Combine(merged, Path.GetFileName(file)), overwrite: true);
        }

        Directory.Delete(files, recursive: true);
        Dotnet("build", Path.Combine(GraderProcess.KitRoot, "host"), $"-p:ExerciseOverrides={merged}", $"-p:CodeVariant=accuracy-{variant}", "-v:q", "-nologo");
        return Path.Combine(GraderProcess.KitRoot, "artifacts", "accuracy-" + variant, "bin", "Coursework.Host", "debug");
    }

    /// <summary>The value below which the given share of the sorted values lie (nearest rank).</summary>
    private static double Percentile(double[] sorted, double share) => sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Runs the judge (its seed comes in its environment, as the grader gives it) and reads the events it wrote.</summary>
    private static List<JsonNode> Events(string program, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var results = Path.Combine(Path.GetTempPath(), $"accuracy-{Guid.NewGuid():N}.jsonl");
        try
        {
            Dotnet(environment, [program, .. arguments, "--results", results]);
            return File.ReadAllLines(results).Select(line => JsonNode.Parse(line)!).ToList();
        }
        finally
        {
            File.Delete(results);
        }
    }

    private static void Dotnet(params string[] arguments) => Dotnet(null, arguments);

    private static void Dotnet(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

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
