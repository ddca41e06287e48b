using System.Globalization;
using System.Text;

namespace Coursework.Grading.Publishing;

/// <summary>
/// <c>publish --classroom50 DIR</c>: the coursework as a Classroom 50 assignment (foundation50/classroom50, its wiki's
/// Assignment-Templates and Advanced-Autograding pages). <c>template/</c> is the assignment's template repository (the
/// student template without a grading workflow: Classroom 50 writes its own at accept); <c>autograder/</c> is the
/// per-assignment bundle for <c>CLASSROOM/autograders/ASSIGNMENT/</c> in the classroom's config repository:
/// <c>autograder.py</c> (grader/Publishing/Classroom50/) and the hidden tests it puts in place; <c>runtime.json</c> is
/// the assignment's runtime block (bubblewrap for the sandbox).
/// </summary>
/// <param name="kit">The kit to publish from.</param>
/// <param name="manifest">Its assignment manifest, as committed.</param>
/// <param name="snapshot">The kit's commit: the files written.</param>
internal sealed class Classroom50Package(KitLayout kit, Manifest manifest, GitSnapshot snapshot)
{
    /// <summary>The assignment's runtime block: the runner's default image with bubblewrap, for the sandbox.</summary>
    public const string Runtime = """
        {
          "runs-on": "ubuntu-latest",
          "apt": ["bubblewrap"]
        }

        """;

    /// <summary>Writes template/, autograder/, runtime.json and a README saying where each goes.</summary>
    /// <param name="destination">A new or empty folder outside the kit.</param>
    /// <returns>How many files were written.</returns>
    public int Write(string destination)
    {
        destination = Path.GetFullPath(destination);
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
        {
            throw new UsageException($"publish: '{destination}' is not empty; give a new or empty folder");
        }

        if (TemplatePublisher.IsInside(destination, kit.Root))
        {
            throw new UsageException($"publish: '{destination}' is inside the kit; give a folder outside it");
        }

        var publisher = new TemplatePublisher(kit, manifest, snapshot);
        var count = publisher.Publish(Path.Combine(destination, "template"), includeHidden: false, hiddenTestsRepository: null, classroom50: true);
        var bundle = Path.Combine(destination, "autograder");
        count += publisher.PublishHiddenTests(bundle, BundleReadme);
        TemplatePublisher.Write(bundle, "autograder.py", snapshot.Read(AutograderScript), snapshot.IsExecutable(AutograderScript));
        File.WriteAllText(Path.Combine(destination, "runtime.json"), Runtime);
        File.WriteAllText(Path.Combine(destination, "README.md"), Readme());
        return count + 3;
    }

    /// <summary>The bundle's entry point, in the kit.</summary>
    private const string AutograderScript = "grader/Publishing/Classroom50/autograder.py";

    /// <summary>Whether the assignment has this kit file: in its template or its bundle (autograder.py is in both).</summary>
    public bool Includes(string relative)
    {
        var publisher = new TemplatePublisher(kit, manifest, snapshot);
        return publisher.Publishes(relative, includeHidden: false, classroom50: true) || publisher.IsHiddenTestFile(relative);
    }

    private const string BundleReadme = """
        # Coursework autograder for Classroom 50

        Copy this folder's contents to `CLASSROOM/autograders/ASSIGNMENT/` in the classroom's config repository.
        Classroom 50's runner runs `autograder.py` in the student's checkout on every submission: it puts the hidden
        tests beside it (`hidden-tests/`, `judge/Oracles/`) into the checkout and grades with the checkout's grader, writing
        `result.json`. The bundle is fetched by the student's own workflow run: the hidden tests are kept out of the
        student repositories, not secret.

        """;

    private string Readme()
    {
        var points = manifest.Select(null).Where(task => !task.Bonus).Sum(task => (decimal)task.Points).ToString("0.##", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.AppendLine("# The coursework as a Classroom 50 assignment");
        md.AppendLine();
        md.AppendLine($"Written by `publish --classroom50`: the enabled tasks of `grader/assignment.json`, {points} points.");
        md.AppendLine();
        md.AppendLine("""
            - `template/`: the assignment's template repository. Push it to a repository of its own, mark it a
              template repository (Settings, General), and register it: `gh teacher assignment add ORG CLASSROOM
              ASSIGNMENT --name "Neural network" --template OWNER/REPO --runtime runtime.json`. It has no
              `.github/workflows/`: Classroom 50 writes the grading workflow into each student's repository at accept.
            - `autograder/`: the assignment's autograder. Copy its contents to `CLASSROOM/autograders/ASSIGNMENT/` in
              the classroom's `classroom50` config repository and push; its Pages workflow bundles the folder for the
              runner. `autograder.py` runs in the student's checkout: it copies the hidden tests in, installs the .NET 10
              SDK if the runner lacks it, gives bubblewrap the AppArmor profile Ubuntu 24.04 needs, and runs
              `dotnet run --project grader -- --format classroom50=result.json`. A compiler error is a graded result
              (score 0); a grader that cannot run still leaves a valid `result.json` (score 0, one failed test per task
              saying why) and exits 1, which the runner reports as an error.
            - `runtime.json`: the assignment's runtime block (`--runtime`): the runner's default Ubuntu with bubblewrap.

            Grading runs in the student's repository, under a workflow the student can edit: tamper-evident, not
            tamper-proof, and the bundle (the hidden tests) can be read by whoever can run that workflow. For
            authoritative grades, collect the repositories and grade them with `batch` on your own machine.
            """);
        return md.ToString();
    }
}
