using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Coursework.Grading.Watch;

/// <summary>One run of a task's public tests: its rows (status, name, message, stack trace) or its compiler errors.</summary>
/// <param name="Task">The task.</param>
/// <param name="Tests">The tests, in run order.</param>
/// <param name="Errors">Compiler errors, first the student's files'.</param>
/// <param name="Elapsed">From the start of the compilation to the last test's end.</param>
/// <param name="Timings">Where that time went (watch --timings prints it).</param>
internal sealed record TaskRun(TaskSpec Task, IReadOnlyList<TestRow> Tests, IReadOnlyList<CompileError> Errors, TimeSpan Elapsed, PhaseTimings Timings);

/// <summary>One public test's outcome.</summary>
/// <param name="Status">Passed, Failed, Skipped, Inconclusive or Warning (NUnit's words).</param>
/// <param name="Name">The test's name as dotnet test shows it.</param>
/// <param name="Message">Why it failed or was skipped.</param>
/// <param name="StackTrace">Where, with kit paths made relative.</param>
/// <param name="Method">The test method's name.</param>
internal sealed record TestRow(string Status, string Name, string Message, string StackTrace, string Method);

/// <summary>
/// The student's loop: compiles exercises/ and tests/ with Roslyn in this process (as the grader compiles a host, with
/// the options and references that MSBuild recorded for both projects) and runs a task's public tests with NUnit,
/// also in this process. A warm run takes well under a second, where dotnet test starts MSBuild, builds two projects
/// and starts a test host: student code runs here, on the student's own machine, as it does under dotnet test; the
/// grader's judge never runs it this way.
/// </summary>
internal sealed class PublicTestLoop
{
    private const string RecordFile = "coursework-compile.txt";

