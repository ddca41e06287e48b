using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Coursework.StandIns;

/// <summary>
/// The judge's stand-ins at build time, from the project's AdditionalFiles marked <c>StandInRole="api"</c> (reference
/// solutions, shipped stubs; one per file name, chosen by <see cref="StandInSource.Choose"/>). Files marked
/// <c>StandInRole="stub"</c> (the kit's own stubs, given only where the kit has its solutions) are checked against
/// their reference. Each problem is one build error naming the file.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StandInGenerator : IIncrementalGenerator
{
    private const string RoleMetadata = "build_metadata.AdditionalFiles.StandInRole";

    /// <summary>The kit's root folder (MSBuild property StandInKitRoot): messages and the choice use kit-relative paths.</summary>
    private const string KitRootProperty = "build_property.StandInKitRoot";

    private static readonly DiagnosticDescriptor CannotForward = new(
        "CWSI001", "A stand-in cannot be written", "{0}", "Coursework.StandIns", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor ApiDiffers = new(
        "CWSI002", "A stub's public API differs from its reference", "{0}", "Coursework.StandIns", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select((pair, cancellation) =>
                (Role: pair.Right.GetOptions(pair.Left).TryGetValue(RoleMetadata, out var role) ? role : "",
                    Path: KitRelative(pair.Left.Path, pair.Right.GlobalOptions.TryGetValue(KitRootProperty, out var root) ? root : ""),
                    Text: pair.Left.GetText(cancellation)?.ToString() ?? ""))
            .Where(file => file.Role is "api" or "stub")
            .Collect();
        context.RegisterSourceOutput(files, Generate);
    }

    private static void Generate(SourceProductionContext context, ImmutableArray<(string Role, string Path, string Text)> files)
    {
        var api = files.Where(file => file.Role == "api").ToList();
        var chosen = StandInSource.Choose(api.Select(file => file.Path)).ToDictionary(FileName, path => api.First(file => file.Path == path));
        foreach (var file in chosen.Values)
        {
            var source = StandInSource.Of(file.Text, file.Path, out var problems);
            foreach (var problem in problems)
            {
                context.ReportDiagnostic(Diagnostic.Create(CannotForward, Location.None, problem));
            }

            context.AddSource("StandIn." + System.IO.Path.GetFileNameWithoutExtension(file.Path) + ".g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
        }

        foreach (var stub in files.Where(file => file.Role == "stub"))
        {
            if (Problem(stub, chosen.TryGetValue(FileName(stub.Path), out var reference) ? reference : default) is { } problem)
            {
                context.ReportDiagnostic(Diagnostic.Create(ApiDiffers, Location.None, problem));
            }
        }
    }

    /// <summary>What is wrong with a stub beside its reference, in one line naming both files; null: nothing.</summary>
    internal static string? Problem((string Role, string Path, string Text) stub, (string Role, string Path, string Text) reference)
    {
        if (reference.Path is null || !StandInSource.IsReference(reference.Path))
        {
            return $"{stub.Path}: no reference solution of the same name in solutions/ to write its stand-in from";
        }

        var differences = PublicApi.Differences(PublicApi.Of(stub.Text), PublicApi.Of(reference.Text));
        return differences.Count == 0
            ? null
            : $"{stub.Path}: public API differs from {reference.Path}: {string.Join("; ", differences)}";
    }

    private static string FileName(string path) => path.Replace('\\', '/').Split('/').Last();

    /// <summary>A path as the kit names it (solutions/Task1_Affine/Affine.cs), with '/'.</summary>
    internal static string KitRelative(string path, string root)
    {
        path = Normalized(path);
        root = Normalized(root).TrimEnd('/') + "/";
        return root.Length > 1 && path.StartsWith(root, System.StringComparison.Ordinal) ? path.Substring(root.Length) : path;
    }

    /// <summary>'/' separators, and no "." or ".." segments (MSBuild passes project-relative paths as written).</summary>
    private static string Normalized(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] is not (".." or ""))
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != "." && (part.Length > 0 || parts.Count == 0))
            {
                parts.Add(part);
            }
        }

        return string.Join("/", parts);
    }
}
