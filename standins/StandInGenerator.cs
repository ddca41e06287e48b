using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Coursework.StandIns;

/// <summary>
/// The judge's stand-ins at build time: one source per API file among the project's AdditionalFiles (*.cs), chosen by
/// <see cref="StandInSource.Choose"/>; what a stand-in cannot forward is a build error naming the file.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StandInGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor CannotForward = new(
        "CWSI001", "A stand-in cannot be written", "{0}", "Coursework.StandIns", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(file => file.Path.EndsWith(".cs", System.StringComparison.Ordinal))
            .Select((file, cancellation) => (file.Path, Text: file.GetText(cancellation)?.ToString() ?? ""))
            .Collect();
        context.RegisterSourceOutput(files, Generate);
    }

    private static void Generate(SourceProductionContext context, ImmutableArray<(string Path, string Text)> files)
    {
        var chosen = StandInSource.Choose(files.Select(file => file.Path));
        foreach (var path in chosen)
        {
            var source = StandInSource.Of(files.First(file => file.Path == path).Text, KitRelative(path), out var problems);
            foreach (var problem in problems)
            {
                context.ReportDiagnostic(Diagnostic.Create(CannotForward, Location.None, problem));
            }

            context.AddSource("StandIn." + System.IO.Path.GetFileNameWithoutExtension(path) + ".g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
        }
    }

    /// <summary>A path as the kit names it (solutions/Task1_Affine/Affine.cs), for one-line messages.</summary>
    internal static string KitRelative(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        var start = System.Array.LastIndexOf(parts, "solutions");
        return start >= 0 ? string.Join("/", parts.Skip(start)) : path;
    }
}
