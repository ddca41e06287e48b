
namespace Coursework.Grading.Tests;

public class ScoringTests
{
    [Test]
    public void Shares_of_a_task_add_up_exactly_to_its_points_when_they_do_not_divide_evenly()
    {
        var shares = Scoring.Shares(25m, [1, 1, 1]);

        shares.Sum().ShouldBe(25m);
        shares.ShouldBe([8.34m, 8.33m, 8.33m]);
    }

    [Test]
    public void Shares_follow_the_weights()
    {
        Scoring.Shares(15m, [2, 1]).ShouldBe([10m, 5m]);
    }

    [Test]
    public void A_failed_test_scores_nothing_and_keeps_its_message()
    {
        var task = new TaskSpec(2, "ReLU", 15, Enabled: true, Bonus: false, new TaskFiles([], [], [], []), new Dictionary<string, double>());
        var tests = new[] { new ListedTest(2, 0, "a", 2), new ListedTest(2, 1, "b", 1) };

        var result = Scoring.Score(task, [new TestOutcome(tests[0], TestStatus.Pass, null, null), new TestOutcome(tests[1], TestStatus.Fail, "wrong", "printed")]);

        result.Score.ShouldBe(10m);
        result.MaxScore.ShouldBe(15m);
        result.Tests[1].ShouldBe(new Results.TestResult("b", "fail", 0m, 5m, "wrong", "printed"));
    }
}
