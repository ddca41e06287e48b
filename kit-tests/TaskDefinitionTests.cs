namespace Coursework.Grading.Tests;

/// <summary>
/// Mistakes in a task's definition are one line naming the file, found when the grader reads the manifest (before any
/// build). Each test writes a small kit of one or two tasks in a temporary folder and breaks one thing.
/// </summary>
public class TaskDefinitionTests
{
    private string _root = "";

    [SetUp]
    public void CreateKit()
    {
        _root = Directory.CreateTempSubdirectory("task-definitions-").FullName;
        WriteTask(1, "Alpha");
        WriteManifest(Entry(1, "Alpha"));
    }

    [TearDown]
    public void DeleteKit() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_kits_own_tasks_are_defined_without_a_mistake()
    {
        KitTasks.Manifest.Tasks.ShouldNotBeEmpty();
    }

    [Test]
    public void A_complete_task_loads()
    {
        Load().Tasks.Single().Files.HiddenTests.ShouldBe(["hidden-tests/Task1_Alpha/AlphaHiddenTests.cs"]);
    }

    [Test]
    public void Hidden_tests_of_a_task_the_manifest_does_not_list_name_their_file()
    {
        WriteTask(2, "Beta");

        Error().ShouldBe("hidden-tests/Task2_Beta/BetaHiddenTests.cs: [GradedTask(2)] names task 2, which grader/assignment.json does not list; add the task's entry there");
    }

    [Test]
    public void Public_tests_of_a_task_the_manifest_does_not_list_name_their_file()
    {
        Write("tests/Task2_Beta/BetaTests.cs", "[GradedTask(2, \"Beta\")]\npublic class BetaTests { [Test] public void Works() { } }\n");

        Error().ShouldBe("tests/Task2_Beta/BetaTests.cs: [GradedTask(2, \"Beta\")] names task 2, which grader/assignment.json does not list; add the task's entry there");
    }

    [Test]
    public void Public_tests_that_name_the_task_otherwise_than_the_manifest_are_refused()
    {
        Write("tests/Task1_Alpha/AlphaTests.cs", "[GradedTask(1, \"Alfa\")]\npublic class AlphaTests { [Test] public void Works() { } }\n");

        Error().ShouldBe("tests/Task1_Alpha/AlphaTests.cs: [GradedTask(1, \"Alfa\")] names task 1 Alfa, but grader/assignment.json calls task 1 Alpha");
    }

    [Test]
    public void An_attribute_in_a_comment_is_not_a_task()
    {
        Write("hidden-tests/Task1_Alpha/Notes.cs", "// Mark a class [GradedTask(9)] to make it a task's hidden tests.\n/* or [GradedTask(8)] */\n");

        Load().Tasks.Count.ShouldBe(1);
    }

    [Test]
    public void A_task_whose_hidden_tests_have_no_graded_test_is_refused()
    {
        Write("hidden-tests/Task1_Alpha/AlphaHiddenTests.cs", "[GradedTask(1)]\npublic sealed class AlphaHiddenTests { public void Forgot_the_attribute(GradingContext context) { } }\n");

        Error().ShouldBe("grader/assignment.json: task 1 (Alpha) has no hidden tests: hidden-tests/Task1_Alpha/AlphaHiddenTests.cs has no [GradedTest] method");
    }

    [Test]
    public void A_task_that_lists_no_hidden_tests_is_refused()
    {
        WriteTask(2, "Beta");
        WriteManifest(Entry(1, "Alpha"), Entry(2, "Beta", hiddenTests: "[]"));

        Error().ShouldBe("grader/assignment.json: task 2 (Beta) has no hidden tests; put them in hidden-tests/Task2_Beta/ or list them under files.hiddenTests");
    }

    [Test]
    public void A_listed_file_that_does_not_exist_is_named()
    {
        WriteManifest(Entry(1, "Alpha", hiddenTests: "[\"hidden-tests/Task1_Alpha/AlphaHidenTests.cs\"]"));

        Error().ShouldBe("grader/assignment.json: task 1 (Alpha) lists hidden-tests/Task1_Alpha/AlphaHidenTests.cs, which does not exist");
    }

