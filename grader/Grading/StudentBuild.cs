using System.Diagnostics;
using System.Text.RegularExpressions;

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

    /// <summary>The same code with some files replaced by the reference: how a task is graded apart from the tasks it builds on.</summary>
    /// <param name="referenceFiles">Reference files (absolute paths).</param>
    /// <param name="suffix">Added to the variant's name.</param>
    /// <returns>The code to grade.</returns>
    public CodeUnderTest WithReferenceFiles(IReadOnlyList<string> referenceFiles, string suffix) =>
        this with { Variant = $"{Variant}-{suffix}", Layers = [.. Layers, .. referenceFiles] };
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

/// <summary>The outcome of building the hidden tests with the student's code.</summary>
/// <param name="Succeeded">Whether there is a test program to run.</param>
/// <param name="HostFolder">Where the built host is.</param>
/// <param name="Errors">Compiler errors, empty on success.</param>
/// <param name="Log">The build's output, for errors that are not compiler errors.</param>
/// <param name="Elapsed">How long the build took.</param>
internal sealed record BuildOutcome(bool Succeeded, string HostFolder, IReadOnlyList<CompileError> Errors, string Log, TimeSpan Elapsed);

/// <summary>Step 1: build the host (grader/Host) with the code under test; nothing of the grader's goes into it.</summary>
internal sealed partial class StudentBuild(KitLayout kit)
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(10);

    public BuildOutcome Run(CodeUnderTest code)
    {
        var outcome = RunOnce(code);
        // A build that fails without a compiler error failed for a reason outside the student's code (the compiler
        // server dying under load, a file in use): once more, without the server, before believing it.
        return outcome.Succeeded || outcome.Errors.Count > 0 ? outcome : RunOnce(code, sharedCompiler: false);
    }

    private BuildOutcome RunOnce(CodeUnderTest code, bool sharedCompiler = true)
    {
        var stopwatch = Stopwatch.StartNew();
        var arguments = new List<string>
        {
            "build", kit.HostProject, "-nologo", "-v:minimal", "-clp:NoSummary",
            // A warning in a student's code (an unused variable) must not cost the grade.
            "-p:TreatWarningsAsErrors=false",
            $"-p:CodeVariant={code.Variant}",
        };

        // Where each compiled file came from, to show compiler errors at the student's path, not the copy's.
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        if (code.Layers is [var single] && single == kit.Solutions)
        {
            arguments.Add("-p:UseSolutions=true"); // the reference in place: an ordinary incremental build
        }
        else if (code.Layers.Count > 0)
        {
            arguments.Add($"-p:ExerciseOverrides={Merge(code, origins)}");
            // Copies and unpacked submissions can be older than the last build in this folder: timestamps cannot
            // tell that the code changed, so build from scratch.
            arguments.Add("--no-incremental");
        }

        // The compiler server makes each later build about twice as fast (a cold compiler takes seconds to start).
        using var build = ChildProcess.StartDotnet(arguments, kit.Root, new Dictionary<string, string> { ["UseSharedCompilation"] = sharedCompiler ? "true" : "false" });
        if (!build.WaitForExit(BuildLimit))
        {
            build.Kill();
            throw new GradingException($"the build did not finish within {BuildLimit.TotalMinutes} minutes");
        }

        var errors = ParseErrors(build.Output, code, origins);
        var host = kit.HostFolder(code.Variant);
        var succeeded = build.ExitCode == 0 && File.Exists(Path.Combine(host, "Coursework.Host.dll"));
        return new BuildOutcome(succeeded, host, errors, build.Output, stopwatch.Elapsed);
    }

    /// <summary>Copies the layers, in order, into one flat folder (overrides match by file name).</summary>
    private string Merge(CodeUnderTest code, Dictionary<string, string> origins)
    {
        var merged = Path.Combine(kit.Root, "artifacts", "overlays", code.Variant);
        if (Directory.Exists(merged))
        {
            Directory.Delete(merged, recursive: true);
        }

        Directory.CreateDirectory(merged);
        foreach (var file in code.Layers.SelectMany(layer => Directory.Exists(layer)
                     ? Directory.GetFiles(layer, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                     : Enumerable.Repeat(layer, 1)))
        {
            var copy = Path.Combine(merged, Path.GetFileName(file));
            File.Copy(file, copy, overwrite: true);
            origins[copy] = file;
        }

        return merged;
    }

    private IReadOnlyList<CompileError> ParseErrors(string log, CodeUnderTest code, IReadOnlyDictionary<string, string> origins) =>
        log.Split('\n')
            .Select(line => ErrorLine().Match(line.Trim()))
            .Where(match => match.Success)
            .Select(match => new CompileError(
                Relative(origins.GetValueOrDefault(match.Groups["file"].Value, match.Groups["file"].Value), code),
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["code"].Value,
                match.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

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

    [GeneratedRegex(@"^(?<file>[^\s].*?)\((?<line>\d+),(?<column>\d+)\): error (?<code>[A-Z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex ErrorLine();
}
