using Coursework.Grading.Results;

namespace Coursework.Grading.Tests;

/// <summary>The rule that picks the classes a dependent task's host gets (ClassChoice.For), branch by branch.</summary>
public sealed class ClassChoiceTests
{
    /// <summary>Task 4 builds on tasks 1, 2 and 3, as in the kit's manifest.</summary>
    private static readonly TaskSpec Network = Task(4, dependsOn: [1, 2, 3]);

    [Test]
    public void A_task_that_builds_on_none_keeps_the_students_classes()
    {
        var choice = ClassChoice.For(Task(1, dependsOn: null), [], codeIsReference: false);

        choice.Source.ShouldBe(ClassSource.Own);
        choice.StandIns.ShouldBeEmpty();
        choice.PerTestLimit.ShouldBeNull();
        choice.IfNotBuilt.ShouldBeNull();
        choice.IfError.ShouldBeNull();
    }

    [Test]
    public void An_empty_dependency_list_is_no_dependency() =>
        ClassChoice.For(Task(4, dependsOn: []), [], codeIsReference: false).Source.ShouldBe(ClassSource.Own);

    [Test]
    public void Code_that_is_already_the_reference_of_the_dependencies_keeps_its_classes_even_when_they_failed()
    {
        var choice = ClassChoice.For(Network, [Graded(1, "fail"), Graded(2, "pass"), Graded(3, "error")], codeIsReference: true);

        choice.Source.ShouldBe(ClassSource.Own);
        choice.StandIns.ShouldBeEmpty();
        choice.IfError.ShouldBeNull();
    }

    [Test]
    public void When_every_dependency_passed_the_students_host_runs_with_the_short_limit_and_a_regrade_on_error()
    {
        var choice = ClassChoice.For(Network, [Graded(1, "pass"), Graded(2, "pass", "pass"), Graded(3, "pass")], codeIsReference: false);

        choice.Source.ShouldBe(ClassSource.OwnWherePassed);
        choice.StandIns.ShouldBeEmpty();
        choice.PerTestLimit.ShouldBe(ClassChoice.OwnClassesPerTestLimit);
        ShouldBeAllReference(choice.IfError!, [1, 2, 3], fallsBackToOwn: false);
        ShouldBeAllReference(choice.IfNotBuilt!, [1, 2, 3], fallsBackToOwn: true);
    }

    [Test]
    public void Only_the_dependencies_that_failed_get_stand_ins()
    {
        var choice = ClassChoice.For(Network, [Graded(1, "pass"), Graded(2, "pass", "fail"), Graded(3, "error")], codeIsReference: false);

        choice.Source.ShouldBe(ClassSource.OwnWherePassed);
        choice.StandIns.ShouldBe([2, 3]);
        choice.PerTestLimit.ShouldBe(ClassChoice.OwnClassesPerTestLimit);
        // The student's files may not compile with those stand-ins alone: then stand-ins for all, then their own.
        ShouldBeAllReference(choice.IfNotBuilt!, [1, 2, 3], fallsBackToOwn: true);
        // A test ending in an error may be the own classes' doing: graded again with stand-ins for all; if that host
        // cannot be built, the first grade stands.
        ShouldBeAllReference(choice.IfError!, [1, 2, 3], fallsBackToOwn: false);
    }

    [Test]
    public void A_dependency_not_graded_in_this_run_or_without_tests_counts_as_failed()
    {
        var choice = ClassChoice.For(Network, [Graded(1, "pass"), Graded(3)], codeIsReference: false);

        choice.Source.ShouldBe(ClassSource.OwnWherePassed);
        choice.StandIns.ShouldBe([2, 3]);
    }

    [Test]
    public void When_every_dependency_failed_all_get_stand_ins_with_the_grading_limit()
    {
        var choice = ClassChoice.For(Network, [Graded(1, "fail"), Graded(2, "error")], codeIsReference: false);

        ShouldBeAllReference(choice, [1, 2, 3], fallsBackToOwn: true);
        choice.IfError.ShouldBeNull();
    }

    [Test]
    public void Stand_ins_are_listed_in_task_order_whatever_the_manifest_order()
    {
        var choice = ClassChoice.For(Task(4, dependsOn: [3, 1, 2]), [Graded(2, "pass")], codeIsReference: false);

        choice.StandIns.ShouldBe([1, 3]);
        choice.IfNotBuilt!.StandIns.ShouldBe([1, 2, 3]);
    }

    private static void ShouldBeAllReference(ClassChoice choice, int[] dependencies, bool fallsBackToOwn)
    {
        choice.Source.ShouldBe(ClassSource.Reference);
        choice.StandIns.ShouldBe(dependencies);
        choice.PerTestLimit.ShouldBeNull();
        choice.IfError.ShouldBeNull();
        if (fallsBackToOwn)
        {
            choice.IfNotBuilt.ShouldNotBeNull().Source.ShouldBe(ClassSource.Own);
        }
        else
        {
            choice.IfNotBuilt.ShouldBeNull();
        }
    }

    private static TaskSpec Task(int id, int[]? dependsOn) =>
        new(id, $"T{id}", 10, Enabled: true, Bonus: false, new TaskFiles([], [], [], []), new Dictionary<string, double>(), dependsOn);

    private static TaskResult Graded(int id, params string[] statuses) =>
        new(id, $"T{id}", 0, 10, false, [.. statuses.Select((status, i) => new TestResult($"test {i}", status, 0, 1, null, null))]);
}
