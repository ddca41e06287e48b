using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Coursework.Grading;

/// <summary>Which code fills the TODO files.</summary>
/// <param name="Variant">The artifacts folder name: exercises, solutions or submission.</param>
/// <param name="Description">For the report: "exercises/", "the reference solutions", a submission folder.</param>
/// <param name="BuildProperties">MSBuild properties that select the code (see Directory.Build.props).</param>
/// <param name="SourceRoot">Where the student's files are, to print paths relative to it.</param>
internal sealed record CodeUnderTest(string Variant, string Description, IReadOnlyList<string> BuildProperties, string SourceRoot)
{
    public static CodeUnderTest Exercises(KitLayout kit) => new("exercises", "exercises/", [], kit.Root);

    public static CodeUnderTest Solutions(KitLayout kit) => new("solutions", "the reference solutions", ["UseSolutions=true"], kit.Root);

    /// <summary>A folder of replacement files (e.g. Affine.cs) that take the place of the exercise files of the same name.</summary>
    /// <param name="folder">The submission folder.</param>
    /// <param name="kit">The kit.</param>
    /// <param name="onTopOfSolutions">
    /// Start from the reference solutions instead of exercises/: the reference with some files swapped, which shows
    /// that a bug in one task costs points in that task only.
    /// </param>
    /// <returns>The code to grade.</returns>
    public static CodeUnderTest Submission(string folder, KitLayout kit, bool onTopOfSolutions)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new GradingException($"the submission folder '{folder}' does not exist");
        }

        if (!onTopOfSolutions)
        {
            return new("submission", full, [$"ExerciseOverrides={full}", "CodeVariant=submission"], full);
        }

        // Overrides match by file name, so the merged folder is flat: reference files first, the submission's on top.
        var merged = Path.Combine(kit.Root, "artifacts", "overlay");
        if (Directory.Exists(merged))
        {
            Directory.Delete(merged, recursive: true);
        }

        Directory.CreateDirectory(merged);
        foreach (var file in Directory.GetFiles(kit.Solutions, "*.cs", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles(full, "*.cs", SearchOption.AllDirectories)))
        {
            File.Copy(file, Path.Combine(merged, Path.GetFileName(file)), overwrite: true);
        }

        return new("submission", $"the reference solutions with {full} on top", [$"ExerciseOverrides={merged}", "CodeVariant=submission"], merged);
    }
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
/// <param name="TestProgram">Its path.</param>
/// <param name="Errors">Compiler errors, empty on success.</param>
/// <param name="Log">The build's output, for errors that are not compiler errors.</param>
/// <param name="Elapsed">How long the build took.</param>
internal sealed record BuildOutcome(bool Succeeded, string TestProgram, IReadOnlyList<CompileError> Errors, string Log, TimeSpan Elapsed);

/// <summary>Step 1: build the hidden tests together with the code under test.</summary>
internal sealed partial class StudentBuild(KitLayout kit)
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(10);

    public BuildOutcome Run(CodeUnderTest code)
    {
        var stopwatch = Stopwatch.StartNew();
        var arguments = new List<string>
        {
            "build", kit.HiddenTestsProject, "-nologo", "-v:minimal", "-clp:NoSummary",
            // A warning in a student's code (an unused variable) must not cost the grade.
            "-p:TreatWarningsAsErrors=false",
        };
        arguments.AddRange(code.BuildProperties.Select(property => "-p:" + property));

        using var build = ChildProcess.StartDotnet(arguments, kit.Root);
        if (!build.WaitForExit(BuildLimit))
        {
            build.Kill();
            throw new GradingException($"the build did not finish within {BuildLimit.TotalMinutes} minutes");
        }

        var errors = ParseErrors(build.Output, code);
        var succeeded = build.ExitCode == 0 && File.Exists(kit.TestProgram(code.Variant));
        return new BuildOutcome(succeeded, kit.TestProgram(code.Variant), errors, build.Output, stopwatch.Elapsed);
    }

    private IReadOnlyList<CompileError> ParseErrors(string log, CodeUnderTest code) =>
        log.Split('\n')
            .Select(line => ErrorLine().Match(line.Trim()))
            .Where(match => match.Success)
            .Select(match => new CompileError(
                Relative(match.Groups["file"].Value, code),
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["code"].Value,
                match.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

    private string Relative(string path, CodeUnderTest code)
    {
        foreach (var root in new[] { code.SourceRoot, kit.Root })
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
