using System.Globalization;
using System.Text.RegularExpressions;

namespace Coursework.Grading.Tests;

/// <summary>
/// The kit's task set, read from its manifest, so that a kit test states what it checks in terms of the tasks there are
/// and adding a task to grader/assignment.json breaks none of them.
/// </summary>
internal static partial class KitTasks
{
    /// <summary>The kit's manifest, checked against its files as the grader checks it.</summary>
    public static Manifest Manifest { get; } = KitManifest.Load(new KitLayout(GraderProcess.KitRoot));

    /// <summary>The tasks graded by default (the enabled ones), in order.</summary>
    public static IReadOnlyList<TaskSpec> Enabled => Manifest.Select(null);

    /// <summary>An id no task has.</summary>
    public static int UnknownId => Manifest.Tasks.Max(task => task.Id) + 1;

    /// <summary>The task with this id.</summary>
    public static TaskSpec Task(int id) => Manifest.Tasks.Single(task => task.Id == id);

    /// <summary>What the enabled tasks are worth together (bonus tasks add nothing to the maximum).</summary>
    public static int MaxScore => (int)Enabled.Where(task => !task.Bonus).Sum(task => task.Points);

    /// <summary>The ids as the grader lists them in messages: "1, 2, 3".</summary>
    public static string Ids(IEnumerable<TaskSpec> tasks) => string.Join(", ", tasks.Select(task => task.Id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>How many NUnit tests the public test files of these tasks declare (each a plain [Test]).</summary>
    public static int PublicTestCount(IEnumerable<TaskSpec> tasks) =>
        tasks.SelectMany(task => task.Files.PublicTests).Sum(file => TestAttribute().Count(File.ReadAllText(Path.Combine(GraderProcess.KitRoot, file))));

    [GeneratedRegex(@"^\s*\[Test\]", RegexOptions.Multiline)]
    private static partial Regex TestAttribute();
}
