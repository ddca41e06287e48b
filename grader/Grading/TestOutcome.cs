
namespace Coursework.Grading;

/// <summary>A hidden test as the judge lists it.</summary>
/// <param name="TaskId">Its task.</param>
/// <param name="Index">Its position in the task.</param>
/// <param name="Name">Its name, a sentence.</param>
/// <param name="Weight">Its relative weight in the task.</param>
/// <param name="Timeout">Its own time limit, if it declares one (else the grader's per-test limit).</param>
internal sealed record ListedTest(int TaskId, int Index, string Name, double Weight, TimeSpan? Timeout = null);

/// <summary>What happened to one hidden test.</summary>
/// <param name="Test">The test.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Message">Why it did not pass; null if it did.</param>
/// <param name="Output">What the student's code printed during the test (capped), if anything.</param>
/// <param name="Training">What a training test recorded (loss curve, confusion matrix), if anything.</param>
internal sealed record TestOutcome(ListedTest Test, TestStatus Status, string? Message, string? Output, Protocol.TrainingRecord? Training = null)
{
    public bool Passed => Status == TestStatus.Pass;

    /// <summary>The message, capped at <see cref="Limits.MessageCharacters"/>.</summary>
    public string? Message { get; } = Cap(Message, Limits.MessageCharacters);

    /// <summary>The output, capped at <see cref="Limits.OutputCharacters"/>.</summary>
    public string? Output { get; } = Cap(Output, Limits.OutputCharacters);

    private static string? Cap(string? text, int limit) =>
        text is null || text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit), $"… ({text.Length - limit} more characters not shown)");
}
