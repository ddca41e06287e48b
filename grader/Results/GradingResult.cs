using System.Text.Json.Serialization;

namespace Coursework.Grading.Results;

/// <summary>One hidden test in the result file; <c>training</c> only for tests that train a model.</summary>
internal sealed record TestResult(
    string Name, string Status, decimal Score, decimal MaxScore, string? Message, string? Output,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Protocol.TrainingRecord? Training = null);

/// <summary>One task in the result file; a bonus task's max_score is not part of the result's max_score.</summary>
internal sealed record TaskResult(int Id, string Name, decimal Score, decimal MaxScore, bool Bonus, IReadOnlyList<TestResult> Tests)
{
    [JsonIgnore]
    public IEnumerable<TestResult> Failed => Tests.Where(test => test.Status != "pass");
}

/// <summary>
/// The result of a grading run: the contract that CI and other tools read (version 1; fields may be added,
/// none removed or renamed). Everything but <see cref="DurationSeconds"/> and <see cref="Sandbox"/> is the same for the
/// same code and seed.
/// </summary>
/// <param name="Version">1.</param>
/// <param name="Status">pass (full marks), fail (fewer), error (the code could not be graded, e.g. it does not compile).</param>
/// <param name="Score">Points earned.</param>
/// <param name="MaxScore">Points possible.</param>
/// <param name="Seed">The seed of the hidden tests' random inputs.</param>
/// <param name="Code">What was graded: exercises/, the reference solutions, or a submission folder.</param>
/// <param name="Message">Why the status is error; null otherwise.</param>
/// <param name="Errors">Compiler errors, paths relative to the student's folder.</param>
/// <param name="Tasks">Per task, per test.</param>
/// <param name="DurationSeconds">Wall time of the whole run, build included.</param>
internal sealed record GradingResult(
    int Version, string Status, decimal Score, decimal MaxScore, int Seed, string Code, string? Message,
    IReadOnlyList<CompileError> Errors, IReadOnlyList<TaskResult> Tasks, double DurationSeconds)
{
    /// <summary>
    /// For a submission: the exercise files it supplied (e.g. Affine.cs); every other exercise file was the untouched
    /// skeleton (or, with --solutions, the reference). Null when exercises/ or the reference was graded.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? SubmittedFiles { get; init; }

    /// <summary>How student code was isolated: namespaces, container or none (see Protocol.SandboxTier).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sandbox { get; init; }

    /// <summary>Where the run's seconds went, phase by phase; only with --timings (timings differ from run to run).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PhaseTiming>? Timings { get; init; }

    /// <summary>The same result with only the names, statuses and points of the hidden tests (--hide-messages).</summary>
    /// <returns>A copy without test messages and captured output.</returns>
    public GradingResult WithoutTestDetails() => this with
    {
        Tasks = Tasks.Select(task => task with { Tests = task.Tests.Select(test => test with { Message = null, Output = null }).ToList() }).ToList(),
    };
}
