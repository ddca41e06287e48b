namespace Coursework.Grading.Tests;

/// <summary>Submissions as students hand them in, made from the reference and the golden scenarios.</summary>
internal static class SubmissionFolders
{
    /// <summary>A folder holding every reference file (solutions/), flat, as a correct submission of the files alone.</summary>
    /// <param name="folder">The folder to create.</param>
    /// <returns>The folder.</returns>
    public static string Reference(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(GraderProcess.KitRoot, "solutions"), "*.cs", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    /// <summary>The reference with a golden scenario's files on top (its bug, or its compiler error).</summary>
    /// <param name="folder">The folder to create.</param>
    /// <param name="scenario">The scenario's name, e.g. affine-forward-without-bias.</param>
    /// <returns>The folder.</returns>
    public static string Scenario(string folder, string scenario)
    {
        Reference(folder);
        var files = ScenarioFiles.Materialize(Path.Combine(GraderProcess.ScenariosFolder, scenario));
        foreach (var file in Directory.GetFiles(files, "*.cs"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        Directory.Delete(files, recursive: true);
        return folder;
    }
}
