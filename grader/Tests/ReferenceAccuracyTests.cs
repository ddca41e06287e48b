using System.Text.Json.Nodes;

namespace Coursework.Grading.Tests;

/// <summary>The digits accuracy threshold in the manifest is fair: the reference clears it on every one of 20 seeds.</summary>
public class ReferenceAccuracyTests
{
    [Test]
    public void The_reference_clears_the_digits_accuracy_threshold_on_20_seeds()
    {
        var failures = new List<string>();
        foreach (var seed in Enumerable.Range(1, 20))
        {
            var resultFile = Path.Combine(Path.GetTempPath(), $"accuracy-{seed}-{Environment.ProcessId}.json");
            var outcome = GraderProcess.Run("--solutions", "--tasks", "4", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", resultFile);
            outcome.ExitCode.ShouldBe(0, outcome.StandardError);

            var training = JsonNode.Parse(File.ReadAllText(resultFile))!["tasks"]![0]!["tests"]!.AsArray()
                .Single(test => test!["name"]!.GetValue<string>().StartsWith("Training on the digits", StringComparison.Ordinal))!;
            if (training["status"]!.GetValue<string>() != "pass")
            {
                failures.Add($"seed {seed}: {training["message"]}");
            }
        }

        failures.ShouldBeEmpty();
    }
}
