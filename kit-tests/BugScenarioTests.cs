using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Coursework.Grading.Tests;

/// <summary>
/// What the golden bug scenarios promise beyond their expected results: a bug costs points in its own task only, and
/// the first message that fails names the bug (the diagnosis matched, not a general hint). A bug scenario's README
/// says <c>**Bug (task N):**</c> and <c>**Named by:** `words the message must contain`</c>. The expected results are
/// checked against real gradings by <see cref="GoldenScenarioTests"/>, so these checks read them.
/// </summary>
public partial class BugScenarioTests
{
    /// <summary>Every scenario whose README names a bug.</summary>
    /// <returns>One case per scenario.</returns>
    public static IEnumerable<TestCaseData> BugScenarios() =>
        Directory.GetDirectories(GraderProcess.ScenariosFolder)
            .Where(folder => File.ReadAllText(Path.Combine(folder, "README.md")).Contains("**Bug (task", StringComparison.Ordinal))
            .Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal)
            .Select(name => new TestCaseData(name).SetName($"Bug scenario {name} loses points in its own task and its first message names the bug"));

    [TestCaseSource(nameof(BugScenarios))]
    public void Bug_scenario_loses_points_in_its_own_task_and_names_the_bug(string scenario)
    {
        var folder = Path.Combine(GraderProcess.ScenariosFolder, scenario);
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        var task = int.Parse(TaskPattern().Match(readme).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var named = NamedByPattern().Match(readme);
        named.Success.ShouldBeTrue($"{scenario}/README.md must say **Named by:** `…`, the words its first failed message contains");

        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")))!;
        var tasks = result["tasks"]!.AsArray().Select(t => t!).ToList();
        foreach (var other in tasks.Where(t => t["id"]!.GetValue<int>() != task))
        {
            other["score"]!.GetValue<decimal>().ShouldBe(other["max_score"]!.GetValue<decimal>(), $"{scenario} (a task {task} bug) lost points in task {other["id"]}");
        }

        var own = tasks.Single(t => t["id"]!.GetValue<int>() == task);
        var failed = own["tests"]!.AsArray().Select(t => t!).FirstOrDefault(t => t["status"]!.GetValue<string>() != "pass");
        failed.ShouldNotBeNull($"{scenario} loses no points in task {task}");
        var message = failed["message"]?.GetValue<string>() ?? "";
        message.ShouldContain(named.Groups[1].Value, Case.Insensitive,
            $"the first failed message of {scenario} (test '{failed["name"]}') does not name its bug");
    }

    [GeneratedRegex(@"\*\*Bug \(task (\d)\):\*\*")]
    private static partial Regex TaskPattern();

    [GeneratedRegex(@"\*\*Named by:\*\* `([^`]+)`")]
    private static partial Regex NamedByPattern();
}
