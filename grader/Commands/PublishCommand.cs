using System.CommandLine;
using System.Text;
using Coursework.Grading.Publishing;

namespace Coursework.Grading.Commands;

/// <summary>
/// <c>publish --out DIR</c>: writes the student template repository; <c>--gradescope FILE.zip</c>, a Gradescope
/// autograder; <c>--classroom50 DIR</c>, a Classroom 50 assignment (template and autograder bundle).
/// </summary>
internal static class PublishCommand
{
    /// <summary>The command.</summary>
    /// <param name="fixedKit">The kit to publish; null: the one the grader runs in (tests publish a clone of it).</param>
    /// <param name="output">Where the command's lines go; null: the console.</param>
    /// <returns>The command.</returns>
    public static Command Create(KitLayout? fixedKit = null, TextWriter? output = null)
    {
        var templateOut = new Option<DirectoryInfo?>("--out") { Description = "A new or empty folder for the template." };
        var gradescope = new Option<FileInfo?>("--gradescope") { Description = "Also (or only) write a Gradescope autograder: a new zip with setup.sh, run_autograder and the kit, hidden tests and reference solutions included. Upload it as the assignment's autograder.", HelpName = "FILE.zip" };
        var classroom50 = new Option<DirectoryInfo?>("--classroom50") { Description = "Also (or only) write a Classroom 50 assignment to this new or empty folder: template/ (the template repository), autograder/ (autograder.py and the hidden tests, for CLASSROOM/autograders/ASSIGNMENT/) and runtime.json.", HelpName = "DIR" };
        var includeHidden = new Option<bool>("--include-hidden") { Description = "Keep the hidden tests in the template (default: the grading workflow fetches them)." };
        var repository = new Option<string?>("--hidden-tests-repo") { Description = "owner/name of the repository holding only the hidden tests (see --hidden-tests-out) that the workflow fetches (default: the HIDDEN_TESTS_REPO Actions variable). Never this kit: its token would hand out the solutions." };
        var hiddenOut = new Option<DirectoryInfo?>("--hidden-tests-out") { Description = "Also write the hidden tests, and only what they need, as a repository of their own to this new or empty folder." };
        var command = new Command("publish", "Writes the student template repository (--out: skeleton, public tests, data, grader, workflow; no solutions), a Gradescope autograder (--gradescope) or a Classroom 50 assignment (--classroom50).")
        {
            templateOut, includeHidden, repository, hiddenOut, gradescope, classroom50,
        };
        command.SetAction(parsed =>
        {
            var kit = fixedKit ?? KitLayout.Locate();
            var console = output ?? Console.Out;
            var repo = parsed.GetValue(repository);
            if (repo is not null && !System.Text.RegularExpressions.Regex.IsMatch(repo, "^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$"))
            {
                throw new UsageException($"--hidden-tests-repo: '{repo}' is not of the form owner/name");
            }

            if (parsed.GetValue(templateOut) is null && parsed.GetValue(gradescope) is null && parsed.GetValue(classroom50) is null)
            {
                throw new UsageException("publish: give --out DIR (the student template), --gradescope FILE.zip or --classroom50 DIR");
            }

            if (parsed.GetValue(templateOut) is null && (parsed.GetValue(hiddenOut) is not null || parsed.GetValue(includeHidden) || repo is not null))
            {
                throw new UsageException("publish: --include-hidden, --hidden-tests-repo and --hidden-tests-out go with --out DIR (the student template)");
            }

            // Everything written comes from the commit, the manifest that says what is hidden included.
            var snapshot = GitSnapshot.Open(kit);
            var manifest = Manifest.Parse(Encoding.UTF8.GetString(snapshot.Read("grader/assignment.json")), "grader/assignment.json (git HEAD)", snapshot.ListSources);
            var publisher = new TemplatePublisher(kit, manifest, snapshot);
            var written = new List<Func<string, bool>>();
            if (parsed.GetValue(gradescope) is { } zip)
            {
                written.Add(GradescopePackage.Includes);
                var files = new GradescopePackage(kit, snapshot).Write(zip.FullName);
                console.WriteLine($"Wrote the Gradescope autograder {zip.FullName} ({files} files: setup.sh, run_autograder and the kit with hidden tests and reference solutions). Upload it as the assignment's autograder (Ubuntu base image).");
            }

            if (parsed.GetValue(classroom50) is { } assignment)
            {
                var package = new Classroom50Package(kit, manifest, snapshot);
                written.Add(package.Includes);
                var files = package.Write(assignment.FullName);
                console.WriteLine($"Wrote the Classroom 50 assignment to {assignment.FullName} ({files} files): template/ is the template repository, autograder/ goes to CLASSROOM/autograders/ASSIGNMENT/ in the config repository; see its README.md.");
            }

            if (parsed.GetValue(templateOut) is not { } template)
            {
                NoteLeftOut(console, snapshot, written);
                return 0;
            }

            var folder = template.FullName;
            written.Add(file => publisher.Publishes(file, parsed.GetValue(includeHidden), classroom50: false));
            var count = publisher.Publish(folder, parsed.GetValue(includeHidden), repo);
            console.WriteLine($"Published the student template to {folder} ({count} files, {(parsed.GetValue(includeHidden) ? "with" : "without")} hidden tests, no solutions).");
            if (parsed.GetValue(hiddenOut) is { } hidden)
            {
                written.Add(publisher.IsHiddenTestFile);
                var hiddenFiles = publisher.PublishHiddenTests(hidden.FullName);
                console.WriteLine($"Published the hidden tests to {hidden.FullName} ({hiddenFiles} files): push them to a private repository of their own and give the workflow a token that reads only that one.");
            }

            NoteLeftOut(console, snapshot, written);
            console.WriteLine("Check it: cd there, then `dotnet build` and `dotnet test` (every public test fails with \"not implemented yet\").");
            return 0;
        });
        return command;
    }

    /// <summary>Names the uncommitted changes that an output written would otherwise have had.</summary>
    private static void NoteLeftOut(TextWriter console, GitSnapshot snapshot, List<Func<string, bool>> written)
    {
        if (snapshot.LeftOutNote([.. snapshot.Uncommitted.Where(file => written.Any(includes => includes(file.Path)))]) is { } note)
        {
            console.WriteLine(note);
        }
    }
}
