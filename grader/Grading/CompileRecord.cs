using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coursework.Grading;

/// <summary>
/// What MSBuild gave a project's compiler, as RecordCompileOptions.targets wrote it beside the project's output: parse
/// and compilation options, the global usings and framework attribute the SDK generates into obj/, and the references.
/// Compiling the project's sources with these gives the assembly MSBuild would build.
/// </summary>
/// <param name="Parse">Language version and defines.</param>
/// <param name="Compilation">Output kind, nullable context, debug.</param>
/// <param name="References">The reference assemblies.</param>
/// <param name="Generated">The global usings and the target framework attribute, as one source file.</param>
internal sealed record CompileRecord(CSharpParseOptions Parse, CSharpCompilationOptions Compilation, IReadOnlyList<MetadataReference> References, SyntaxTree Generated)
{
    /// <summary>Reads a record.</summary>
    /// <param name="path">The record file.</param>
    /// <param name="kind">What the compilation makes (the host is a program; watch's assemblies are libraries).</param>
    /// <param name="build">The command that writes it, for the message when it is missing.</param>
    /// <param name="generatedName">The generated file's name, as the SDK's (errors never point at it, but its name shows in a trace).</param>
    /// <param name="skip">References to leave out (watch compiles the exercises itself, in place of the project's).</param>
    /// <returns>The record, or why there is none.</returns>
    public static (CompileRecord? Record, string? Problem) Load(string path, OutputKind kind, string build, string generatedName, Func<string, bool>? skip = null)
    {
        if (!File.Exists(path))
        {
            return (null, $"{path} is missing: build first ({build})");
        }

        var lines = File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToLookup(pair => pair[0], pair => pair[1]);
        var kept = lines["reference"].Where(reference => skip?.Invoke(reference) != true).ToList();
        if (kept.FirstOrDefault(reference => !File.Exists(reference)) is { } missing)
        {
            return (null, $"a reference is missing ({missing}): build again ({build})");
        }

        var language = LanguageVersionFacts.TryParse(lines["langversion"].FirstOrDefault() ?? "latest", out var version) ? version : LanguageVersion.Latest;
        var parse = new CSharpParseOptions(language == LanguageVersion.Default ? LanguageVersion.Latest : language, DocumentationMode.Parse, SourceCodeKind.Regular,
            (lines["define"].FirstOrDefault() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var nullable = (lines["nullable"].FirstOrDefault() ?? "enable") switch
        {
            "disable" => NullableContextOptions.Disable,
            "warnings" => NullableContextOptions.Warnings,
            "annotations" => NullableContextOptions.Annotations,
            _ => NullableContextOptions.Enable,
        };
        var compilation = new CSharpCompilationOptions(kind, optimizationLevel: OptimizationLevel.Debug, nullableContextOptions: nullable, deterministic: true)
            .WithAssemblyIdentityComparer(DesktopAssemblyIdentityComparer.Default);
        var generated = new StringBuilder();
        foreach (var name in lines["using"])
        {
            generated.Append("global using global::").Append(name).AppendLine(";");
        }

        generated.AppendLine(CultureInfo.InvariantCulture,
            $"[assembly: global::System.Runtime.Versioning.TargetFrameworkAttribute(\"{lines["framework"].FirstOrDefault()}\", FrameworkDisplayName = \"{lines["frameworkname"].FirstOrDefault()}\")]");
        var references = kept.Select(reference => (MetadataReference)MetadataReference.CreateFromFile(reference)).ToList();
        return (new CompileRecord(parse, compilation, references, CSharpSyntaxTree.ParseText(generated.ToString(), parse, generatedName, Encoding.UTF8)), null);
    }
}
