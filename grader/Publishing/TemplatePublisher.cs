using System.Text;

namespace Coursework.Grading.Publishing;

/// <summary>
/// Writes the student template repository: the kit's commit without what only instructors may see. The manifest says
/// which files are solutions and hidden tests; the instructor-only folders of the kit are listed here.
/// </summary>
/// <param name="kit">The kit to publish from.</param>
/// <param name="manifest">Its assignment manifest, as committed.</param>
/// <param name="snapshot">The kit's commit: the files written.</param>
internal sealed class TemplatePublisher(KitLayout kit, Manifest manifest, GitSnapshot snapshot)
{
    /// <summary>Kit folders and files students never get: the kit's own tests, CI, benchmark, build outputs and the demo's pictures.</summary>
    private static readonly string[] InstructorOnly =
    [
        "solutions", "bench", ".ci", "kit-tests", "linalg/Tests", ".github/workflows/ci.yml", "README.md",
        "artifacts", "grading", "plots", ".git", "bin", "obj", "TestResults", ".vs", ".idea",
        // The kit's own docs speak to instructors and the kit's developers; the template's README is the students'.
        // LICENSE stays: the template is a copy of the kit's code.
        "docs", "CHANGELOG.md", "CONTRIBUTING.md",
    ];

    /// <summary>The given helpers (not a task): the judge compiles some of them.</summary>
    private const string GivenFolder = "exercises/Given/";

    /// <summary>Independent implementations the hidden tests compare against: hidden with them (they give away forward passes).</summary>
    private const string HiddenOracles = KitLayout.Oracles;

    /// <summary>The projects of Coursework.sln that a template leaves out (they are in <see cref="InstructorOnly"/> folders).</summary>
    private static readonly string[] InstructorProjects =
    [
        "bench/Coursework.Bench.csproj", "kit-tests/Coursework.KitTests.csproj", "linalg/Tests/Coursework.LinearAlgebra.Tests.csproj",
    ];

    /// <summary>Writes the template.</summary>
    /// <param name="destination">An empty or new folder.</param>
    /// <param name="includeHidden">Keep the hidden tests in (else the workflow fetches them).</param>
    /// <param name="hiddenTestsRepository">owner/name of the private repository the workflow fetches hidden tests from; null: the HIDDEN_TESTS_REPO variable.</param>
    /// <param name="classroom50">A Classroom 50 assignment template: no workflow of its own (Classroom 50's runner grades it), and a README saying so.</param>
    /// <returns>How many files were written.</returns>
    public int Publish(string destination, bool includeHidden, string? hiddenTestsRepository, bool classroom50 = false)
    {
        destination = Path.GetFullPath(destination);
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
        {
            throw new UsageException($"publish: '{destination}' is not empty; give a new or empty folder");
        }

        if (IsInside(destination, kit.Root))
        {
            throw new UsageException($"publish: '{destination}' is inside the kit; give a folder outside it");
        }

        var count = 0;
        var files = snapshot.Files.Where(file => Publishes(file, includeHidden, classroom50)).ToList();
        foreach (var (relative, bytes) in snapshot.Read(files))
        {
            var text = relative switch
            {
                "Coursework.sln" => WithoutProjects(Encoding.UTF8.GetString(bytes)),
                ".github/workflows/classroom.yml" when hiddenTestsRepository is not null =>
                    Encoding.UTF8.GetString(bytes).Replace("${{ vars.HIDDEN_TESTS_REPO }}", hiddenTestsRepository, StringComparison.Ordinal),
                _ => null,
            };
            Write(destination, relative, text is null ? bytes : Encoding.UTF8.GetBytes(text), snapshot.IsExecutable(relative));
            count++;
        }

        if (includeHidden)
        {
            count += WriteShippedCopies(destination);
        }

        File.WriteAllText(Path.Combine(destination, "README.md"), StudentReadme.Render(manifest, includeHidden, hiddenTestsRepository, classroom50));
        return count + 1;
    }

    /// <summary>Whether a template has this kit file (the rest is the instructors' alone).</summary>
    /// <param name="relative">Relative to the kit, with '/'.</param>
    /// <param name="includeHidden">The template keeps the hidden tests.</param>
    /// <param name="classroom50">A Classroom 50 template (no workflow of its own).</param>
    public bool Publishes(string relative, bool includeHidden, bool classroom50)
    {
        // A disabled task's public tests stay out too, so that `dotnet test` shows only the assignment's tasks; its
        // stubs stay in (the training demo compiles against them).
        var excluded = manifest.Tasks.SelectMany(task => includeHidden ? task.Files.Solution : task.Files.Solution.Concat(task.Files.HiddenTests))
            .Concat(manifest.Tasks.Where(task => !task.Enabled).SelectMany(task => task.Files.PublicTests))
            .Select(Normalize);
        string[] excludedFolders = includeHidden ? InstructorOnly : [.. InstructorOnly, HiddenOracles];
        // Classroom 50 writes the grading workflow itself (at accept); one in the template would grade twice.
        excludedFolders = classroom50 ? [.. excludedFolders, ".github"] : excludedFolders;
        return !excluded.Contains(relative, StringComparer.Ordinal) && !IsUnder(relative, excludedFolders);
    }

