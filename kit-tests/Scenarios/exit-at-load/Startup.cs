namespace Coursework;

/// <summary>A file the student added: it leaves the process as soon as their assembly loads.</summary>
internal static class Startup
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Leave() => Environment.Exit(0);
}
