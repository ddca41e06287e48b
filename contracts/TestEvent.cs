// The judge's results file: how the judge reports to the grader.
// Who writes: the judge appends one TestEvent line (JSON) per event to the file the grader named (--results), and its
// build writes the list of hidden tests (test events only) beside it as hidden-tests.jsonl.
// Who reads: the grader, while the judge runs (TaskRunner), and the list once per grading.
// What each side may assume: the grader, that events come in the order of EventKind, that a line that does not parse
// was cut short by a kill, and that a test's output is already capped (--output-limit); the judge, that the file is
// readable by the grader's user only (the host's user never sees verdicts).
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coursework.Grading.Protocol;

/// <summary>
/// One line of the results file through which the judge reports to the grader (JSON Lines).
/// </summary>
/// <remarks>
/// Events, in order (<see cref="EventKind"/>): <c>test</c> (with <c>list</c>: one per test, with its task and weight),
/// <c>loaded</c> (student code loaded), then per test <c>start</c> and <c>end</c>, and finally <c>done</c>.
/// A test with a <c>start</c> and no <c>end</c> is the one that hung or crashed the process.
/// </remarks>
public sealed record TestEvent
{
    /// <summary>What the line reports.</summary>
    public required EventKind Event { get; init; }

    /// <summary>The task the test belongs to.</summary>
    public int? Task { get; init; }

    /// <summary>The test's position within its task, from 0.</summary>
    public int? Index { get; init; }

    /// <summary>The test's name, a sentence.</summary>
    public string? Name { get; init; }

    /// <summary>The test's relative weight within its task.</summary>
    public double? Weight { get; init; }

    /// <summary>The test's own time limit in seconds, if it has one (test events).</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>How the test ended (end events).</summary>
    public TestStatus? Status { get; init; }

    /// <summary>What went wrong (end events of failed tests).</summary>
    public string? Message { get; init; }

    /// <summary>What the student's code printed during the test, capped.</summary>
    public string? Output { get; init; }

    /// <summary>How long the test took, in milliseconds.</summary>
    public double? Milliseconds { get; init; }

    /// <summary>What a training test recorded (loss curve, confusion matrix), for the feedback report (end events).</summary>
    public TrainingRecord? Training { get; init; }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>This event as one line of JSON.</summary>
    /// <returns>No line breaks inside.</returns>
    public string ToLine() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads one line; null if it is not a complete event (a process killed mid-write).</summary>
    /// <param name="line">One line of the file.</param>
    /// <returns>The event, or null.</returns>
    public static TestEvent? FromLine(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<TestEvent>(line, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What a training test saw while the student's model trained: for charts in the feedback, never for points.</summary>
public sealed record TrainingRecord
{
    /// <summary>The epochs at which the loss was recorded, ascending.</summary>
    public List<int> Epochs { get; init; } = [];

    /// <summary>The training loss at each of <see cref="Epochs"/>.</summary>
    public List<double> Loss { get; init; } = [];

    /// <summary>What the loss is, e.g. "mean cross-entropy".</summary>
    public string? LossName { get; init; }

    /// <summary>Counts of (true class, predicted class) on held-out data: [actual][predicted]; null if not a classifier.</summary>
    public int[][]? ConfusionMatrix { get; init; }

    /// <summary>The held-out metric the test checks, e.g. "test accuracy".</summary>
    public string? MetricName { get; init; }

    /// <summary>Its value.</summary>
    public double? Metric { get; init; }
}