    [Test]
    public void A_hidden_test_file_that_is_not_listed_under_its_task_is_refused()
    {
        Write("hidden-tests/Task1_Alpha/MoreAlphaHiddenTests.cs", "[GradedTask(1)]\npublic sealed class MoreAlphaHiddenTests { [GradedTest] public void More(GradingContext context) { } }\n");

        Error().ShouldBe("hidden-tests/Task1_Alpha/MoreAlphaHiddenTests.cs: [GradedTask(1)] is task 1 (Alpha), whose hidden tests in grader/assignment.json do not list this file; add it there or move it to hidden-tests/Task1_Alpha/");
    }

    [Test]
    public void Hidden_tests_listed_under_another_task_than_their_attribute_are_refused()
    {
        WriteTask(2, "Beta");
        WriteManifest(Entry(1, "Alpha"), Entry(2, "Beta", hiddenTests: "[\"hidden-tests/Task1_Alpha/AlphaHiddenTests.cs\"]"));

        Error().ShouldBe("hidden-tests/Task1_Alpha/AlphaHiddenTests.cs: [GradedTask(1)] is in the hidden tests grader/assignment.json lists for task 2 (Beta); make it [GradedTask(2)] or list the file under task 1");
    }

    [Test]
    public void Two_tasks_with_one_id_are_refused()
    {
        WriteTask(2, "Beta");
        WriteManifest(Entry(1, "Alpha"), Entry(1, "Beta", folder: "Task2_Beta"));

        Error().ShouldBe($"the assignment manifest {Manifest} has two tasks with id 1 (Alpha and Beta); give each task an id of its own");
    }

    [Test]
    public void Two_tasks_with_one_name_are_refused()
    {
        WriteTask(2, "Beta");
        WriteManifest(Entry(1, "Alpha"), Entry(2, "alpha", folder: "Task2_Beta"));

        Error().ShouldBe($"the assignment manifest {Manifest} has two tasks named Alpha (tasks 1 and 2); give each task a name of its own");
    }

    [Test]
    public void A_class_in_two_tasks_is_a_name_collision()
    {
        WriteTask(2, "Beta");
        Write("exercises/Task2_Beta/Alpha.cs", "public class Alpha { }\n");
        Write("solutions/Task2_Beta/Alpha.cs", "public class Alpha { }\n");
        WriteManifest(Entry(1, "Alpha"), Entry(2, "Beta", stub: "[\"exercises/Task2_Beta/Beta.cs\", \"exercises/Task2_Beta/Alpha.cs\"]",
            solution: "[\"solutions/Task2_Beta/Beta.cs\", \"solutions/Task2_Beta/Alpha.cs\"]"));

        Error().ShouldBe($"the assignment manifest {Manifest}: class Alpha belongs to two tasks (task 1: exercises/Task1_Alpha/Alpha.cs and task 2: exercises/Task2_Beta/Alpha.cs); rename one of them");
    }

    [Test]
    public void A_stub_without_a_reference_of_the_same_name_is_refused()
    {
        Write("solutions/Task1_Alpha/Alfa.cs", "public class Alpha { }\n");
        WriteManifest(Entry(1, "Alpha", solution: "[\"solutions/Task1_Alpha/Alfa.cs\"]"));

        Error().ShouldBe("grader/assignment.json: task 1 (Alpha) has stubs exercises/Task1_Alpha/Alpha.cs but solutions solutions/Task1_Alpha/Alfa.cs; a reference file is needed for each stub, with the same name");
    }

    [Test]
    public void A_task_without_files_takes_its_TaskN_Name_folders()
    {
        WriteTask(2, "Beta");
        Write("exercises/Task2_Beta/BetaHelper.cs", "public class BetaHelper { }\n");
        Write("solutions/Task2_Beta/BetaHelper.cs", "public class BetaHelper { }\n");
        WriteManifest(Entry(1, "Alpha"), """{ "id": 2, "name": "Beta", "points": 20, "enabled": true, "bonus": false, "thresholds": {} }""");

        var beta = Load().Tasks[1];

        beta.Files.Stub.ShouldBe(["exercises/Task2_Beta/Beta.cs", "exercises/Task2_Beta/BetaHelper.cs"]);
        beta.Files.Solution.ShouldBe(["solutions/Task2_Beta/Beta.cs", "solutions/Task2_Beta/BetaHelper.cs"]);
        beta.Files.PublicTests.ShouldBe(["tests/Task2_Beta/BetaTests.cs"]);
        beta.Files.HiddenTests.ShouldBe(["hidden-tests/Task2_Beta/BetaHiddenTests.cs"]);
    }

