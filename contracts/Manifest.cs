// The assignment manifest, grader/assignment.json: what the assignment is (its tasks, their files, points,
// thresholds and dependencies, the default seed).
// Who writes: the author of the assignment (docs/authors.md). Who reads: the grader (grading, publish, batch, watch:
// the whole record, checked against the kit's files by the grader's KitManifest) and the judge (each task's
// thresholds, from the file the grader names with --manifest).
// What each side may assume once Parse returned: at least one task; ids and names unique; whole points ≥ 0; every
// dependency listed; each stub class in one task only; a task without "files" has those of its TaskN_Name folders.
using System.Globalization;
using System.Text.Json;

namespace Coursework.Grading.Protocol;

/// <summary>A task's files, by role; paths relative to the kit's root.</summary>
/// <param name="Stub">The student's TODO files (exercises/).</param>
/// <param name="Solution">The reference versions of the same files, same names (solutions/).</param>
/// <param name="PublicTests">The tests students run (tests/).</param>
/// <param name="HiddenTests">The task's hidden tests (hidden-tests/TaskN_Name/), compiled into the judge.</param>
/// <remarks>A task that omits "files" in the manifest gets the .cs files of its TaskN_Name folders (<see cref="Manifest"/>).</remarks>
public sealed record TaskFiles(
    IReadOnlyList<string> Stub, IReadOnlyList<string> Solution, IReadOnlyList<string> PublicTests, IReadOnlyList<string> HiddenTests);

/// <summary>One task of the assignment.</summary>
/// <param name="Id">1, 2, …: the number students see; hidden tests name it in [GradedTask(id)].</param>
/// <param name="Name">The class the student implements.</param>
/// <param name="Points">What the task is worth, a whole number; shared among its hidden tests by weight.</param>
/// <param name="Enabled">Whether the assignment includes it (the grader's --tasks overrides).</param>
/// <param name="Bonus">A bonus task's points add to the score but not to the maximum.</param>
/// <param name="Files">Its files by role.</param>
/// <param name="Thresholds">Named numbers its hidden tests use (e.g. a minimum accuracy).</param>
/// <param name="DependsOn">
/// Tasks whose classes this one uses. Its hidden tests run with the reference version of each of those that failed a
/// hidden test in the same grading, so that a bug there costs points in that task only.
/// </param>
public sealed record TaskSpec(
    int Id, string Name, double Points, bool Enabled, bool Bonus, TaskFiles Files, IReadOnlyDictionary<string, double> Thresholds,
    IReadOnlyList<int>? DependsOn = null);

