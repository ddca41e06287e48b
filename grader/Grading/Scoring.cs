using Coursework.Grading.Results;

namespace Coursework.Grading;

/// <summary>Step 3: turns test outcomes into points.</summary>
internal static class Scoring
{
    /// <summary>A task's result: each test is worth its share of the task's points, by weight.</summary>
    /// <param name="task">The task.</param>
    /// <param name="outcomes">Its tests' outcomes.</param>
    /// <returns>The task's result.</returns>
    public static TaskResult Score(TaskSpec task, IReadOnlyList<TestOutcome> outcomes)
    {
        var shares = Shares((decimal)task.Points, outcomes.Select(outcome => outcome.Test.Weight).ToList());
        var tests = outcomes.Select((outcome, i) => new TestResult(
                outcome.Test.Name, outcome.Status.Name(), outcome.Passed ? shares[i] : 0m, shares[i],
                outcome.Passed ? null : outcome.Message, outcome.Passed ? null : outcome.Output, outcome.Training))
            .ToList();
        return new TaskResult(task.Id, task.Name, tests.Sum(t => t.Score), (decimal)task.Points, task.Bonus, tests);
    }

    /// <summary>
    /// Splits <paramref name="points"/> by weight into amounts of whole hundredths that add up exactly
    /// (largest remainder), so that full marks are exactly the task's points in every format.
    /// </summary>
    internal static decimal[] Shares(decimal points, IReadOnlyList<double> weights)
    {
        if (weights.Count == 0)
        {
            return [];
        }

        var cents = (long)Math.Round(points * 100m);
        var total = weights.Sum();
        var exact = weights.Select(w => total > 0 ? cents * (decimal)(w / total) : cents / (decimal)weights.Count).ToArray();
        var floors = exact.Select(Math.Floor).ToArray();
        var left = cents - (long)floors.Sum();
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - floors[i]).ThenBy(i => i).Take((int)left))
        {
            floors[i] += 1;
        }

        return floors.Select(f => f / 100m).ToArray();
    }
}
