namespace Coursework.Grading.Results;

/// <summary>
/// A result's points as whole numbers, for the platforms that take only integers (Classroom 50's result/v1, and the
/// Classroom reporter, which adds the per-test scores as floating-point numbers). The grader's score is rounded half up
/// to a whole number, and the points are shared out by largest remainder so that every sum stays exact:
/// <list type="number">
/// <item>the rounded score is shared among the tasks by their exact scores;</item>
/// <item>within a task, its share of the score is shared among its tests by their exact scores, and the points it
/// did not earn (its whole points less that share) among its tests by the points each lost;</item>
/// <item>a test's maximum is what it earned plus what it lost.</item>
/// </list>
/// So a task's maxima add up to its points, the earned points add up to the rounded score, no test earns more than its
/// maximum, a passed test earns all of it and a failed one nothing. A test's whole maximum can differ by a point
/// between two results (9 or 8 of a task's 25 points over three tests), whichever keeps the totals exact.
/// </summary>
/// <param name="Score">The grader's score, rounded half up.</param>
/// <param name="MaxScore">The grader's maximum (a whole number: task points are).</param>
/// <param name="Tests">Each test's whole points, in the result's order (task by task).</param>
/// <param name="TaskScores">Each task's share of the score, in the result's order.</param>
internal sealed record WholePoints(int Score, int MaxScore, IReadOnlyList<WholeTestPoints> Tests, IReadOnlyList<int> TaskScores)
{
    /// <summary>The result's whole points.</summary>
    /// <param name="result">The result; its task points are whole numbers (the manifest requires it).</param>
    /// <returns>The whole points.</returns>
    public static WholePoints Of(GradingResult result)
    {
        var score = Round(result.Score);
        var earnedByTask = LargestRemainder(result.Tasks.Select(task => task.Score).ToList(), score);
        var tests = result.Tasks.SelectMany((task, t) =>
        {
            if (task.Tests.Count == 0)
            {
                return []; // not run (the code does not compile): no test to share its points among
            }

            var earned = LargestRemainder(task.Tests.Select(test => test.Score).ToList(), earnedByTask[t]);
            var lost = LargestRemainder(task.Tests.Select(test => test.MaxScore - test.Score).ToList(), Round(task.MaxScore) - earnedByTask[t]);
            return earned.Zip(lost, (e, l) => new WholeTestPoints(e, e + l)).ToArray();
        }).ToList();
        return new WholePoints(score, Round(result.MaxScore), tests, earnedByTask);
    }

    /// <summary>
    /// The result in these whole points, for a report that must state the grade a platform records (the points
    /// computed from <paramref name="result"/>).
    /// </summary>
    /// <param name="result">The result these points were computed from.</param>
    /// <param name="score">The total the platform records (Classroom 50 caps it at the maximum).</param>
    /// <returns>The result with whole scores and maxima, messages and training records as they were.</returns>
    public GradingResult ApplyTo(GradingResult result, int score)
    {
        var first = 0;
        var tasks = new List<TaskResult>();
        foreach (var (task, t) in result.Tasks.Select((task, t) => (task, t)))
        {
            var tests = task.Tests.Select((test, i) => test with { Score = Tests[first + i].Score, MaxScore = Tests[first + i].MaxScore }).ToList();
            first += tests.Count;
            tasks.Add(task with { Score = TaskScores[t], MaxScore = Round(task.MaxScore), Tests = tests });
        }

        return result with { Score = score, MaxScore = MaxScore, Tasks = tasks };
    }

    /// <summary>
    /// Whole numbers that add up to <paramref name="total"/>, each the floor or the ceiling of its exact amount: every
    /// amount gets its floor, and the units left go one each to the largest fractional remainders (the first on a tie).
    /// </summary>
    /// <param name="exact">The exact amounts, ≥ 0.</param>
    /// <param name="total">Between the sum of their floors and the sum of their ceilings, as the rounded sum always is.</param>
    /// <returns>The whole amounts, in order.</returns>
    public static int[] LargestRemainder(IReadOnlyList<decimal> exact, int total)
    {
        var floors = exact.Select(amount => (int)Math.Floor(amount)).ToArray();
        var left = total - floors.Sum();
        var fractional = Enumerable.Range(0, exact.Count).Where(i => exact[i] > floors[i]).ToList();
        if (left < 0 || left > fractional.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, $"a total of whole amounts between {floors.Sum()} and {floors.Sum() + fractional.Count} was expected");
        }

        foreach (var i in fractional.OrderByDescending(i => exact[i] - floors[i]).ThenBy(i => i).Take(left))
        {
            floors[i] += 1;
        }

        return floors;
    }

    private static int Round(decimal points) => (int)Math.Round(points, MidpointRounding.AwayFromZero);
}

/// <summary>One test's whole points.</summary>
/// <param name="Score">Earned.</param>
/// <param name="MaxScore">Its share of the task's points.</param>
internal sealed record WholeTestPoints(int Score, int MaxScore);
