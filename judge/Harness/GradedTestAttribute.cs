namespace Coursework.Grading;

/// <summary>Marks a class whose <see cref="GradedTestAttribute"/> methods grade one task.</summary>
/// <param name="taskId">The task's id in the assignment manifest (1 = Affine, …).</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GradedTaskAttribute(int taskId) : Attribute
{
    /// <summary>The task's id in the assignment manifest.</summary>
    public int TaskId { get; } = taskId;
}

/// <summary>
/// Marks a hidden test. Its weight is relative: a task's points (from the manifest) are shared among its tests
/// in proportion to their weights. The method name, underscores read as spaces, is the test's name.
/// A test method takes no parameters or one <see cref="GradingContext"/>.
/// </summary>
/// <param name="weight">Relative weight within the task; more for tests that check more.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GradedTestAttribute(double weight = 1) : Attribute
{
    /// <summary>Relative weight within the task.</summary>
    public double Weight { get; } = weight;

    /// <summary>
    /// Seconds this test may run, for tests that do real work (training a network); 0 means the grader's
    /// per-test limit (--test-timeout).
    /// </summary>
    public double TimeoutSeconds { get; init; }
}
