using Coursework.Grading.Results;

namespace Coursework.Grading.Tests;

/// <summary>
/// Whole points for the platforms that take integers only: largest remainder, so that a task's maxima add up to its
/// points and the earned points to the grader's score rounded half up.
/// </summary>
public class WholePointsTests
{
    [Test]
    public void Each_amount_gets_its_floor_and_the_units_left_go_to_the_largest_remainders()
    {
        WholePoints.LargestRemainder([8.34m, 8.33m, 8.33m], 25).ShouldBe([9, 8, 8]);
        WholePoints.LargestRemainder([4.55m, 4.54m, 4.54m, 4.55m, 6.82m], 25).ShouldBe([5, 4, 4, 5, 7]);
    }

    [Test]
    public void A_tie_goes_to_the_first_amount()
    {
        WholePoints.LargestRemainder([1.5m, 2.5m, 0.5m], 5).ShouldBe([2, 3, 0]);
    }

    [Test]
    public void A_total_that_no_rounding_of_the_amounts_reaches_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => WholePoints.LargestRemainder([1.5m, 2m], 5));
        Should.Throw<ArgumentOutOfRangeException>(() => WholePoints.LargestRemainder([1.5m, 2m], 2));
    }

    [Test]
    public void A_failed_test_earns_nothing_and_its_task_keeps_its_points()
    {
        // 25 points over three tests: 8.34, 8.33, 8.33; the last two pass, 16.66 points, rounded to 17.
        var result = Result(Task(1, 25, [1, 1, 1], [false, true, true]));

        var points = WholePoints.Of(result);

        points.Score.ShouldBe(17);
        points.MaxScore.ShouldBe(25);
        points.Tests.ShouldBe([new WholeTestPoints(0, 8), new WholeTestPoints(9, 9), new WholeTestPoints(8, 8)]);
    }

    [Test]
    public void The_score_is_rounded_half_up_and_shared_among_the_tasks_by_their_exact_scores()
    {
        // 12.5 and 7.5 make 20: no unit to give away. 12.5 and 0.5 make 13: one of the two halves is rounded up, the first.
        WholePoints.Of(Result(Task(1, 25, [1, 1], [true, false]), Task(2, 15, [1, 1], [true, false]))).Tests.Sum(t => t.Score).ShouldBe(20);
        var uneven = WholePoints.Of(Result(Task(1, 25, [1, 1], [true, false]), Task(2, 1, [1, 1], [true, false])));

        uneven.Score.ShouldBe(13);
        uneven.Tests.Select(t => t.Score).ShouldBe([13, 0, 0, 0]);
        uneven.Tests.Select(t => t.MaxScore).ShouldBe([13, 12, 0, 1]);
    }

    [Test]
    public void Totals_stay_exact_for_any_weights_and_outcomes_and_in_the_result_a_report_shows()
    {
        var random = new Random(13);
        for (var run = 0; run < 500; run++)
        {
            var result = RandomResult(random);

            var points = WholePoints.Of(result);

            points.Score.ShouldBe((int)Math.Round(result.Score, MidpointRounding.AwayFromZero));
            points.Tests.Sum(t => t.Score).ShouldBe(points.Score);
            var flat = result.Tasks.SelectMany(task => task.Tests.Select(test => (task, test))).Zip(points.Tests).ToList();
            foreach (var task in result.Tasks)
            {
                flat.Where(f => f.First.task == task).Sum(f => f.Second.MaxScore).ShouldBe((int)task.MaxScore);
            }

            foreach (var ((_, test), whole) in flat)
            {
                whole.Score.ShouldBeInRange(0, whole.MaxScore);
                whole.MaxScore.ShouldBeInRange((int)Math.Floor(test.MaxScore), (int)Math.Ceiling(test.MaxScore));
                (whole.Score == whole.MaxScore).ShouldBe(test.Status == "pass" || whole.MaxScore == 0, $"{test.Name} {test.Status} {whole}");
            }

            // The result in these points, as a report shows it: tests add up to their task, tasks to the score.
            var applied = points.ApplyTo(result, points.Score);
            applied.Tasks.Sum(task => task.Score).ShouldBe(points.Score);
            foreach (var (task, exact) in applied.Tasks.Zip(result.Tasks))
            {
                task.MaxScore.ShouldBe(exact.MaxScore, "task points are whole numbers");
                task.Tests.Sum(test => test.Score).ShouldBe(task.Score);
                task.Tests.Select(test => (test.Name, test.Status)).ShouldBe(exact.Tests.Select(test => (test.Name, test.Status)));
            }

            applied.Tasks.SelectMany(task => task.Tests).Select(test => new WholeTestPoints((int)test.Score, (int)test.MaxScore)).ShouldBe(points.Tests);
        }
    }

    /// <summary>A result of one to five tasks of 0 to 40 points, one to twelve tests each, weights 1 to 3, about half passed, some a bonus.</summary>
    internal static GradingResult RandomResult(Random random)
    {
        var tasks = Enumerable.Range(1, random.Next(1, 6)).Select(id =>
        {
            var count = random.Next(1, 13);
            return Task(id, random.Next(0, 41), Enumerable.Range(0, count).Select(_ => (double)random.Next(1, 4)).ToArray(),
                Enumerable.Range(0, count).Select(_ => random.Next(2) == 0).ToArray(), bonus: random.Next(8) == 0);
        }).ToArray();
        return Result(tasks);
    }

    internal static GradingResult Result(params TaskResult[] tasks)
    {
        var score = tasks.Sum(task => task.Score);
        var max = tasks.Where(task => !task.Bonus).Sum(task => task.MaxScore);
        return new GradingResult(1, score == max ? "pass" : "fail", score, max, 7, "exercises/", null, [], tasks, 1.0);
    }

    /// <summary>A task scored as the grader scores it (<see cref="Scoring.Score"/>).</summary>
    internal static TaskResult Task(int id, int points, double[] weights, bool[] passed, bool bonus = false)
    {
        var spec = new TaskSpec(id, $"T{id}", points, Enabled: true, Bonus: bonus, new TaskFiles([], [], [], []), new Dictionary<string, double>());
        return Scoring.Score(spec, weights.Select((w, i) => new TestOutcome(new ListedTest(id, i, $"t{i}", w), passed[i] ? TestStatus.Pass : TestStatus.Fail, null, null)).ToList());
    }
}
