using System.Globalization;
using System.Text;

namespace Coursework.Grading.Publishing;

/// <summary>The README of a published student repository, from the manifest's enabled tasks.</summary>
internal static class StudentReadme
{
    public static string Render(Manifest manifest, bool includesHidden, string? hiddenTestsRepository, bool classroom50 = false)
    {
        var tasks = manifest.Select(null);
        var md = new StringBuilder();
        md.AppendLine("# Coursework: hand-code a neural network in C#");
        md.AppendLine();
        md.AppendLine("```bash");
        md.AppendLine("dotnet run --project grader -- watch   # rerun a task's public tests each time you save its file");
        md.AppendLine("dotnet test                            # run the public tests on your code in exercises/");
        md.AppendLine("dotnet run --project exercises         # train the models and watch the loss fall");
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("You need the [.NET 10 SDK](https://dotnet.microsoft.com/download); packages restore on the first build.");
        md.AppendLine();
        md.AppendLine("""
            ## Where to work

            - **In the browser, nothing to install: GitHub Codespaces.** On your repository's page, **Code** →
              **Codespaces** → **Create codespace on main**. It opens VS Code in the browser with the .NET 10 SDK and the
              C# Dev Kit; the first start installs and builds (a few minutes), then the Testing view (the flask icon)
              lists the public tests and `dotnet test` runs them in the terminal.
            - **On your computer, in a container: VS Code with Docker.** Install the *Dev Containers* extension, open
              the cloned folder and choose **Reopen in Container** when VS Code offers it (or run *Dev Containers:
              Reopen in Container* from the command palette). Both use `.devcontainer/devcontainer.json`.
            - **On your computer, without a container:** install the .NET 10 SDK and open the folder in VS Code, which
              recommends the C# Dev Kit (`.vscode/extensions.json`), or in Visual Studio or Rider; or use the terminal alone.

            """);
        md.AppendLine("## Your tasks");
        md.AppendLine();
        md.AppendLine("| Task | File you edit | Points |");
        md.AppendLine("|---|---|---:|");
        foreach (var task in tasks)
        {
            var points = task.Points.ToString("0.##", CultureInfo.InvariantCulture) + (task.Bonus ? " (bonus)" : "");
            md.AppendLine($"| {task.Id}. {task.Name} | {string.Join(", ", task.Files.Stub.Select(file => $"`{file}`"))} | {points} |");
        }

        var others = manifest.Tasks.Except(tasks).ToList();
        if (others.Count > 0)
        {
            md.AppendLine();
            md.AppendLine(
                $"The other task folders in `exercises/` ({string.Join(", ", others.Select(task => $"`{Path.GetDirectoryName(task.Files.Stub[0])}/`"))}) " +
                "are extensions outside this assignment: they are not graded and have no public tests here. Try them if you like; " +
                $"`dotnet run --project exercises -- {others[0].Id}` trains task {others[0].Id}'s model.");
        }

        md.AppendLine();
        md.AppendLine("""
            1. Open a task's file. Its XML docs give every shape (such as `(N, D)`) and convention; each `TODO` says what
               to write in place of the `throw new NotImplementedException(...)` line.
            2. Start `dotnet run --project grader -- watch` in a terminal beside your editor and leave it running: each
               time you save a task's file it compiles your code and reruns that task's public tests, and prints the
               counts and the first failure's message (or the compiler's error, with its line) within a second or
               two. `dotnet test` runs the same tests (`dotnet test --filter Affine` for one task) but builds first,
               which takes several seconds. Every test fails with "not implemented yet" until you start; a failure
               says what was expected, what your code returned and often a likely cause.
            3. `dotnet run --project exercises` trains the notebook's models on the digits and prints the loss and the
               test accuracy; the loss curves and confusion matrices are pictures in `plots/`, which it names.
            4. What you may use is in `exercises/Given/` (softmax, Xavier initialization, the datasets, broadcasting
               helpers). No element loops are needed: MathNet has `*`, `Transpose()`, `PointwiseMultiply`, `Map`,
               `RowSums`, `ColumnSums`.

            ## How you are graded

            """);
        md.AppendLine(classroom50
            ? """
              Every submission (a push, or `gh student submit`) is graded by Classroom 50 with hidden tests: random
              shapes, gradient checks against finite differences, edge cases and the accuracy of your network on
              held-out data. The submission's Release shows the score, a table per task and, for each lost point, the
              test and why; the loss curve of your network is drawn there too. A compiler error costs every point, so
              submit code that builds.
              """
            : """
              Every push runs the grading workflow (`.github/workflows/classroom.yml`): hidden tests with random shapes,
              gradient checks against finite differences, edge cases and the accuracy of your network on held-out data.
              The job summary shows a table per task and, for each lost point, the test and why; the loss curve of your
              network is drawn there too. A compiler error costs every point, so push code that builds.
              """);
        if (classroom50)
        {
            md.AppendLine();
            md.AppendLine("The hidden tests are not in this repository: Classroom 50's autograder brings them when it grades.");
        }
        else if (includesHidden)
        {
            md.AppendLine();
            md.AppendLine("The hidden tests are in `hidden-tests/`; `dotnet run --project grader` grades your code locally exactly as the workflow does.");
        }
        else
        {
            md.AppendLine();
            md.AppendLine($"The hidden tests are not in this repository: the workflow fetches them from {(hiddenTestsRepository is null ? "the instructor's repository" : $"`{hiddenTestsRepository}`")} when it grades.");
        }

        md.AppendLine();
        md.AppendLine("## Data");
        md.AppendLine();
        md.AppendLine("`data/` holds the datasets; `data/README.md` says where they come from and under which licence.");
        return md.ToString();
    }
}
