using System.Globalization;
using System.Text.RegularExpressions;

namespace Coursework.Grading;

/// <summary>
/// Checks the manifest's tasks against the kit's files before anything is built. A mistake in a task's definition
/// would otherwise pass silently (hidden tests of a task the manifest does not list never run: full marks) or surface
/// as a build error far from its cause; here it is one line naming the file.
/// </summary>
/// <remarks>
/// The attributes are read from the source text: no build is needed, and the judge's own list of its tests
/// (hidden-tests.jsonl, checked by <see cref="CheckListed"/>) backs this up after the judge's build.
/// A student template has no solutions/, no hidden tests (its workflow fetches them) and no public tests of disabled
/// tasks, so those are only required where the kit has them.
/// </remarks>
internal static partial class TaskDefinitions
{
    /// <summary>[GradedTask(8)] (hidden tests) or [GradedTask(8, "Tanh")] (public tests).</summary>
    [GeneratedRegex(@"\[\s*GradedTask\s*\(\s*(?<id>\d+)\s*(,\s*""(?<name>[^""]*)""\s*)?\)\s*\]")]
    private static partial Regex GradedTaskAttribute();

    [GeneratedRegex(@"\[\s*GradedTest\b")]
    private static partial Regex GradedTestAttribute();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    /// <summary>Checks every task of the manifest against the kit.</summary>
    /// <param name="manifest">The kit's manifest.</param>
    /// <param name="kit">The kit.</param>
    /// <exception cref="GradingException">A task definition is wrong: one line naming the file and what to do.</exception>
    public static void Check(Manifest manifest, KitLayout kit)
    {
        var manifestName = Relative(kit, kit.Manifest);
        var hasSolutions = Directory.Exists(kit.Solutions);
        var hiddenAttributes = Attributes(kit, KitLayout.HiddenTestsFolder).ToList();
        var hasHiddenTests = hiddenAttributes.Count > 0 || manifest.Tasks.SelectMany(task => task.Files.HiddenTests).Any(file => File.Exists(Path.Combine(kit.Root, file)));
        foreach (var task in manifest.Tasks)
        {
            var required = task.Files.Stub
                .Concat(hasSolutions ? task.Files.Solution : [])
                .Concat(hasSolutions || task.Enabled ? task.Files.PublicTests : [])
                .Concat(hasHiddenTests ? task.Files.HiddenTests : []);
            if (required.FirstOrDefault(file => !File.Exists(Path.Combine(kit.Root, file))) is { } missing)
            {
                throw new GradingException($"{manifestName}: task {task.Id} ({task.Name}) lists {missing}, which does not exist");
            }

            if (hasSolutions && !task.Files.Solution.Select(Path.GetFileName).Order(StringComparer.Ordinal)
                    .SequenceEqual(task.Files.Stub.Select(Path.GetFileName).Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                throw new GradingException($"{manifestName}: task {task.Id} ({task.Name}) has stubs {Names(task.Files.Stub)} but solutions {Names(task.Files.Solution)}; a reference file is needed for each stub, with the same name");
            }

            if (hasHiddenTests)
            {
                CheckHiddenTests(task, kit, manifestName);
            }
        }

        // A [GradedTask] file in the hidden tests' folder that no task lists: its tests would run (the judge finds them
        // by reflection) but never count, or count in a task whose files leave it out of the hidden-tests repository.
        foreach (var (file, id, _) in hiddenAttributes)
        {
            var task = manifest.Tasks.FirstOrDefault(t => t.Id == id)
                ?? throw new GradingException($"{file}: [GradedTask({Text(id)})] names task {Text(id)}, which {manifestName} does not list; add the task's entry there");
            if (!task.Files.HiddenTests.Any(listed => Same(listed, file)))
            {
                throw new GradingException($"{file}: [GradedTask({Text(id)})] is task {Text(id)} ({task.Name}), whose hidden tests in {manifestName} do not list this file; add it there or move it to {KitLayout.HiddenTestsFolder}/Task{Text(id)}_{task.Name}/");
            }
        }

        foreach (var (file, id, name) in Attributes(kit, KitLayout.PublicTestsFolder))
        {
            var task = manifest.Tasks.FirstOrDefault(t => t.Id == id)
                ?? throw new GradingException($"{file}: [GradedTask({Text(id)}, \"{name}\")] names task {Text(id)}, which {manifestName} does not list; add the task's entry there");
            if (name is not null && name != task.Name)
            {
                throw new GradingException($"{file}: [GradedTask({Text(id)}, \"{name}\")] names task {Text(id)} {name}, but {manifestName} calls task {Text(id)} {task.Name}");
            }
        }
    }

    /// <summary>Checks the judge's list of its tests (written by its build) against the manifest.</summary>
    /// <param name="manifest">The kit's manifest.</param>
    /// <param name="listed">Every hidden test the judge has.</param>
    /// <exception cref="GradingException">A test names a task the manifest does not list.</exception>
    public static void CheckListed(Manifest manifest, IReadOnlyList<ListedTest> listed)
    {
        if (listed.FirstOrDefault(test => manifest.Tasks.All(task => task.Id != test.TaskId)) is { } stray)
        {
            throw new GradingException($"the hidden test {stray.Name} is in task {Text(stray.TaskId)} ([GradedTask({Text(stray.TaskId)})]), which grader/assignment.json does not list; add the task's entry there");
        }
    }

    private static void CheckHiddenTests(TaskSpec task, KitLayout kit, string manifestName)
    {
        if (task.Files.HiddenTests.Count == 0)
        {
            throw new GradingException($"{manifestName}: task {task.Id} ({task.Name}) has no hidden tests; put them in {KitLayout.HiddenTestsFolder}/Task{Text(task.Id)}_{task.Name}/ or list them under files.hiddenTests");
        }

        var tests = 0;
        foreach (var file in task.Files.HiddenTests)
        {
            var code = Code(Path.Combine(kit.Root, file));
            if (GradedTaskAttribute().Matches(code).Select(match => int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture)).FirstOrDefault(id => id != task.Id) is var other and > 0)
            {
                throw new GradingException($"{file}: [GradedTask({Text(other)})] is in the hidden tests {manifestName} lists for task {task.Id} ({task.Name}); make it [GradedTask({task.Id})] or list the file under task {Text(other)}");
            }

            tests += GradedTestAttribute().Count(code);
        }

        if (tests == 0)
        {
            throw new GradingException($"{manifestName}: task {task.Id} ({task.Name}) has no hidden tests: {Names(task.Files.HiddenTests)} {(task.Files.HiddenTests.Count == 1 ? "has" : "have")} no [GradedTest] method");
        }
    }

    /// <summary>Every [GradedTask] in the .cs files under a kit folder: the file (relative, '/'), the id and the name if given.</summary>
    private static IEnumerable<(string File, int Id, string? Name)> Attributes(KitLayout kit, string folder)
    {
        var root = Path.Combine(kit.Root, folder);
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Relative(kit, path);
            if (relative.Split('/').Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            foreach (Match match in GradedTaskAttribute().Matches(Code(path)))
            {
                var name = match.Groups["name"];
                yield return (relative, int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture), name.Success ? name.Value : null);
            }
        }
    }

    /// <summary>A source file without its comments (a doc comment may show an attribute as an example).</summary>
    private static string Code(string path) => Comments().Replace(File.ReadAllText(path), "");

    private static string Relative(KitLayout kit, string path) => Path.GetRelativePath(kit.Root, path).Replace('\\', '/');

    private static bool Same(string listed, string file) => listed.Replace('\\', '/').TrimStart('.', '/') == file;

    private static string Names(IEnumerable<string> files) => string.Join(", ", files);

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
