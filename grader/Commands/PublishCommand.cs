using System.CommandLine;
using Coursework.Grading.Publishing;

namespace Coursework.Grading.Commands;

/// <summary><c>publish --out DIR</c>: writes the student template repository.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "A new or empty folder for the template.", Required = true };
        var includeHidden = new Option<bool>("--include-hidden") { Description = "Keep the hidden tests in the template (default: the grading workflow fetches them)." };
        var repository = new Option<string?>("--hidden-tests-repo") { Description = "owner/name of the private repository (this kit) the workflow fetches hidden tests from (default: the HIDDEN_TESTS_REPO Actions variable)." };
        var command = new Command("publish", "Writes the student template repository: skeleton, public tests, data, grader, workflow; no solutions.")
        {
            output, includeHidden, repository,
        };
        command.SetAction(parsed =>
        {
            var kit = KitLayout.Locate();
            var repo = parsed.GetValue(repository);
            if (repo is not null && !System.Text.RegularExpressions.Regex.IsMatch(repo, "^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$"))
            {
                throw new UsageException($"--hidden-tests-repo: '{repo}' is not of the form owner/name");
            }

            var folder = parsed.GetValue(output)!.FullName;
            var count = new TemplatePublisher(kit, Manifest.Load(kit.Manifest)).Publish(folder, parsed.GetValue(includeHidden), repo);
            Console.WriteLine($"Published the student template to {folder} ({count} files, {(parsed.GetValue(includeHidden) ? "with" : "without")} hidden tests, no solutions).");
            Console.WriteLine("Check it: cd there, then `dotnet build` and `dotnet test` (every public test fails with \"not implemented yet\").");
            return 0;
        });
        return command;
    }
}
