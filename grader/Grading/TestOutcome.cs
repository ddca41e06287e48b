namespace Coursework.Grading;

/// <summary>A hidden test as listed by the test program.</summary>
/// <param name="TaskId">Its task.</param>
/// <param name="Index">Its position in the task.</param>
/// <param name="Name">Its name, a sentence.</param>
/// <param name="Weight">Its relative weight in the task.</param>
/// <param name="Timeout">Its own time limit, if it declares one (else the grader's per-test limit).</param>
internal sealed record ListedTest(int TaskId, int Index, string Name, double Weight, TimeSpan? Timeout = null);

/// <summary>What happened to one hidden test.</summary>
/// <param name="Test">The test.</param>
/// <param name="Status">pass, fail or error.</param>
/// <param name="Message">Why it did not pass; null if it did.</param>
/// <param name="Output">What the student's code printed during the test (capped), if anything.</param>
/// <param name="Training">What a training test recorded (loss curve, confusion matrix), if anything.</param>
internal sealed record TestOutcome(ListedTest Test, string Status, string? Message, string? Output, Protocol.TrainingRecord? Training = null)
{
    /// <summary>The most characters of a message kept in a result: feedback can never carry a file's worth of anything.</summary>
    public const int MessageLimit = 2000;

    /// <summary>The most characters of captured output kept in a result.</summary>
    public const int OutputLimit = 4000;

    public bool Passed => Status == "pass";

    /// <summary>The message, capped at <see cref="MessageLimit"/>.</summary>
    public string? Message { get; } = Cap(Message, MessageLimit);

    /// <summary>The output, capped at <see cref="OutputLimit"/>.</summary>
    public string? Output { get; } = Cap(Output, OutputLimit);

    private static string? Cap(string? text, int limit) =>
        text is null || text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit), $"… ({text.Length - limit} more characters not shown)");
}