    private readonly string _root;
    private readonly CompileRecord _exercises;
    private readonly CompileRecord _tests;
    private readonly SyntaxTree _runner;
    private readonly TestDependencies _dependencies;
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), $"coursework-watch-{Environment.ProcessId}");
    private int _runs;
    private CompiledTests? _compiledTests;
    private readonly Dictionary<string, (DateTime Written, long Length, SyntaxTree Tree)> _parsed = new(StringComparer.Ordinal);

    private PublicTestLoop(string root, CompileRecord exercises, CompileRecord tests, string testsOutput)
    {
        _root = root;
        _exercises = exercises;
        _tests = tests;
        using var stream = typeof(PublicTestLoop).Assembly.GetManifestResourceStream("PublicTestRunner.cs")
            ?? throw new GradingException("the grader was built without its test runner (grader/Watch/PublicTestRunner.cs): build it again");
        _runner = CSharpSyntaxTree.ParseText(SourceText.From(stream, Encoding.UTF8), tests.Parse, "PublicTestRunner.cs");
        _dependencies = new TestDependencies(testsOutput);
    }

    /// <summary>The folder holding exercises/ and tests/.</summary>
    public string Root => _root;

    /// <summary>Reads what MSBuild recorded for the exercises and the tests, building the tests once when it has not yet.</summary>
    /// <param name="root">The folder holding exercises/ and tests/: the kit, or a copy of those two folders.</param>
    /// <param name="kit">The kit whose build (beside the grader) gives the references.</param>
    /// <param name="log">Where the one-off build says what it does.</param>
    /// <returns>The loop.</returns>
    /// <exception cref="GradingException">The tests cannot be built.</exception>
    public static PublicTestLoop Start(string root, KitLayout kit, TextWriter log)
    {
        var exercisesOutput = KitLayout.BesideTheGrader("Coursework.Exercises");
        var testsOutput = KitLayout.BesideTheGrader("Coursework.Tests");
        if (!File.Exists(Path.Combine(testsOutput, RecordFile)) || !File.Exists(Path.Combine(exercisesOutput, RecordFile)))
        {
            // Once per kit: the references (NUnit, Shouldly, MathNet, …) come from an ordinary build of the tests.
            log.WriteLine("watch: building the public tests once (dotnet build tests) for their references…");
            using var process = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(kit.Root, "tests"), "-v:q", "-nologo", "-clp:NoSummary"])
                { RedirectStandardOutput = true, RedirectStandardError = true }) ?? throw new GradingException("cannot start dotnet to build the public tests");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                log.WriteLine($"{output.Result}{errors}".TrimEnd());
                throw new GradingException("the public tests do not build (dotnet build tests, above): fix what it says, then start watch again");
            }
        }

        const string build = "dotnet build tests";
        var (exercises, exercisesProblem) = CompileRecord.Load(Path.Combine(exercisesOutput, RecordFile), OutputKind.DynamicallyLinkedLibrary, build, "Coursework.Exercises.GlobalUsings.g.cs");
        // The tests reference the exercises' build; watch gives them its own compilation of the exercises instead.
        var (tests, testsProblem) = CompileRecord.Load(Path.Combine(testsOutput, RecordFile), OutputKind.DynamicallyLinkedLibrary, build, "Coursework.Tests.GlobalUsings.g.cs",
            reference => Path.GetFileName(reference) == "Coursework.Exercises.dll");
        if ((exercisesProblem ?? testsProblem) is { } problem)
        {
            throw new GradingException(problem);
        }

        RemoveStaleScratch();
        return new PublicTestLoop(Path.GetFullPath(root), exercises!, tests!, testsOutput);
    }

    /// <summary>Compiles the exercises and the tests as they are on disk and runs the public tests of <paramref name="task"/>.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The outcome.</returns>
    public TaskRun Run(TaskSpec task)
    {
        var stopwatch = Stopwatch.StartNew();
        var timings = new PhaseTimings();
        var lap = Stopwatch.StartNew();
        var exercisesFolder = Path.Combine(_root, "exercises");
        var exerciseFiles = Directory.GetFiles(exercisesFolder, "*.cs", SearchOption.AllDirectories)
            .Where(file => file != Path.Combine(exercisesFolder, "Program.cs") && !IsBuildOutput(file, exercisesFolder))
            .Order(StringComparer.Ordinal);
        var exercises = CSharpCompilation.Create("Coursework.Exercises",
            [.. exerciseFiles.Select(file => Parse(file, _exercises.Parse)), _exercises.Generated], _exercises.References, _exercises.Compilation);
        var testsFolder = Path.Combine(_root, "tests");
        var testFiles = Directory.GetFiles(testsFolder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file, testsFolder))
            .Order(StringComparer.Ordinal).Select(file => Parse(file, _tests.Parse)).ToList();
        Lap("read and parse");

        using var exercisesImage = new MemoryStream();
        using var exercisesSymbols = new MemoryStream();
        using var exercisesApi = new MemoryStream();
        var errors = Errors(exercises.Emit(exercisesImage, exercisesSymbols, metadataPEStream: exercisesApi, options: Symbols()));
        Lap("compile exercises");
        if (errors.Count > 0)
        {
            return new TaskRun(task, [], errors, stopwatch.Elapsed, timings);
        }

        // The tests' assembly depends on the exercises' public API only (their reference assembly, deterministic): a
        // save that changes method bodies alone, the usual one, reuses the last compilation of the tests.
        var api = exercisesApi.ToArray();
        if (_compiledTests is not { } compiled || !compiled.Api.AsSpan().SequenceEqual(api) || !compiled.Sources.SequenceEqual(testFiles))
        {
            var tests = CSharpCompilation.Create("Coursework.Tests",
                [.. testFiles, _runner, _tests.Generated], [.. _tests.References, MetadataReference.CreateFromImage(api)], _tests.Compilation);
            using var testsImage = new MemoryStream();
            using var testsSymbols = new MemoryStream();
            errors = Errors(tests.Emit(testsImage, testsSymbols, options: Symbols()));
            Lap("compile tests");
            if (errors.Count > 0)
            {
                _compiledTests = null;
                return new TaskRun(task, [], errors, stopwatch.Elapsed, timings);
            }

            compiled = _compiledTests = new CompiledTests(api, testFiles, testsImage.ToArray(), testsSymbols.ToArray());
        }

        var classes = task.Files.PublicTests
            .Select(file => testFiles.FirstOrDefault(tree => Relative(tree.FilePath) == file.Replace('\\', '/')))
            .OfType<SyntaxTree>()
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            .ToList();
        var fixtures = classes.Select(FullName).Distinct().ToArray();
        // The tests as the files list them (Forward before Backward), not NUnit's alphabetical order: the first failure
        // shown is then the first one a student would read in the test file.
        var written = classes.SelectMany(declaration => declaration.Members.OfType<MethodDeclarationSyntax>())
            .Select((method, index) => (method.Identifier.ValueText, index))
            .DistinctBy(method => method.ValueText)
            .ToDictionary(method => method.ValueText, method => method.index, StringComparer.Ordinal);
        Lap("find the task's fixtures");
        var rows = fixtures.Length == 0 ? [] : RunTests(exercisesImage, exercisesSymbols, compiled, fixtures)
            .OrderBy(row => written.GetValueOrDefault(row.Method, int.MaxValue)).ToList();
        Lap("load and run the tests");
        return new TaskRun(task, rows, [], stopwatch.Elapsed, timings);

        void Lap(string phase)
        {
            timings.Add(phase, lap.Elapsed);
            lap.Restart();
        }
    }

    /// <summary>Which task a changed file belongs to: the manifest's stub and public-test files, then the task folders (TaskN_Name).</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="path">The changed file.</param>
    /// <returns>The task, or null for a file of no task (exercises/Given, tests/Support).</returns>
    public TaskSpec? TaskOf(Manifest manifest, string path)
    {
        var relative = Relative(Path.GetFullPath(path));
        return manifest.Tasks.FirstOrDefault(task => task.Files.Stub.Concat(task.Files.PublicTests).Any(file => file.Replace('\\', '/') == relative))
               ?? manifest.Tasks.FirstOrDefault(task => task.Files.Stub.Concat(task.Files.PublicTests)
                   .Any(file => Path.GetDirectoryName(file)?.Replace('\\', '/') is { } folder && relative.StartsWith(folder + "/", StringComparison.Ordinal)));
    }

    /// <summary>A path relative to the watched folder, with forward slashes.</summary>
    public string Relative(string path) => Path.GetRelativePath(_root, path).Replace('\\', '/');

    private static bool IsBuildOutput(string file, string project) =>
        Path.GetRelativePath(project, file).Split(Path.DirectorySeparatorChar) is [("bin" or "obj"), ..];

    private static EmitOptions Symbols() => new(debugInformationFormat: DebugInformationFormat.PortablePdb, includePrivateMembers: false);

    /// <summary>Parses a file again only when it changed since the last run (most runs change one file of about thirty).</summary>
    private SyntaxTree Parse(string file, CSharpParseOptions options)
    {
        var info = new FileInfo(file);
        if (_parsed.TryGetValue(file, out var cached) && cached.Written == info.LastWriteTimeUtc && cached.Length == info.Length && cached.Tree.Options == options)
        {
            return cached.Tree;
        }

        using var stream = File.OpenRead(file);
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(stream, Encoding.UTF8, canBeEmbedded: true), options, file);
        _parsed[file] = (info.LastWriteTimeUtc, info.Length, tree);
        return tree;
    }

    private List<CompileError> Errors(EmitResult emitted) =>
        emitted.Diagnostics
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => (Diagnostic: diagnostic, Span: diagnostic.Location.GetMappedLineSpan()))
            .Select(error => new CompileError(error.Span.IsValid && error.Span.Path.Length > 0 ? Relative(error.Span.Path) : "(no file)",
                error.Span.StartLinePosition.Line + 1, error.Span.StartLinePosition.Character + 1, error.Diagnostic.Id, error.Diagnostic.GetMessage(CultureInfo.InvariantCulture)))
            .Distinct()
            .OrderBy(error => error.File.StartsWith("tests/", StringComparison.Ordinal)) // the student's files first
            .ToList();

    /// <summary>A class's name with its namespaces and enclosing classes, as NUnit's class filter matches it.</summary>
    private static string FullName(ClassDeclarationSyntax declaration) =>
        string.Join('.', declaration.AncestorsAndSelf().Reverse().Select(node => node switch
        {
            BaseNamespaceDeclarationSyntax space => space.Name.ToString(),
            ClassDeclarationSyntax type => type.Identifier.ValueText,
            _ => null,
        }).OfType<string>());

    private List<TestRow> RunTests(MemoryStream exercisesImage, MemoryStream exercisesSymbols, CompiledTests tests, string[] fixtures)
    {
        // NUnit names a test assembly by its file, so the tests are loaded from files; a new folder per run, as the
        // last run's files may still be mapped until its context is collected.
        var folder = Path.Combine(_scratch, (++_runs).ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var context = new RunContext(_dependencies);
        try
        {
            exercisesImage.Position = exercisesSymbols.Position = 0;
            context.Exercises = context.LoadFromStream(exercisesImage, exercisesSymbols);
            var dll = Path.Combine(folder, "Coursework.Tests.dll");
            File.WriteAllBytes(dll, tests.Image);
            File.WriteAllBytes(Path.ChangeExtension(dll, ".pdb"), tests.Symbols);
            var assembly = context.LoadFromAssemblyPath(dll);
            var run = assembly.GetType("Coursework.Watch.PublicTestRunner", throwOnError: true)!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
            var rows = (string[][])run.Invoke(null, [fixtures])!;
            var kit = _root + Path.DirectorySeparatorChar;
            return [.. rows.Select(row => new TestRow(row[0], row[1], row[2], row[3].Replace(kit, "", StringComparison.Ordinal), row[4]))];
        }
        finally
        {
            context.Unload();
            foreach (var old in Directory.GetDirectories(_scratch).Where(old => old != folder))
            {
                TryDelete(old);
            }
        }
    }

    /// <summary>Removes the scratch folder of the compiled tests (watch calls this when it stops).</summary>
    public void CleanUp() => TryDelete(_scratch);

    /// <summary>Removes the scratch folders of watches that were killed (a process ended by a signal cleans nothing up).</summary>
    private static void RemoveStaleScratch()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "coursework-watch-*"))
        {
            if (int.TryParse(Path.GetFileName(folder)["coursework-watch-".Length..], CultureInfo.InvariantCulture, out var id) && !IsRunning(id))
            {
                TryDelete(folder);
            }
        }

        static bool IsRunning(int id)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Still in use: the next run or the next watch removes it.
        }
    }

    /// <summary>The last compilation of the tests: for this API of the exercises and these test sources.</summary>
    private sealed record CompiledTests(byte[] Api, IReadOnlyList<SyntaxTree> Sources, byte[] Image, byte[] Symbols);

    /// <summary>
    /// The tests' libraries (NUnit, Shouldly, MathNet, the fast provider), loaded once from the tests' build output and
    /// shared by every run, so that only the two compiled assemblies are new each time (and JIT-compiled again).
    /// </summary>
    private sealed class TestDependencies(string folder) : AssemblyLoadContext("watch-dependencies")
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name is { } simple && simple is not ("Coursework.Exercises" or "Coursework.Tests") && Path.Combine(folder, simple + ".dll") is var path && File.Exists(path)
                ? LoadFromAssemblyPath(path)
                : null;
    }

    /// <summary>One run's exercises and tests, unloaded after the run.</summary>
    private sealed class RunContext(TestDependencies dependencies) : AssemblyLoadContext("watch-run", isCollectible: true)
    {
        public Assembly? Exercises { get; set; }

        protected override Assembly? Load(AssemblyName name) =>
            name.Name == "Coursework.Exercises" ? Exercises : dependencies.LoadFromAssemblyName(name);
    }
}
