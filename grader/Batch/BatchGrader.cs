using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Coursework.Grading.Batch;

/// <summary>How one submission of a batch ended.</summary>
/// <param name="StudentId">Whose.</param>
/// <param name="ResultFile">Its result JSON, if grading ran.</param>
/// <param name="Problem">Why it could not be graded (a broken zip, no exercise files, the grader failing), else null.</param>
/// <param name="Skipped">Graded in an earlier run and kept.</param>
/// <param name="Elapsed">How long it took.</param>
internal sealed record BatchOutcome(string StudentId, string? ResultFile, string? Problem, bool Skipped, TimeSpan Elapsed);

/// <summary>
/// Grades every submission of a folder, a few at a time, in long-lived grader processes of its own (workers: one
/// broken submission or grader failure never stops the batch; a worker that hangs or dies is replaced). Results go to OUT/results/ID.json and feedback to OUT/feedback/ID.md; a submission with a
/// result already there is skipped unless regrading is asked for.
/// </summary>
/// <param name="outputFolder">OUT.</param>
/// <param name="graderArguments">Options passed to every grading (seed, tasks, limits, --hide-messages).</param>
/// <param name="parallelism">How many submissions are graded at once.</param>
/// <param name="perSubmissionLimit">When a grading process is stopped (it has limits of its own; this is a backstop).</param>
internal sealed class BatchGrader(string outputFolder, IReadOnlyList<string> graderArguments, int parallelism, TimeSpan perSubmissionLimit)
{
    public string ResultsFolder => Path.Combine(outputFolder, "results");

    public string FeedbackFolder => Path.Combine(outputFolder, "feedback");

    /// <summary>The grading options of the last run into this folder, one per line.</summary>
    private string OptionsFile => Path.Combine(ResultsFolder, "options.txt");

    /// <summary>Whether results are already here from a run with other grading options (seed, tasks, limits…), which must not be mixed with this run's.</summary>
    /// <returns>True when the folder has results and they were graded with other options.</returns>
    public bool HasResultsFromOtherOptions() =>
        File.Exists(OptionsFile) && File.ReadAllText(OptionsFile) != string.Join('\n', graderArguments);

    /// <summary>Grades the submissions, reporting each as it ends.</summary>
    /// <param name="submissions">The submissions.</param>
    /// <param name="preparer">Extracts each one's exercise files.</param>
    /// <param name="regrade">Grade again those already graded.</param>
    /// <param name="finished">Called (from any thread) as each submission ends.</param>
    /// <returns>One outcome per submission, in the submissions' order.</returns>
    public IReadOnlyList<BatchOutcome> Run(IReadOnlyList<Submission> submissions, SubmissionPreparer preparer, bool regrade, Action<BatchOutcome> finished)
    {
        Directory.CreateDirectory(ResultsFolder);
        Directory.CreateDirectory(FeedbackFolder);
        File.WriteAllText(OptionsFile, string.Join('\n', graderArguments));
        var work = Path.Combine(outputFolder, ".work");
        var outcomes = new ConcurrentDictionary<string, BatchOutcome>();
        Parallel.ForEach(submissions, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, submission =>
        {
            var outcome = GradeOne(submission, preparer, Path.Combine(work, FileName(submission.StudentId)), regrade);
            outcomes[submission.StudentId] = outcome;
            finished(outcome);
        });
        while (_idle.TryTake(out var worker))
        {
            worker.Dispose();
        }

        TryDelete(work);
        return submissions.Select(submission => outcomes[submission.StudentId]).ToList();
    }

    private BatchOutcome GradeOne(Submission submission, SubmissionPreparer preparer, string workFolder, bool regrade)
    {
        var clock = Stopwatch.StartNew();
        var resultFile = Path.Combine(ResultsFolder, FileName(submission.StudentId) + ".json");
        var problemFile = Path.Combine(ResultsFolder, FileName(submission.StudentId) + ".error.txt");
        // A result is kept only if the submission has not changed since (a late resubmission is graded again).
        if (!regrade && Gradebook.TryRead(resultFile) is not null && File.GetLastWriteTimeUtc(resultFile) >= submission.LastChangeUtc())
        {
            return new BatchOutcome(submission.StudentId, resultFile, null, Skipped: true, clock.Elapsed);
        }

        File.Delete(resultFile);
        File.Delete(problemFile);
        string? problem;
        try
        {
            preparer.Prepare(submission, workFolder);
            problem = RunGrader(workFolder, resultFile, Path.Combine(FeedbackFolder, FileName(submission.StudentId) + ".md"));
        }
        catch (GradingException exception)
        {
            problem = exception.Message;
        }
        finally
        {
            TryDelete(workFolder);
        }

        if (problem is not null)
        {
            File.WriteAllText(problemFile, problem + "\n");
        }

        return new BatchOutcome(submission.StudentId, problem is null ? resultFile : null, problem, Skipped: false, clock.Elapsed);
    }

