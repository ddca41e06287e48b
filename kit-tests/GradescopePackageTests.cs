using System.IO.Compression;
using System.Text.Json;

namespace Coursework.Grading.Tests;

/// <summary>
/// <c>publish --gradescope FILE.zip</c>, tried as Gradescope uses it: the zip unpacked into a simulated /autograder/source
/// (AUTOGRADER_ROOT), setup.sh run once (it installs nothing here: bubblewrap and the SDK are already on this machine),
/// then run_autograder, copied to /autograder as Gradescope does, for each submission in /autograder/submission, with
/// student code in the sandbox. Tasks 1 and 2 only, to keep it short (COURSEWORK_GRADER_OPTIONS).
/// </summary>
/// <remarks>
/// Twice: on this machine (bubblewrap works: the namespaces tier), and as in Gradescope's Docker container, where new
/// namespaces are forbidden: both scripts as root under Docker's default seccomp profile and capabilities
/// (Platforms/docker-like), run_autograder in a control group of Gradescope's default 768 MB (Platforms/memory-limited),
/// so the container tier grades.
/// </remarks>
[TestFixture(false, TestName = "On a machine with namespaces")]
[TestFixture(true, TestName = "In a Docker-like container of 768 MB")]
[NonParallelizable] // it builds a copy of the kit and grades in it
public class GradescopePackageTests(bool likeDocker)
{
    private string _root = null!;
    private string _zip = null!;
    private GraderProcess.Outcome _setup = null!;

    /// <summary>What tasks 1 and 2, the ones graded here, are worth together.</summary>
    private static decimal TasksOneAndTwo => (decimal)(KitTasks.Task(1).Points + KitTasks.Task(2).Points);

    private Dictionary<string, string> Settings => new()
    {
        ["AUTOGRADER_ROOT"] = _root,
        ["COURSEWORK_GRADER_OPTIONS"] = "--tasks 1,2",
    };