    /// <summary>Whether the hidden-tests repository has this kit file: a task's hidden tests or an oracle.</summary>
    public bool IsHiddenTestFile(string relative) =>
        manifest.Tasks.SelectMany(task => task.Files.HiddenTests).Select(Normalize).Contains(relative, StringComparer.Ordinal)
        || (Path.GetDirectoryName(relative)?.Replace('\\', '/') == HiddenOracles && relative.EndsWith(".cs", StringComparison.Ordinal));

    /// <summary>
    /// Writes the hidden tests as a repository of their own: each task's hidden-test files and the oracles they compare
    /// against, at the paths the template expects, and nothing else of the kit (no solutions). The
    /// grading workflow's token should read this repository only: whatever a student's workflow can fetch, the student
    /// can read.
    /// </summary>
    /// <param name="destination">An empty or new folder.</param>
    /// <param name="readme">The README.md to write beside them; null: the one for a repository the Classroom workflow checks out.</param>
    /// <returns>How many files were written.</returns>
    public int PublishHiddenTests(string destination, string? readme = null)
    {
        destination = Path.GetFullPath(destination);
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
        {
            throw new UsageException($"publish: '{destination}' is not empty; give a new or empty folder");
        }

        var files = manifest.Tasks.SelectMany(task => task.Files.HiddenTests).Select(Normalize)
            .Concat(snapshot.Files.Where(IsHiddenTestFile))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        RequireCommitted(files);

        foreach (var (relative, bytes) in snapshot.Read(files))
        {
            Write(destination, relative, bytes, executable: false);
        }

        var copies = WriteShippedCopies(destination);
        File.WriteAllText(Path.Combine(destination, "README.md"), readme ?? """
            # Hidden tests

            The hidden tests of the coursework and the independent implementations they compare against, at the paths
            the student repository expects (`hidden-tests/Task*/`, `judge/Oracles/`; `Oracles/Api/`
            holds the kit's own copy of each stub, from which the judge writes the classes it calls the student's
            code through, so that a student's edits to a stub cannot break the judge's build). The student
            repository's grading workflow checks this repository out with a read-only token and copies these folders
            in before it grades. Give that token access to this repository only: a student controls the workflow in
            their own repository, so whatever it can fetch, the student can read. These files are kept out of the
            student repositories, not secret; grade authoritative copies with `batch` on your own machine.

            """);
        return files.Count + copies + 1;
    }

    /// <summary>
    /// Writes, beside the hidden tests, the kit files the judge needs where a template has no solutions/: every task's
    /// committed stub (the stand-ins are written from it, never from the student's edited copy), the reference
    /// solutions of the tasks others build on (the judge serves them: a task is graded apart from a failed one), and
    /// no other solution; and the given helpers the judge compiles. See <see cref="KitLayout.ShippedCopy"/>.
    /// </summary>
    /// <returns>How many files were written.</returns>
    private int WriteShippedCopies(string destination)
    {
        var builtOn = manifest.Tasks.SelectMany(task => task.DependsOn ?? []).ToHashSet();
        var files = manifest.Tasks.SelectMany(task => task.Files.Stub)
            .Concat(manifest.Tasks.Where(task => builtOn.Contains(task.Id)).SelectMany(task => task.Files.Solution))
            .Select(Normalize)
            .Concat(snapshot.Files.Where(file => file.StartsWith(GivenFolder, StringComparison.Ordinal) && file.EndsWith(".cs", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).ToList();
        RequireCommitted(files);

        foreach (var (relative, bytes) in snapshot.Read(files))
        {
            Write(destination, KitLayout.ShippedCopy(relative), bytes, executable: false);
        }

        return files.Count;
    }

    private void RequireCommitted(IEnumerable<string> files)
    {
        if (files.FirstOrDefault(file => !snapshot.Contains(file)) is { } missing)
        {
            throw new GradingException($"publish: the manifest names {missing}, which is not committed in the kit");
        }
    }

    /// <summary>The solution file without the instructor-only projects (and their solution folders).</summary>
    internal static string WithoutProjects(string solution)
    {
        var lines = solution.Replace("\r\n", "\n").Split('\n').ToList();
        var removedIds = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("Project(", StringComparison.Ordinal)
                && InstructorProjects.Any(project => lines[i].Contains($"\"{project.Replace('/', '\\')}\"", StringComparison.Ordinal)))
            {
                removedIds.Add(lines[i][(lines[i].LastIndexOf("\"{", StringComparison.Ordinal) + 1)..^1].Trim('"'));
                lines.RemoveRange(i, 2); // Project(…) and EndProject
                i--;
            }
        }

        // Configuration and nesting lines name a project by its id.
        return string.Join("\n", lines.Where(line => !removedIds.Any(id => line.Contains(id, StringComparison.OrdinalIgnoreCase))));
    }

    internal static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary>Whether a kit path is one of the folders or files named, or inside one, or in a build output folder.</summary>
    internal static bool IsUnder(string relative, IEnumerable<string> prefixes) =>
        prefixes.Any(prefix => relative == prefix || relative.StartsWith(prefix + "/", StringComparison.Ordinal))
        || relative.Split('/').Any(part => part is "bin" or "obj" or "artifacts");

    /// <summary>Writes a file under a folder, with the committed executable bit.</summary>
    internal static void Write(string folder, string relative, byte[] bytes, bool executable)
    {
        var target = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, bytes);
        if (executable && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    internal static bool IsInside(string path, string folder) =>
        (Path.GetFullPath(path) + Path.DirectorySeparatorChar).StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