    /// <summary>Grades one prepared submission in a worker of this batch; null on success, else one line saying what went wrong.</summary>
    private string? RunGrader(string submissionFolder, string resultFile, string feedbackFile)
    {
        var worker = _idle.TryTake(out var idle) ? idle : StartWorker();
        var job = new WorkerJob(
            Path.GetDirectoryName(submissionFolder)!,
            ["--submission", Path.GetFileName(submissionFolder), "--out", resultFile, "--report", feedbackFile, "--pictures", .. graderArguments]);
        var reply = worker.Grade(job, perSubmissionLimit, out var problem);
        if (reply is null)
        {
            worker.Kill(); // stuck or gone: the next submission gets a new one
            return problem;
        }

        _idle.Add(worker);
        var error = reply.Error.Trim();
        return reply.Exit == 0 && Gradebook.TryRead(resultFile) is not null
            ? null
            : error.Length > 0 ? error.Split('\n')[0] : $"the grader exited with code {reply.Exit}";
    }

    /// <summary>Workers between two submissions; at most one per parallel grading.</summary>
    private readonly ConcurrentBag<GradingWorker> _idle = [];

    private static GradingWorker StartWorker()
    {
        var (program, prefix) = Self();
        return GradingWorker.Start(program, prefix);
    }

    /// <summary>How to start this same grader again: its apphost, or dotnet with its dll.</summary>
    private static (string Program, string[] Prefix) Self()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (host, [typeof(BatchGrader).Assembly.Location])
            : (host, []);
    }

    /// <summary>A student id made safe as a file name (ids are folder and zip names, so this rarely changes one).</summary>
    internal static string FileName(string studentId) =>
        string.Concat(studentId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // a leftover work folder costs disk space, not a grade
        }
    }
}

/// <summary>grades.csv: one row per student, one column per task, then total, max, status, the files the submission supplied and any problem.</summary>
internal static class Gradebook
{
    /// <summary>Reads a result file written by the grader; null if it is missing or unreadable.</summary>
    public static JsonElement? TryRead(string resultFile)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(resultFile));
            return document.RootElement.Clone();
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The CSV text (RFC 4180 quoting, invariant numbers).</summary>
    /// <param name="tasks">The graded tasks, in column order.</param>
    /// <param name="outcomes">One per student.</param>
    /// <returns>Header and rows.</returns>
    public static string Render(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<BatchOutcome> outcomes)
    {
        var csv = new StringBuilder();
        var header = new[] { "student" }
            .Concat(tasks.Select(task => $"task{task.Id}_{task.Name.ToLowerInvariant()}{(task.Bonus ? "_bonus" : "")}"))
            .Concat(["total", "max", "status", "submitted_files", "problem"]);
        csv.AppendLine(Row(header));
        var maximum = tasks.Where(task => !task.Bonus).Sum(task => (decimal)task.Points);
        foreach (var outcome in outcomes)
        {
            var result = outcome.ResultFile is null ? null : TryRead(outcome.ResultFile);
            var scores = tasks.Select(task => result is { } r ? TaskScore(r, task.Id) : 0m).ToList();
            var row = new[] { outcome.StudentId }
                .Concat(scores.Select(Number))
                .Concat([
                    Number(result?.GetProperty("score").GetDecimal() ?? 0m),
                    Number(result?.GetProperty("max_score").GetDecimal() ?? maximum),
                    result?.GetProperty("status").GetString() ?? "not graded",
                    result is { } graded && graded.TryGetProperty("submitted_files", out var files) ? string.Join(' ', files.EnumerateArray().Select(f => f.GetString())) : "",
                    outcome.Problem ?? (result?.GetProperty("status").GetString() == "error" ? result?.GetProperty("message").GetString() ?? "" : ""),
                ]);
            csv.AppendLine(Row(row));
        }

        return csv.ToString();
    }

    /// <summary>One line of grades.csv, without its line break: the fields quoted as RFC 4180 needs. <c>merge</c> writes its rows with it too, so a merged gradebook is byte for byte the unsharded one.</summary>
    /// <param name="fields">The record's fields.</param>
    /// <returns>The line.</returns>
    internal static string Row(IEnumerable<string> fields) => string.Join(',', fields.Select(Csv.Quote));

    private static decimal TaskScore(JsonElement result, int taskId) =>
        result.GetProperty("tasks").EnumerateArray().FirstOrDefault(task => task.GetProperty("id").GetInt32() == taskId) is { ValueKind: JsonValueKind.Object } task
            ? task.GetProperty("score").GetDecimal()
            : 0m;

    /// <summary>A score as the gradebooks write it: invariant culture, at most two decimals.</summary>
    internal static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
