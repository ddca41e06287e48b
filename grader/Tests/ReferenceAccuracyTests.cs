using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Coursework.Grading.Tests;

/// <summary>
/// The digits accuracy threshold in the manifest is fair: the reference clears it on every one of 20 seeds.
/// Runs only the training test, straight from the reference's test program, two seeds at a time.
/// </summary>
[NonParallelizable] // it builds the reference, as the golden "reference" scenario does
public class ReferenceAccuracyTests
{
    private const string TrainingTest = "Training on the digits reaches the required test accuracy";

    [Test]
    public void The_reference_clears_the_digits_accuracy_threshold_on_20_seeds()
    {
        Dotnet("build", Path.Combine(GraderProcess.KitRoot, "grader", "HiddenTests"), "-p:UseSolutions=true", "-v:q", "-nologo");
        var program = Path.Combine(GraderProcess.KitRoot, "artifacts", "solutions", "bin", "Coursework.HiddenTests", "debug", "Coursework.HiddenTests.dll");
        var manifest = Path.Combine(GraderProcess.KitRoot, "grader", "assignment.json");
        var index = Events(program, "list").Single(e => e["event"]!.GetValue<string>() == "test" && e["name"]!.GetValue<string>() == TrainingTest)["index"]!.GetValue<int>();

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(1, 21, new ParallelOptions { MaxDegreeOfParallelism = 2 }, seed =>
        {
            var end = Events(program, "run", "--task", "4", "--seed", Text(seed), "--from", Text(index), "--manifest", manifest)
                .FirstOrDefault(e => e["event"]!.GetValue<string>() == "end" && e["index"]!.GetValue<int>() == index);
            if (end?["status"]?.GetValue<string>() != "pass")
            {
                failures.Add($"seed {seed}: {end?["message"]?.GetValue<string>() ?? "no result"}");
            }
        });

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

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
