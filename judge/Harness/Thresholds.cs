using Coursework.Grading.Protocol;

namespace Coursework.Grading;

/// <summary>The named thresholds of each task, read from the assignment manifest (grader/assignment.json).</summary>
public static class Thresholds
{
    private static IReadOnlyDictionary<int, Dictionary<string, double>> _byTask = new Dictionary<int, Dictionary<string, double>>();

    /// <summary>Reads the manifest the grader passed with --manifest, as the grader reads it (contracts/Manifest.cs).</summary>
    /// <param name="manifestPath">The manifest file.</param>
    public static void Load(string manifestPath) =>
        _byTask = Manifest.Load(manifestPath, listFolder: null).Tasks.ToDictionary(task => task.Id, task => task.Thresholds?.ToDictionary() ?? []);

    /// <summary>A task's threshold.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="name">The threshold's name in the manifest, e.g. "digitsTestAccuracy".</param>
    /// <returns>Its value.</returns>
    /// <exception cref="InvalidOperationException">The manifest does not define it: a kit error, not the student's.</exception>
    public static double Of(int taskId, string name) =>
        _byTask.TryGetValue(taskId, out var thresholds) && thresholds.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"The assignment manifest defines no threshold '{name}' for task {taskId}.");
}
