using System.Text.Json.Nodes;

namespace Coursework.Grading.Tests;

/// <summary>
/// Golden files, one folder per scenario in Scenarios/: replacement files for the reference (or an `args` file
/// with grader options) and expected.json, the result the grader must write, for the tasks it lists (the grading is
/// pinned to them unless `args` chooses the tasks). Timings and the graded folder's path
/// are left out of the comparison. Set UPDATE_GOLDEN=1 to write expected.json from the actual results.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)] // each scenario builds in its own folder; two at a time suit two cores
public class GoldenScenarioTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>Every scenario but the attacks, which <see cref="AttackScenarioTests"/> grades one at a time with its checks around.</summary>
    /// <returns>One case per folder.</returns>
    public static IEnumerable<TestCaseData> Scenarios() =>
        Directory.GetDirectories(GraderProcess.ScenariosFolder)
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => !name.StartsWith("attack-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new TestCaseData(name).SetName($"Scenario {name} grades as expected"));

    [TestCaseSource(nameof(Scenarios))]
    public void Scenario_grades_as_expected(string scenario) => GradeAndCompare(scenario);

    /// <summary>Grades a scenario and compares the result with its expected.json (or writes it, with UPDATE_GOLDEN=1).</summary>
    /// <param name="scenario">The scenario's folder name.</param>
    /// <param name="environment">Variables for the grader process.</param>
    /// <param name="likeDocker">Grade as root in a Docker container would (the container tier).</param>
    /// <param name="pointsOnly">Compare what each test earned, not how its messages word a killed or failed write (another sandbox tier).</param>
    /// <returns>The result as written, for further checks.</returns>
    internal static string GradeAndCompare(string scenario, IReadOnlyDictionary<string, string>? environment = null, bool likeDocker = false, bool pointsOnly = false)
    {
        var folder = Path.Combine(GraderProcess.ScenariosFolder, scenario);
        var files = ScenarioFiles.Materialize(folder);
        try
        {
            return GradeAndCompare(scenario, folder, files, environment, likeDocker, pointsOnly || likeDocker);
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }

    private static string GradeAndCompare(string scenario, string folder, string files, IReadOnlyDictionary<string, string>? environment, bool likeDocker, bool pointsOnly)
    {
        var resultFile = Path.Combine(Path.GetTempPath(), $"golden-{scenario}-{Environment.ProcessId}.json");
        var argsFile = Path.Combine(folder, "args");
        // By default a scenario's files replace the same-named reference files; an `args` file gives other
        // grader options instead ({scenario} stands for the scenario's files, its .cs.change files applied; {scenarios} for
        // the folder of all scenarios; empty grades exercises/).
        var arguments = File.Exists(argsFile)
            ? File.ReadAllText(argsFile).Replace("{scenario}", files).Replace("{scenarios}", GraderProcess.ScenariosFolder)
                .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            : ["--solutions", "--submission", files];
        // The tasks the expected result holds, unless the options choose: a task added to the kit changes no scenario.
        var expectedFile = Path.Combine(folder, "expected.json");
        if (!arguments.Contains("--tasks") && File.Exists(expectedFile))
        {
            arguments = [.. arguments, "--tasks", string.Join(",", JsonNode.Parse(File.ReadAllText(expectedFile))!["tasks"]!.AsArray().Select(task => task!["id"]!.GetValue<int>()))];
        }

        var outcome = likeDocker
            ? GraderProcess.RunLikeDocker(environment, [.. arguments, "--out", resultFile])
            : GraderProcess.Run(environment, [.. arguments, "--out", resultFile]);

        outcome.ExitCode.ShouldBe(0, $"the grader must exit 0 whenever grading ran; stderr: {outcome.StandardError}");
        var written = File.ReadAllText(resultFile);
        File.Delete(resultFile);
        if (pointsOnly)
        {
            // In another tier the same code must earn the same; how a killed or failed write is worded may differ
            // (where nothing bounds /tmp as a whole, the file size signal is ignored and the write fails instead).
            PointsOnly(Normalize(written)).ShouldBe(PointsOnly(File.ReadAllText(expectedFile)), $"scenario {scenario} earns other points in this sandbox tier than in expected.json");
            return written;
        }

        var actual = Normalize(written);
        if (Update || !File.Exists(expectedFile))
        {
            File.WriteAllText(expectedFile, actual);
            Assert.Inconclusive($"wrote {expectedFile}; review it and commit it");
        }

        actual.ShouldBe(File.ReadAllText(expectedFile), $"the result of scenario {scenario} differs from its expected.json (UPDATE_GOLDEN=1 rewrites it)");
        return written;
    }

    /// <summary>A normalized result without the tests' messages and output: what each test earned.</summary>
    private static string PointsOnly(string normalized)
    {
        var result = JsonNode.Parse(normalized)!.AsObject();
        foreach (var test in result["tasks"]!.AsArray().SelectMany(task => task!["tests"]!.AsArray()))
        {
            test!.AsObject().Remove("message");
            test.AsObject().Remove("output");
        }

        return result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The result without what changes from run to run or machine to machine.</summary>
    private static string Normalize(string json)
    {
        var result = JsonNode.Parse(json)!.AsObject();
        result.Remove("duration_seconds");
        result.Remove("code");
        result.Remove("sandbox"); // the machine's, not the code's: the same code earns the same in every tier
        // A training record in one line: loss values carry the last bits of floating-point rounding (which a faster
        // kernel may change), so only which epochs were recorded, the metric and the confusion matrix are compared.
        foreach (var test in result["tasks"]!.AsArray().SelectMany(task => task!["tests"]!.AsArray()))
        {
            if (test!["training"] is JsonObject training)
            {
                var epochs = training["epochs"]!.AsArray().Select(e => e!.GetValue<int>()).ToList();
                test["training"] = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"loss at {epochs.Count} epochs ({epochs.FirstOrDefault()}..{epochs.LastOrDefault()}); {training["metric_name"]} {training["metric"]}; confusion matrix {training["confusion_matrix"]?.ToJsonString() ?? "none"}");
            }
        }

        return result.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";
    }
}