    [OneTimeSetUp]
    public void UnpackAndSetUp()
    {
        if (likeDocker && GraderProcess.CannotSimulateDocker() is { } reason)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"CI must prove the Gradescope package in a Docker-like container: {reason}");
            }

            Assert.Ignore(reason);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"gradescope-{Environment.ProcessId}-{(likeDocker ? "container" : "namespaces")}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        _root = Path.Combine(folder, "autograder");
        _zip = Path.Combine(folder, "autograder.zip");
        var publish = GraderProcess.Run("publish", "--gradescope", _zip);
        publish.ExitCode.ShouldBe(0, publish.StandardError);

        Directory.CreateDirectory(Path.Combine(_root, "source"));
        var unzip = GraderProcess.Program("unzip", _root, TimeSpan.FromMinutes(2), null, "-q", _zip, "-d", Path.Combine(_root, "source"));
        unzip.ExitCode.ShouldBe(0, unzip.StandardError);
        _setup = likeDocker
            ? GraderProcess.Program(GraderProcess.DockerLike, _root, TimeSpan.FromMinutes(15), Settings, "bash", Path.Combine(_root, "source", "setup.sh"))
            : GraderProcess.Program("bash", _root, TimeSpan.FromMinutes(15), Settings, Path.Combine(_root, "source", "setup.sh"));
        File.Copy(Path.Combine(_root, "source", "run_autograder"), Path.Combine(_root, "run_autograder"));
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);

    /// <summary>Runs run_autograder on a fresh /autograder/submission (null: none at all) and reads results.json.</summary>
    private JsonElement Grade(Action<string>? submit, string? graderOptions = null)
    {
        var submission = Path.Combine(_root, "submission");
        if (Directory.Exists(submission))
        {
            Directory.Delete(submission, recursive: true);
        }

        if (submit is not null)
        {
            Directory.CreateDirectory(submission);
            submit(submission);
        }

        var script = Path.Combine(_root, "run_autograder");
        var settings = Settings;
        if (graderOptions is not null)
        {
            settings["COURSEWORK_GRADER_OPTIONS"] = graderOptions;
        }

        var run = likeDocker
            ? GraderProcess.Program(Path.Combine(GraderProcess.KitRoot, "kit-tests", "Platforms", "memory-limited"), _root, TimeSpan.FromMinutes(10), settings, "768", GraderProcess.DockerLike, script)
            : GraderProcess.Program(script, _root, TimeSpan.FromMinutes(10), settings);
        run.ExitCode.ShouldBe(0, run.StandardOutput + run.StandardError);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "results", "results.json")));
        return results.RootElement.Clone();
    }

    [Test]
    public void The_zip_has_the_two_scripts_executable_at_its_root_and_the_kit_with_hidden_tests_and_reference()
    {
        using var zip = ZipFile.OpenRead(_zip);
        var names = zip.Entries.Select(entry => entry.FullName).ToList();
        foreach (var script in new[] { "setup.sh", "run_autograder" })
        {
            ((zip.GetEntry(script)!.ExternalAttributes >> 16) & 0b111_111_111).ShouldBe(0b111_101_101, script);
        }

        names.ShouldContain("hidden-tests/Task1_Affine/AffineHiddenTests.cs");
        names.ShouldContain("judge/Oracles/Naive.cs");
        names.ShouldContain("solutions/Task1_Affine/Affine.cs");
        names.ShouldContain("exercises/Task1_Affine/Affine.cs");
        names.ShouldNotContain(name => name.StartsWith("kit-tests/") || name.StartsWith(".git/") || name.StartsWith("bench/") || name.Contains("/obj/") || name.StartsWith("artifacts/"));
        names.ShouldContain("LICENSE");
        names.ShouldNotContain(name => name.StartsWith("docs/") || name == "CONTRIBUTING.md" || name == "CHANGELOG.md");
    }

    [Test]
    public void Setup_builds_the_grader_gives_the_reference_full_marks_and_finds_the_sandbox_working()
    {
        _setup.ExitCode.ShouldBe(0, _setup.StandardOutput + _setup.StandardError);
        _setup.StandardOutput.ShouldContain("Full marks.");
        _setup.StandardOutput.ShouldContain(likeDocker ? "setup: sandbox: container (" : "setup: sandbox: namespaces");
        _setup.StandardOutput.ShouldNotContain("installing");
    }

    [Test]
    public void Correct_files_get_full_marks_with_one_test_per_hidden_test()
    {
        var results = Grade(submission => SubmissionFolders.Reference(submission));

        results.GetProperty("score").GetDecimal().ShouldBe(TasksOneAndTwo);
        results.GetProperty("tests").GetArrayLength().ShouldBe(15, "tasks 1 and 2 have 8 and 7 hidden tests");
        results.GetProperty("tests").EnumerateArray().ShouldAllBe(test => test.GetProperty("status").GetString() == "passed");
    }

    [Test]
    public void A_bug_in_a_repository_submitted_from_github_costs_points_in_its_task_only()
    {
        var results = Grade(submission =>
        {
            var repository = Path.Combine(submission, "exercises");
            var files = SubmissionFolders.Scenario(Path.Combine(submission, "files"), "affine-forward-without-bias");
            foreach (var (task, file) in new[] { ("Task1_Affine", "Affine.cs"), ("Task2_ReLU", "ReLU.cs") })
            {
                Directory.CreateDirectory(Path.Combine(repository, task));
                File.Move(Path.Combine(files, file), Path.Combine(repository, task, file));
            }

            Directory.Delete(files, recursive: true);
        });

        results.GetProperty("score").GetDecimal().ShouldBeInRange((decimal)KitTasks.Task(2).Points + 0.01m, TasksOneAndTwo - 0.01m);
        var tests = results.GetProperty("tests").EnumerateArray().ToList();
        tests.Where(test => test.GetProperty("number").GetString()!.StartsWith("2.")).ShouldAllBe(test => test.GetProperty("status").GetString() == "passed");
        tests.ShouldContain(test => test.GetProperty("status").GetString() == "failed");
    }

    [Test]
    public void A_partial_submission_gets_the_per_task_scores_it_gets_with_submission_in_the_kit()
    {
        var files = SubmissionFolders.Partial(Path.Combine(Path.GetTempPath(), $"partial-{Guid.NewGuid():N}"));
        try
        {
            var expected = SubmissionFolders.KitScores(files);
            var results = Grade(submission => SubmissionFolders.Partial(submission), graderOptions: "");

            // Gradescope's tests are numbered TASK.TEST; a task's score is the sum of its tests'.
            var actual = results.GetProperty("tests").EnumerateArray()
                .GroupBy(test => int.Parse(test.GetProperty("number").GetString()!.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture))
                .ToDictionary(task => task.Key, task => task.Sum(test => test.GetProperty("score").GetDecimal()));
            actual.ShouldBe(expected);
            expected[4].ShouldBe(35m, "task 4 loses nothing for the bug in the Affine it builds on");
        }
        finally
        {
            Directory.Delete(files, recursive: true);
        }
    }

    [Test]
    public void Code_that_does_not_compile_gets_0_and_the_compilers_message()
    {
        var results = Grade(submission =>
        {
            var reference = File.ReadAllText(Path.Combine(GraderProcess.KitRoot, "solutions", "Task1_Affine", "Affine.cs"));
            File.WriteAllText(Path.Combine(submission, "Affine.cs"), reference.Replace("public sealed class Affine", "public sealed clas Affine", StringComparison.Ordinal));
        });

        results.GetProperty("score").GetDecimal().ShouldBe(0m);
        results.GetProperty("output").GetString()!.ShouldContain("does not compile");
        results.GetProperty("output").GetString()!.ShouldContain("Affine.cs");
    }

    [Test]
    public void Student_code_cannot_read_the_autograder_or_write_the_results()
    {
        var source = Path.Combine(_root, "source");
        var results = Grade(submission =>
        {
            var reference = File.ReadAllText(Path.Combine(GraderProcess.KitRoot, "solutions", "Task1_Affine", "Affine.cs"));
            // Forward reports what it could reach of the autograder, through the feedback, then fails.
            var probe = $$"""
                {
                    string Try(System.Func<string> read) { try { return read().Length > 0 ? "read" : "empty"; } catch (System.Exception e) { return e.GetType().Name; } }
                    throw new System.InvalidOperationException(
                        "solution: " + Try(() => System.IO.File.ReadAllText(@"{{source}}/solutions/Task1_Affine/Affine.cs")) +
                        "; source listing: " + Try(() => string.Join(",", System.IO.Directory.GetFiles(@"{{source}}"))) +
                        "; results written: " + Try(() => { System.IO.File.WriteAllText(@"{{_root}}/results/results.json", "{\"score\": 100}"); return "yes"; }));
                }
                """;
            var forward = reference.IndexOf("Forward(", StringComparison.Ordinal);
            var body = reference.IndexOf('{', forward);
            File.WriteAllText(Path.Combine(submission, "Affine.cs"), reference[..body] + probe + reference[(reference.IndexOf("\n    }", body, StringComparison.Ordinal) + 6)..]);
        });

        var output = JsonSerializer.Serialize(results);
        output.ShouldContain("solution: ");
        output.ShouldNotContain("solution: read");
        output.ShouldNotContain("source listing: read");
        output.ShouldNotContain("results written: yes");
        results.GetProperty("score").GetDecimal().ShouldBeLessThan(TasksOneAndTwo);
    }

    [Test]
    public void No_submission_or_no_exercise_file_gets_0_and_says_why()
    {
        var none = Grade(null);
        none.GetProperty("score").GetDecimal().ShouldBe(0m);
        none.GetProperty("output").GetString().ShouldBe("Nothing was submitted.");

        var notes = Grade(submission => File.WriteAllText(Path.Combine(submission, "notes.txt"), "I ran out of time"));
        notes.GetProperty("score").GetDecimal().ShouldBe(0m);
        notes.GetProperty("output").GetString()!.ShouldStartWith("Your submission could not be graded: no exercise file in the submission (expected Affine.cs");
        notes.GetProperty("tests").GetArrayLength().ShouldBe(0);
    }
}
