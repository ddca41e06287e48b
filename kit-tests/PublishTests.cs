namespace Coursework.Grading.Tests;

/// <summary>`publish` writes a student template that has no solutions, builds, runs its public tests and can be graded.</summary>
[NonParallelizable] // it builds a second copy of the kit
public class PublishTests
{
    private readonly List<string> _folders = [];

    [TearDown]
    public void RemoveTemplates()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string Publish(params string[] options)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"template-{Guid.NewGuid():N}");
        _folders.Add(folder);
        var outcome = GraderProcess.Run(["publish", "--out", folder, .. options]);
        outcome.ExitCode.ShouldBe(0, outcome.StandardError);
        return folder;
    }

    private static List<string> FilesOf(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToList();

    [Test]
    public void A_template_has_no_solutions_no_hidden_tests_and_no_kit_internals()
    {
        var files = FilesOf(Publish());

        files.ShouldNotContain(f => f.StartsWith("solutions/"));
        files.ShouldNotContain(f => f.StartsWith("hidden-tests/Task") || f.StartsWith("judge/Oracles/"));
        files.ShouldNotContain(f => f.StartsWith("kit-tests/") || f.StartsWith("bench/") || f.StartsWith(".ci/") || f.StartsWith("linalg/Tests/"));
        files.ShouldContain("exercises/Task1_Affine/Affine.cs");
        files.ShouldContain("tests/Task1_Affine/AffineTests.cs");
        files.ShouldNotContain("tests/Task5_BinaryClassifier/SigmoidTests.cs", "a disabled task's public tests stay out");
        files.ShouldContain("exercises/Task5_BinaryClassifier/Sigmoid.cs", "a disabled task's stubs stay in: the training demo uses them");
        files.ShouldContain("data/digits.csv.gz");
        files.ShouldContain(".github/workflows/classroom.yml");
        files.ShouldContain("grader/assignment.json");
        files.ShouldContain("LICENSE", "the template copies the kit's code, so its licence goes with it");
        files.ShouldNotContain(f => f.StartsWith("docs/") || f == "CONTRIBUTING.md" || f == "CHANGELOG.md", "the kit's docs are for instructors and developers");
    }

    [Test]
    public void A_templates_readme_says_the_disabled_tasks_are_not_graded()
    {
        var readme = File.ReadAllText(Path.Combine(Publish(), "README.md"));

        readme.ShouldContain("| 4. FeedforwardNet |");
        readme.ShouldNotContain("| 5. BinaryClassifier |");
        readme.ShouldContain("`exercises/Task5_BinaryClassifier/`, `exercises/Task6_RegressionNet/`, `exercises/Task7_DeepNet/`) are extensions outside this assignment: they are not graded");
    }

    [Test]
    public void A_template_names_the_private_repository_its_workflow_fetches_hidden_tests_from()
    {
        var folder = Publish("--hidden-tests-repo", "teacher/nn-kit");

        var workflow = File.ReadAllText(Path.Combine(folder, ".github", "workflows", "classroom.yml"));
        workflow.ShouldContain("repository: teacher/nn-kit");
        workflow.ShouldContain("persist-credentials: false");
        File.ReadAllText(Path.Combine(folder, "README.md")).ShouldContain("`teacher/nn-kit`");
    }

    [Test]
    public void The_hidden_tests_repository_holds_the_hidden_tests_and_oracles_and_nothing_else()
    {
        var hidden = Path.Combine(Path.GetTempPath(), $"hidden-{Guid.NewGuid():N}");
        _folders.Add(hidden);

        Publish("--hidden-tests-out", hidden);

        var files = FilesOf(hidden);
        files.ShouldContain("hidden-tests/Task1_Affine/AffineHiddenTests.cs");
        files.ShouldContain("judge/Oracles/Naive.cs");
        files.ShouldAllBe(f => f == "README.md" || f.StartsWith("hidden-tests/Task") || f.StartsWith("judge/Oracles/"));
    }

    [Test]
    public void A_template_is_refused_inside_the_kit_or_in_a_folder_that_is_not_empty()
    {
        GraderProcess.Run("publish", "--out", Path.Combine(GraderProcess.KitRoot, "artifacts", "template")).StandardError
            .ShouldContain("is inside the kit");
        var full = Path.Combine(Path.GetTempPath(), $"full-{Guid.NewGuid():N}");
        _folders.Add(full);
        Directory.CreateDirectory(full);
        File.WriteAllText(Path.Combine(full, "x.txt"), "x");
        var outcome = GraderProcess.Run("publish", "--out", full);
        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.Trim().ShouldBe($"grader: publish: '{full}' is not empty; give a new or empty folder");
    }

    [Test]
    public void A_template_with_hidden_tests_builds_runs_its_public_tests_and_grades_the_skeleton_0()
    {
        var folder = Publish("--include-hidden");
        FilesOf(folder).ShouldContain("hidden-tests/Task4_FeedforwardNet/FeedforwardNetHiddenTests.cs");
        FilesOf(folder).ShouldNotContain(f => f.StartsWith("solutions/"));

        var test = Dotnet(folder, "test", "--logger", "trx;LogFileName=public.trx", "--results-directory", "results");
        var trx = File.ReadAllText(Path.Combine(folder, "results", "public.trx"));
        trx.ShouldContain($"total=\"{KitTasks.PublicTestCount(KitTasks.Enabled)}\"", customMessage: test);
        trx.ShouldContain("passed=\"0\"", customMessage: test);

        // Task 4 builds on tasks 1-3, which fail here: it is graded on the judge's versions of them, as in the kit.
        var grade = Dotnet(folder, "run", "--project", "grader", "--", "--tasks", "1,4", "--out", "grading/result.json");
        var result = File.ReadAllText(Path.Combine(folder, "grading", "result.json"));
        result.ShouldContain("\"score\": 0,", customMessage: grade);
        result.ShouldContain($"\"max_score\": {KitTasks.Task(1).Points + KitTasks.Task(4).Points},", customMessage: grade);
    }

    private static string Dotnet(string folder, params string[] arguments)
    {
        var outcome = GraderProcess.Dotnet(folder, TimeSpan.FromMinutes(8), arguments);
        return outcome.StandardOutput + outcome.StandardError;
    }
}
