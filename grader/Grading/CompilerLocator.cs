using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Coursework.Grading;

/// <summary>
/// Where the grader's compiler (Roslyn) comes from: the SDK's own copy when there is one, else the package's copy in
/// roslyn/ beside the grader. The SDK's is precompiled to native code (ReadyToRun), so a grading's first compilation
/// does not wait for the JIT to compile the compiler (about 2 s instead of 4 s), and it is the compiler MSBuild runs,
/// so compiler errors read as they would in a build.
/// </summary>
internal static class CompilerLocator
{
    private static readonly string[] Names = ["Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp"];

    /// <summary>Registered before any of the grader's code runs, so that the first use of Roslyn finds it.</summary>
    [ModuleInitializer]
    internal static void Register()
    {
        var folder = Folder();
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            folder is not null && Names.Contains(name.Name) && Path.Combine(folder, name.Name + ".dll") is var path && File.Exists(path)
                ? context.LoadFromAssemblyPath(path)
                : null;
    }

    /// <summary>The folder holding both Roslyn assemblies: the newest SDK's Roslyn/bincore, else roslyn/ beside the grader.</summary>
    /// <returns>The folder, or null when neither has them.</returns>
    internal static string? Folder()
    {
        var candidates = new List<string>();
        // The runtime lives in DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION; the SDKs in DOTNET_ROOT/sdk/VERSION.
        if (Path.GetDirectoryName(typeof(object).Assembly.Location) is { Length: > 0 } runtime &&
            Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "sdk")) is var sdks && Directory.Exists(sdks))
        {
            candidates.AddRange(Directory.GetDirectories(sdks)
                .Select(sdk => (Sdk: sdk, Version: Version.TryParse(Path.GetFileName(sdk).Split('-')[0], out var version) ? version : null))
                .Where(sdk => sdk.Version is not null)
                .OrderByDescending(sdk => sdk.Version)
                .Select(sdk => Path.Combine(sdk.Sdk, "Roslyn", "bincore")));
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "roslyn"));
        return candidates.FirstOrDefault(folder => Names.All(name => File.Exists(Path.Combine(folder, name + ".dll"))));
    }
}
