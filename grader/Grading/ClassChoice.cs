using Coursework.Grading.Results;

namespace Coursework.Grading;

/// <summary>Where the classes of the tasks a task builds on come from, in the host that grades it.</summary>
internal enum ClassSource
{
    /// <summary>The student's own classes: the task builds on none, or the code under test is already the reference.</summary>
    Own,

    /// <summary>
    /// The student's own classes of the tasks that passed every hidden test, stand-ins for the others (none when all
    /// passed), with a shorter limit per test.
    /// </summary>
    OwnWherePassed,

    /// <summary>Stand-ins for the classes of every task it builds on.</summary>
    Reference,
}

/// <summary>
/// Which classes a task's host gets for the tasks it builds on, and what follows when that host cannot be built or a
/// test ends in an error. A stand-in calls the judge's own version of its class (the reference, compiled into the
/// judge by standins/), so a bug in a layer costs that layer's points only.
/// </summary>
/// <param name="Source">Where the classes come from.</param>
/// <param name="StandIns">The tasks whose classes are stand-ins, in order; empty: the host of the student's own code.</param>
/// <param name="PerTestLimit">The most a test may take; null: the grading's own limit.</param>
/// <param name="IfNotBuilt">The choice when the student's files do not compile with these stand-ins; null: none is needed (no stand-ins) or the first grade stands.</param>
/// <param name="IfError">The choice that grades the task again, and counts, when a test ends in an error (a crash, an exception, the limit); null: none.</param>
internal sealed record ClassChoice(
    ClassSource Source, IReadOnlyList<int> StandIns, TimeSpan? PerTestLimit, ClassChoice? IfNotBuilt, ClassChoice? IfError)
{
    /// <summary>
    /// The most a test may take when a task runs with the student's own classes of the tasks it builds on (at the
    /// reference's speed a training test takes 2–6 s here, idle or busy); past it the task is graded with the reference versions.
    /// </summary>
    public static readonly TimeSpan OwnClassesPerTestLimit = TimeSpan.FromSeconds(10);

    private static readonly ClassChoice OwnClasses = new(ClassSource.Own, [], null, null, null);

    /// <summary>
    /// The rule. A task that builds on none, or whose code under test is already the reference of those it builds on,
    /// keeps the student's own classes. Otherwise a dependency that passed every hidden test keeps the student's class
    /// (as good as the reference by every test the grader has, and it runs in the student's process rather than through
    /// the bridge) and one that failed or was not graded in this run gets a stand-in; with a shorter limit per test,
    /// because a test that ends in an error may be the own classes' doing (slow but correct loops): then the task is
    /// graded again with stand-ins for all, and that grade counts. When every dependency failed, or the student's files
    /// do not compile with stand-ins for the failed ones alone (an own class using a member the stand-in has not),
    /// stand-ins for all; failing that, the student's own classes.
    /// </summary>
    /// <param name="task">The task to grade.</param>
    /// <param name="graded">The tasks graded so far in this grading.</param>
    /// <param name="codeIsReference">The code under test holds the reference of every task <paramref name="task"/> builds on.</param>
    /// <returns>The choice.</returns>
    public static ClassChoice For(TaskSpec task, IReadOnlyList<TaskResult> graded, bool codeIsReference)
    {
        if (task.DependsOn is not { Count: > 0 } dependencies || codeIsReference)
        {
            return OwnClasses;
        }

        var all = dependencies.Order().ToList();
        var reference = new ClassChoice(ClassSource.Reference, all, null, OwnClasses, null);
        var failed = all.Where(id => !Passed(id, graded)).ToList();
        if (failed.Count == all.Count)
        {
            return reference;
        }

        return new ClassChoice(ClassSource.OwnWherePassed, failed, OwnClassesPerTestLimit, reference, reference with { IfNotBuilt = null });
    }

    /// <summary>Whether a task was graded in this run and passed every one of its hidden tests.</summary>
    private static bool Passed(int id, IReadOnlyList<TaskResult> graded) =>
        graded.FirstOrDefault(result => result.Id == id) is { Tests.Count: > 0 } result && result.Tests.All(test => test.Status == "pass");
}
