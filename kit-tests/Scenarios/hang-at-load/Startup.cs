namespace Coursework;

/// <summary>A file the student added: it never returns once their assembly starts to load.</summary>
internal static class Startup
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Spin()
    {
        while (Environment.ProcessorCount > 0)
        {
        }
    }
}
