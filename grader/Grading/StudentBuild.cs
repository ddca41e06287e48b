using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Coursework.Grading;

/// <summary>
/// Which code fills the TODO files: exercises/ with layers of replacement files on top, matched by file name
/// (see Directory.Build.props). A layer is a folder of .cs files or a single file; later layers win.
/// </summary>
/// <param name="Variant">Names the build's artifacts folder, so that different code never shares build outputs.</param>
/// <param name="Description">For the report: "exercises/", "the reference solutions", a submission folder.</param>
/// <param name="Layers">Replacement files, in order; none means exercises/ as it is.</param>
/// <param name="ShownRoot">Compiler errors show paths relative to this folder.</param>
/// <param name="SubmittedFiles">The exercise files that came from the submission (a submission only), by name.</param>
internal sealed record CodeUnderTest(string Variant, string Description, IReadOnlyList<string> Layers, string ShownRoot, IReadOnlyList<string>? SubmittedFiles = null)
{
    public static CodeUnderTest Exercises(KitLayout kit) => new("exercises", "exercises/", [], kit.Root);

    public static CodeUnderTest Solutions(KitLayout kit) => new("solutions", "the reference solutions", [kit.Solutions], kit.Root);

    /// <summary>A folder of replacement files (e.g. Affine.cs) that take the place of the exercise files of the same name.</summary>
    /// <param name="folder">The submission folder.</param>
    /// <param name="kit">The kit.</param>
    /// <param name="onTopOfSolutions">
    /// Start from the reference solutions instead of exercises/: the reference with some files swapped, which shows
    /// that a bug in one task costs points in that task only.
    /// </param>
    /// <returns>The code to grade.</returns>
    /// <param name="stubFiles">The manifest's stub files: those the submission leaves out come from git HEAD.</param>
    public static CodeUnderTest Submission(string folder, KitLayout kit, bool onTopOfSolutions, IReadOnlyList<string> stubFiles)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new UsageException($"the submission folder '{folder}' does not exist");
        }

        // Each folder builds in its own artifacts folder, so that submissions can be graded side by side.
        var variant = "submission-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(full)))[..10];
        // Reports name the folder as the user gave it (relative to where the grader runs), not by a long absolute path.
        var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), full) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : full;
        var submitted = stubFiles.Select(Path.GetFileName).OfType<string>()
            .Where(name => Directory.GetFiles(full, name, SearchOption.AllDirectories).Length > 0).Order(StringComparer.Ordinal).ToList();
        if (onTopOfSolutions)
        {
            return new(variant, $"the reference solutions with {shown} on top", [kit.Solutions, full], full, submitted);
        }

        return PristineStubs.Extract(kit, stubFiles) is { } pristine
            ? new(variant, shown, [pristine, full], full, submitted)
            : new(variant, shown, [full], full, submitted);
    }

    /// <summary>The same code with some classes replaced by stand-ins that call the judge: how a task is graded apart from the tasks it builds on.</summary>
    /// <param name="standIns">Stand-in files (absolute paths, bridge/Proxies).</param>
    /// <param name="suffix">Added to the variant's name.</param>
    /// <returns>The code to grade.</returns>
    public CodeUnderTest WithStandIns(IReadOnlyList<string> standIns, string suffix) =>
        this with { Variant = $"{Variant}-{suffix}", Layers = [.. Layers, .. standIns] };
}

/// <summary>A compiler error, with the file path relative to the student's folder.</summary>
/// <param name="File">E.g. exercises/Task1_Affine/Affine.cs.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Code">E.g. CS1002.</param>
/// <param name="Message">The compiler's words.</param>
internal sealed record CompileError(string File, int Line, int Column, string Code, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): {Code}: {Message}";
}

