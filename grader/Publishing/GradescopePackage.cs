using System.IO.Compression;
using System.Text;

namespace Coursework.Grading.Publishing;

/// <summary>
/// <c>publish --gradescope FILE.zip</c>: a Gradescope autograder. At the zip's root, as Gradescope's autograder
/// specification asks (gradescope-autograders.readthedocs.io/en/latest/specs/): <c>setup.sh</c>, which Gradescope runs
/// once as root to build the image, and <c>run_autograder</c>, which it runs for each submission; beside them the kit,
/// which Gradescope unpacks into /autograder/source: hidden tests, the reference solutions (setup.sh grades them as a
/// check of the image) and everything the grader builds from, without the kit's own tests, CI, benchmark and build
/// outputs; all of it as the kit's commit holds it. The scripts are grader/Publishing/Gradescope/.
/// </summary>
/// <param name="kit">The kit to package.</param>
/// <param name="snapshot">The kit's commit: the files packaged.</param>
internal sealed class GradescopePackage(KitLayout kit, GitSnapshot snapshot)
{
    /// <summary>What a grading in Gradescope's container does not need.</summary>
    private static readonly string[] LeftOut =
    [
        "bench", ".ci", ".github", "kit-tests", "linalg/Tests", "README.md", "artifacts", "grading", ".git", "TestResults", ".vs", ".idea",
        "docs", "CHANGELOG.md", "CONTRIBUTING.md",
    ];

    /// <summary>The two scripts, at the zip's root, executable.</summary>
    private static readonly string[] Scripts = ["setup.sh", "run_autograder"];

    /// <summary>Writes the zip.</summary>
    /// <param name="zipPath">A new file, outside the kit.</param>
    /// <returns>How many files it holds.</returns>
    public int Write(string zipPath)
    {
        zipPath = Path.GetFullPath(zipPath);
        if (File.Exists(zipPath) || Directory.Exists(zipPath))
        {
            throw new UsageException($"publish: '{zipPath}' exists; give a new file name for the Gradescope package");
        }

        if (TemplatePublisher.IsInside(zipPath, kit.Root))
        {
            throw new UsageException($"publish: '{zipPath}' is inside the kit; give a file outside it");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(zipPath)!);
        var partial = zipPath + ".partial";
        var count = 0;
        using (var zip = new ZipArchive(File.Create(partial), ZipArchiveMode.Create))
        {
            foreach (var script in Scripts)
            {
                Add(zip, script, snapshot.Read($"grader/Publishing/Gradescope/{script}"), executable: true);
                count++;
            }

            foreach (var (relative, bytes) in snapshot.Read(snapshot.Files.Where(Includes)))
            {
                Add(zip, relative, relative == "Coursework.sln" ? Encoding.UTF8.GetBytes(TemplatePublisher.WithoutProjects(Encoding.UTF8.GetString(bytes))) : bytes, executable: false);
                count++;
            }
        }

        File.Move(partial, zipPath);
        return count;
    }

    /// <summary>Whether the package has this kit file.</summary>
    public static bool Includes(string relative) => !TemplatePublisher.IsUnder(relative, LeftOut);

    private static void Add(ZipArchive zip, string name, byte[] content, bool executable)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        // Unix permissions in the upper half of the external attributes: a regular file, rwxr-xr-x or rw-r--r--.
        entry.ExternalAttributes = (executable ? 0b1000_000_111_101_101 : 0b1000_000_110_100_100) << 16;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
