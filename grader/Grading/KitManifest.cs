namespace Coursework.Grading;

/// <summary>The kit's manifest, read and checked against the kit's files before anything is built.</summary>
internal static class KitManifest
{
    /// <summary>Reads the kit's manifest and checks the task definitions against the kit's files (see <see cref="TaskDefinitions"/>).</summary>
    /// <param name="kit">The kit.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="GradingException">The file is missing, not a valid manifest, or a task definition is wrong.</exception>
    public static Manifest Load(KitLayout kit)
    {
        var manifest = Manifest.Load(kit.Manifest, folder => Manifest.ListSources(kit.Root, folder));
        TaskDefinitions.Check(manifest, kit);
        return manifest;
    }
}