/// <summary>The outcome of building the host with the student's code.</summary>
/// <param name="Succeeded">Whether there is a host to run.</param>
/// <param name="HostFolder">Where the built host is.</param>
/// <param name="Errors">Compiler errors, empty on success.</param>
/// <param name="Log">What went wrong outside the student's code, if anything.</param>
/// <param name="Elapsed">How long the build took.</param>
internal sealed record BuildOutcome(bool Succeeded, string HostFolder, IReadOnlyList<CompileError> Errors, string Log, TimeSpan Elapsed);

/// <summary>
/// Step 1: builds the host (host/) with the code under test; nothing of the grader's goes into it. The grader
/// compiles it here, in its own process, with Roslyn: compiling runs no student code (the kit uses no source
/// generator or analyzer in the host, so none is loaded). The result goes into a copy of the host's skeleton (built
/// with the grader by MSBuild, see host/Coursework.Host.csproj): its runtimeconfig, deps and libraries, and the
/// compiler options and references that MSBuild used, so that the assembly is the one MSBuild would build.
/// </summary>
/// <remarks>
/// One instance serves one grading: the two hosts of a submission (as it is, and with stand-ins for the classes a task
/// builds on) share the parsed files they have in common. Nothing is shared between gradings but the references.
/// </remarks>
internal sealed class StudentBuild(KitLayout kit, PhaseTimings? timings = null)
{
    /// <summary>What the skeleton's build recorded: compiler options, global usings, references (see the host's project).</summary>
    private const string OptionsFile = "coursework-host-compile.txt";

    private static readonly Lazy<(CompileRecord Options, string? Problem)> Skeleton = new(LoadSkeleton);

    private readonly Dictionary<string, SyntaxTree> _parsed = new(StringComparer.Ordinal);

    /// <summary>Compiles the host for <paramref name="code"/> into <paramref name="hostFolder"/> (created, or emptied first).</summary>
    /// <param name="code">The code under test.</param>
    /// <param name="hostFolder">Where the host goes: a copy of the skeleton with the compiled Coursework.Host.dll.</param>
    /// <returns>Whether it compiled, and the compiler errors if not.</returns>
    public BuildOutcome Run(CodeUnderTest code, string hostFolder)
    {
        var stopwatch = Stopwatch.StartNew();
        var step = Stopwatch.StartNew();
        var (options, problem) = Skeleton.Value;
        Step("compiler options and references");
        if (problem is not null)
        {
            return new BuildOutcome(false, hostFolder, [], problem, stopwatch.Elapsed);
        }

        var trees = Sources(code).Select(file => Parse(file, options.Parse)).ToList();
        trees.Add(options.Generated);
        var compilation = CSharpCompilation.Create("Coursework.Host", trees, options.References, options.Compilation);
        Step("parse");
        CopySkeleton(hostFolder);
        Step("copy the skeleton");
        var dll = Path.Combine(hostFolder, "Coursework.Host.dll");
        var pdb = Path.Combine(hostFolder, "Coursework.Host.pdb");
        EmitResult emitted;
        using (var assembly = new FileStream(dll, FileMode.Create, FileAccess.Write))
        using (var symbols = new FileStream(pdb, FileMode.Create, FileAccess.Write))
        {
            emitted = compilation.Emit(assembly, symbols, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: pdb));
        }