    [Test]
    public void A_task_without_files_or_a_folder_is_refused()
    {
        WriteManifest(Entry(1, "Alpha"), """{ "id": 2, "name": "Beta", "points": 20, "enabled": true, "bonus": false, "thresholds": {} }""");

        Error().ShouldBe($"the assignment manifest {Manifest}: task 2 (Beta) has no \"files\" and exercises/Task2_Beta/ has no .cs file; add the folder or list the files");
    }

    [Test]
    public void A_student_template_without_solutions_hidden_tests_or_a_disabled_tasks_public_tests_loads()
    {
        WriteTask(2, "Beta");
        WriteManifest(Entry(1, "Alpha"), Entry(2, "Beta", enabled: false));
        Directory.Delete(Path.Combine(_root, "solutions"), recursive: true);
        Directory.Delete(Path.Combine(_root, "hidden-tests"), recursive: true);
        Directory.Delete(Path.Combine(_root, "tests", "Task2_Beta"), recursive: true);

        Load().Tasks.Count.ShouldBe(2);
    }

    [Test]
    public void A_hidden_test_the_judge_lists_for_a_task_the_manifest_does_not_list_is_refused()
    {
        var error = Should.Throw<GradingException>(() => TaskDefinitions.CheckListed(Load(), [new ListedTest(1, 0, "Works", 1), new ListedTest(3, 0, "Gamma works", 1)]));

        error.Message.ShouldBe("the hidden test Gamma works is in task 3 ([GradedTask(3)]), which grader/assignment.json does not list; add the task's entry there");
    }

    private string Manifest => Path.Combine(_root, "grader", "assignment.json");

    private Manifest Load() => KitManifest.Load(new KitLayout(_root));

    private string Error()
    {
        var message = Should.Throw<GradingException>(Load).Message;
        message.ShouldNotContain('\n');
        return message;
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>A task's four files in its TaskN_Name folders: a class, its reference, a public test and a hidden test.</summary>
    private void WriteTask(int id, string name)
    {
        Write($"exercises/Task{id}_{name}/{name}.cs", $"public class {name} {{ }}\n");
        Write($"solutions/Task{id}_{name}/{name}.cs", $"public class {name} {{ }}\n");
        Write($"tests/Task{id}_{name}/{name}Tests.cs", $"[GradedTask({id}, \"{name}\")]\npublic class {name}Tests {{ [Test] public void Works() {{ }} }}\n");
        Write($"hidden-tests/Task{id}_{name}/{name}HiddenTests.cs",
            $"[GradedTask({id})]\npublic sealed class {name}HiddenTests\n{{\n    [GradedTest(2)]\n    public void Works(GradingContext context) {{ }}\n}}\n");
    }

    private static string Entry(int id, string name, string? folder = null, string? stub = null, string? solution = null, string? hiddenTests = null, bool enabled = true)
    {
        folder ??= $"Task{id}_{name}";
        var file = folder[(folder.IndexOf('_') + 1)..];
        return $$"""
            { "id": {{id}}, "name": "{{name}}", "points": 20, "enabled": {{(enabled ? "true" : "false")}}, "bonus": false, "thresholds": {},
              "files": {
                "stub": {{stub ?? $"[\"exercises/{folder}/{file}.cs\"]"}},
                "solution": {{solution ?? $"[\"solutions/{folder}/{file}.cs\"]"}},
                "publicTests": ["tests/{{folder}}/{{file}}Tests.cs"],
                "hiddenTests": {{hiddenTests ?? $"[\"hidden-tests/{folder}/{file}HiddenTests.cs\"]"}}
              } }
            """;
    }

    private void WriteManifest(params string[] entries) =>
        Write("grader/assignment.json", $$"""{ "defaultSeed": 1, "tasks": [{{string.Join(",\n", entries)}}] }""");
}
