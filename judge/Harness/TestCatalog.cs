using System.Reflection;

namespace Coursework.Grading;

/// <summary>One hidden test found by reflection.</summary>
/// <param name="TaskId">The task it grades.</param>
/// <param name="Index">Its position within the task.</param>
/// <param name="Name">The method name as a sentence.</param>
/// <param name="Weight">Its relative weight.</param>
/// <param name="TimeoutSeconds">Its own time limit, or 0 for the grader's default.</param>
/// <param name="Method">The method to call.</param>
public sealed record HiddenTest(int TaskId, int Index, string Name, double Weight, double TimeoutSeconds, MethodInfo Method);

/// <summary>Finds the hidden tests in this assembly, in a stable order (class name, then declaration order).</summary>
public static class TestCatalog
{
    /// <summary>Every hidden test of every task.</summary>
    /// <returns>Grouped by task, in order.</returns>
    public static IReadOnlyList<HiddenTest> All() =>
        typeof(TestCatalog).Assembly.GetTypes()
            .Select(type => (Type: type, Task: type.GetCustomAttribute<GradedTaskAttribute>()))
            .Where(pair => pair.Task is not null)
            .OrderBy(pair => pair.Task!.TaskId).ThenBy(pair => pair.Type.FullName, StringComparer.Ordinal)
            .SelectMany(pair => pair.Type
                .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(method => (Method: method, Test: method.GetCustomAttribute<GradedTestAttribute>()))
                .Where(m => m.Test is not null)
                .OrderBy(m => m.Method.MetadataToken)
                .Select(m => (pair.Task!.TaskId, m.Method, m.Test!.Weight, m.Test.TimeoutSeconds)))
            .GroupBy(t => t.TaskId)
            .SelectMany(group => group.Select((t, index) =>
                new HiddenTest(t.TaskId, index, t.Method.Name.Replace('_', ' '), t.Weight, t.TimeoutSeconds, t.Method)))
            .ToList();

    /// <summary>The hidden tests of one task.</summary>
    /// <param name="taskId">The task.</param>
    /// <returns>In order; empty if the task has none.</returns>
    public static IReadOnlyList<HiddenTest> ForTask(int taskId) => All().Where(t => t.TaskId == taskId).ToList();
}