        Step("compile and emit");
        var errors = emitted.Diagnostics
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => Describe(diagnostic, code))
            .Distinct()
            .ToList();
        if (!emitted.Success)
        {
            File.Delete(dll);
            File.Delete(pdb);
        }
        else if (!OperatingSystem.IsWindows())
        {
            // Readable by the sandbox's user, whatever the umask.
            File.SetUnixFileMode(dll, (UnixFileMode)0b110_100_100);
            File.SetUnixFileMode(pdb, (UnixFileMode)0b110_100_100);
        }

        var log = emitted.Success || errors.Count > 0
            ? ""
            : string.Join('\n', emitted.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Select(diagnostic => diagnostic.ToString()).DefaultIfEmpty("the compiler failed without an error"));
        return new BuildOutcome(emitted.Success, hostFolder, errors, log, stopwatch.Elapsed);

        void Step(string name)
        {
            timings?.Add("  " + name, step.Elapsed);
            step.Restart();
        }
    }

    /// <summary>
    /// The files the host's project would compile, in its order: Program.cs, exercises/ (but its
    /// Program.cs), each replaced by the file of the same name from the last layer that has one, then the layers' other
    /// files (see the ExerciseOverrides items of host/Coursework.Host.csproj).
    /// </summary>
    private IEnumerable<string> Sources(CodeUnderTest code)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in code.Layers.SelectMany(layer => Directory.Exists(layer)
                     ? Directory.GetFiles(layer, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                     : Enumerable.Repeat(layer, 1)))
        {
            overrides[Path.GetFileName(file)] = file; // later layers win
        }

        var host = Path.Combine(kit.Root, "host");
        var exercises = Path.Combine(kit.Root, "exercises");
        return new[] { Path.Combine(host, "Program.cs") }
            .Concat(Directory.GetFiles(exercises, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Where(file => file != Path.Combine(exercises, "Program.cs") && !overrides.ContainsKey(Path.GetFileName(file))))
            .Concat(overrides.Values.Order(StringComparer.Ordinal).Distinct());
    }

    /// <summary>Parses a file once per grading (both hosts of a submission compile most files alike).</summary>
    private SyntaxTree Parse(string file, CSharpParseOptions options)
    {
        var full = Path.GetFullPath(file);
        if (!_parsed.TryGetValue(full, out var tree))
        {
            using var stream = File.OpenRead(full);
            tree = _parsed[full] = CSharpSyntaxTree.ParseText(SourceText.From(stream, Encoding.UTF8, canBeEmbedded: true), options, full);
        }

        return tree;
    }

    private CompileError Describe(Diagnostic diagnostic, CodeUnderTest code)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var file = span.IsValid && span.Path.Length > 0 ? Relative(span.Path, code) : "Coursework.Host";
        return new CompileError(file, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, diagnostic.Id,
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>Copies the skeleton (runtimeconfig, deps, libraries), without its own host assembly, into <paramref name="hostFolder"/>.</summary>
    private static void CopySkeleton(string hostFolder)
    {
        if (Directory.Exists(hostFolder))
        {
            Directory.Delete(hostFolder, recursive: true);
        }

        Directory.CreateDirectory(hostFolder);
        foreach (var file in Directory.GetFiles(KitLayout.HostSkeleton, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(KitLayout.HostSkeleton, file);
            if (name is "Coursework.Host.dll" or "Coursework.Host.pdb" or OptionsFile)
            {
                continue;
            }

            var target = Path.Combine(hostFolder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // The network filter the container tier starts the host through (Protocol.Sandbox), where the sandbox's user reads it.
        if (Directory.Exists(KitLayout.Confine))
        {
            var confine = Directory.CreateDirectory(Path.Combine(hostFolder, Protocol.Sandbox.ConfineFolder)).FullName;
            foreach (var file in Directory.GetFiles(KitLayout.Confine))
            {
                File.Copy(file, Path.Combine(confine, Path.GetFileName(file)));
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            foreach (var folder in Directory.GetDirectories(hostFolder, "*", SearchOption.AllDirectories).Prepend(hostFolder))
            {
                File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101); // the sandbox's user reads it
            }
        }
    }

    private string Relative(string path, CodeUnderTest code)
    {
        foreach (var root in new[] { code.ShownRoot, kit.Root })
        {
            var relative = Path.GetRelativePath(root, path);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                return relative.Replace('\\', '/');
            }
        }

        return path;
    }

    private static (CompileRecord Options, string? Problem) LoadSkeleton()
    {
        var (record, problem) = CompileRecord.Load(Path.Combine(KitLayout.HostSkeleton, OptionsFile), OutputKind.ConsoleApplication,
            "dotnet build grader", "Coursework.Host.GlobalUsings.g.cs");
        return (record!, problem is null ? null : $"the host's skeleton is not usable: {problem}");
    }
}
