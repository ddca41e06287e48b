// The contract between batch and its grading workers.
// Who writes: batch (grader/Batch/GradingWorker.cs) starts `Coursework.Grader worker` and writes one WorkerJob line
// (JSON) per submission on the worker's standard input; it closes the input when the batch is done.
// Who reads: the worker (grader/Commands/WorkerCommand.cs) grades it as the grader's command line would and answers
// with exactly one WorkerReply line on its standard output, which carries nothing else.
// What each side may assume: both are the grader's own trusted code (no student code runs in a worker: each grading
// starts its own judges and sandboxed hosts); batch, that a worker that neither answers nor stays within a
// submission's time limit is stopped and replaced, and that submission reported as not graded.
using System.Text.Json;

namespace Coursework.Grading.Protocol;

/// <summary>One grading for a worker: the grader's arguments, run in <paramref name="Directory"/>.</summary>
/// <param name="Directory">The working directory (beside the submission, so that reports name it by the student's id alone).</param>
/// <param name="Arguments">The grader's command line.</param>
public sealed record WorkerJob(string Directory, IReadOnlyList<string> Arguments)
{
    /// <summary>This job as one line of JSON.</summary>
    /// <returns>No line breaks inside.</returns>
    public string ToLine() => JsonSerializer.Serialize(this, WorkerLines.Options);

    /// <summary>Reads a line written by <see cref="ToLine"/>.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The job, or null when the line is not one.</returns>
    public static WorkerJob? FromLine(string line) => WorkerLines.Read<WorkerJob>(line);
}

/// <summary>How a worker's grading ended.</summary>
/// <param name="Exit">The grader's exit code.</param>
/// <param name="Error">What it wrote as its error message (empty on success).</param>
public sealed record WorkerReply(int Exit, string Error)
{
    /// <summary>This reply as one line of JSON.</summary>
    /// <returns>No line breaks inside.</returns>
    public string ToLine() => JsonSerializer.Serialize(this, WorkerLines.Options);

    /// <summary>Reads a line written by <see cref="ToLine"/>.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The reply, or null when the line is not one.</returns>
    public static WorkerReply? FromLine(string line) => WorkerLines.Read<WorkerReply>(line);
}

/// <summary>The JSON both sides of the worker protocol write and read.</summary>
internal static class WorkerLines
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static T? Read<T>(string line)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
