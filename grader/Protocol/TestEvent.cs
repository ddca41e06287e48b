using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coursework.Grading.Protocol;

/// <summary>
/// One line of the file through which a test process reports to the grader (JSON Lines).
/// Shared by both sides: the grader never loads student code, so this file is all they have in common.
/// </summary>
/// <remarks>
/// Events, in order: <c>test</c> (with <c>list</c>: one per test, with its task and weight), <c>loaded</c>
/// (student code loaded), then per test <c>start</c> and <c>end</c>, and finally <c>done</c>.
/// A test with a <c>start</c> and no <c>end</c> is the one that hung or crashed the process.
/// </remarks>
public sealed record TestEvent
{
    /// <summary>test | loaded | start | end | done.</summary>
    public required string Event { get; init; }

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

    /// <summary>pass | fail | error (end events).</summary>
    public string? Status { get; init; }

    /// <summary>What went wrong (end events of failed tests).</summary>
    public string? Message { get; init; }

    /// <summary>What the student's code printed during the test, capped.</summary>
    public string? Output { get; init; }

    /// <summary>How long the test took, in milliseconds.</summary>
    public double? Milliseconds { get; init; }

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