/// <summary>The assignment manifest, grader/assignment.json: the one place that says what the assignment is.</summary>
/// <param name="DefaultSeed">The seed used when --seed is not given.</param>
/// <param name="Tasks">Every task the kit has, enabled or not, in order.</param>
public sealed record Manifest(int DefaultSeed, IReadOnlyList<TaskSpec> Tasks)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the manifest without checking the task files it lists against the kit.</summary>
    /// <param name="path">The file.</param>
    /// <param name="listFolder">The .cs files of a kit folder (relative paths with '/'), for tasks that omit "files"; null: leave their files empty (the judge reads thresholds only).</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="GradingException">The file is missing or not a valid manifest.</exception>
    public static Manifest Load(string path, Func<string, IReadOnlyList<string>>? listFolder)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new GradingException($"cannot read the assignment manifest {path}: {exception.Message}");
        }

        return Parse(json, path, listFolder);
    }

    /// <summary>The folder of every task's hidden tests (hidden-tests/TaskN_Name/).</summary>
    public const string HiddenTestsFolder = "hidden-tests";

    /// <summary>The folder of every task's public tests (tests/TaskN_Name/).</summary>
    public const string PublicTestsFolder = "tests";

    /// <summary>The .cs files directly in a kit folder, relative to the kit with '/', in order; none if it does not exist.</summary>
    /// <param name="root">The kit.</param>
    /// <param name="folder">The folder, relative to the kit.</param>
    /// <returns>The files.</returns>
    public static IReadOnlyList<string> ListSources(string root, string folder) =>
        Directory.Exists(Path.Combine(root, folder))
            ? [.. Directory.GetFiles(Path.Combine(root, folder), "*.cs").Select(file => $"{folder}/{Path.GetFileName(file)}").Order(StringComparer.Ordinal)]
            : [];

    /// <summary>Reads and checks a manifest's text (publish reads the committed one).</summary>
    /// <param name="json">The text.</param>
    /// <param name="path">Where it comes from, for the messages.</param>
    /// <param name="listFolder">The .cs files of a kit folder (relative paths with '/'), for tasks that omit "files"; null: leave their files empty (the judge reads thresholds only).</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="GradingException">Not a valid manifest.</exception>
    public static Manifest Parse(string json, string path, Func<string, IReadOnlyList<string>>? listFolder)
    {
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(json, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new GradingException($"cannot read the assignment manifest {path}: {exception.Message}");
        }

        if (manifest?.Tasks is not { Count: > 0 })
        {
            throw new GradingException($"the assignment manifest {path} lists no tasks");
        }

        foreach (var task in manifest.Tasks)
        {
            if (string.IsNullOrEmpty(task.Name) || task.Points < 0 || task.Points != Math.Floor(task.Points))
            {
                // Whole points: the platforms that take whole numbers only get each task's points exactly (Results/WholePoints).
                throw new GradingException($"the assignment manifest {path}: task {task.Id} needs a name and a whole number of points ≥ 0");
            }
        }

        manifest = manifest with { Tasks = [.. manifest.Tasks.Select(task => task.Files is null ? task with { Files = listFolder is null ? new TaskFiles([], [], [], []) : ByConvention(task, path, listFolder) } : task)] };

        if (manifest.Tasks.SelectMany(t => t.DependsOn ?? []).FirstOrDefault(id => manifest.Tasks.All(t => t.Id != id)) is var unknown and > 0)
        {
            throw new GradingException($"the assignment manifest {path}: a task depends on task {unknown}, which it does not list");
        }

        if (manifest.Tasks.GroupBy(t => t.Id).FirstOrDefault(same => same.Count() > 1) is { } sameId)
        {
            throw new GradingException($"the assignment manifest {path} has two tasks with id {sameId.Key} ({string.Join(" and ", sameId.Select(t => t.Name))}); give each task an id of its own");
        }

        if (manifest.Tasks.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(same => same.Count() > 1) is { } sameName)
        {
            throw new GradingException($"the assignment manifest {path} has two tasks named {sameName.Key} (tasks {string.Join(" and ", sameName.Select(t => t.Id))}); give each task a name of its own");
        }

        // One class per stub file, named as the file; the host compiles every task's classes into one assembly.
        var classes = manifest.Tasks.SelectMany(task => task.Files.Stub.Select(file => (Class: Path.GetFileNameWithoutExtension(file), File: file, Task: task.Id)));
        if (classes.GroupBy(c => c.Class, StringComparer.Ordinal).FirstOrDefault(same => same.Select(c => c.Task).Distinct().Count() > 1) is { } collision)
        {
            throw new GradingException($"the assignment manifest {path}: class {collision.Key} belongs to two tasks ({string.Join(" and ", collision.Select(c => $"task {c.Task}: {c.File}"))}); rename one of them");
        }

        return manifest;
    }

    /// <summary>
    /// The files of a task that omits "files": every .cs file of its TaskN_Name folder in exercises/ (stubs), solutions/,
    /// tests/ (public tests) and the hidden tests' folder.
    /// </summary>
    private static TaskFiles ByConvention(TaskSpec task, string path, Func<string, IReadOnlyList<string>> listFolder)
    {
        var folder = $"Task{task.Id.ToString(CultureInfo.InvariantCulture)}_{task.Name}";
        var files = new TaskFiles(listFolder($"exercises/{folder}"), listFolder($"solutions/{folder}"), listFolder($"{PublicTestsFolder}/{folder}"),
            listFolder($"{HiddenTestsFolder}/{folder}"));
        return files.Stub.Count > 0
            ? files
            : throw new GradingException($"the assignment manifest {path}: task {task.Id} ({task.Name}) has no \"files\" and exercises/{folder}/ has no .cs file; add the folder or list the files");
    }

    /// <summary>The tasks to grade: the enabled ones, or those that <paramref name="selection"/> names.</summary>
    /// <param name="selection">null (the manifest's choice), "all", or a list of ids such as "1,2,5".</param>
    /// <returns>The tasks, in manifest order.</returns>
    public IReadOnlyList<TaskSpec> Select(string? selection)
    {
        if (selection is null)
        {
            return Tasks.Where(task => task.Enabled).ToList();
        }

        if (selection.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return Tasks;
        }

        var ids = new HashSet<int>();
        foreach (var part in selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || Tasks.All(task => task.Id != id))
            {
                throw new UsageException($"--tasks: '{part}' is not a task id (the tasks are {string.Join(", ", Tasks.Select(t => t.Id))}, or 'all')");
            }

            ids.Add(id);
        }

        return ids.Count > 0
            ? Tasks.Where(task => ids.Contains(task.Id)).ToList()
            : throw new UsageException($"--tasks: no task given (the tasks are {string.Join(", ", Tasks.Select(t => t.Id))}, or 'all')");
    }
}

/// <summary>Grading could not run at all (as opposed to student code failing, which costs points).</summary>
/// <param name="message">One line saying what is wrong.</param>
public class GradingException(string message) : Exception(message);

/// <summary>An option or argument asks for something impossible: a bad command line (exit code 2), not a broken kit.</summary>
/// <param name="message">One line naming the option and what is wrong with its value.</param>
public sealed class UsageException(string message) : GradingException(message);
