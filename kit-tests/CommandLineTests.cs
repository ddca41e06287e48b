using System.Globalization;

namespace Coursework.Grading.Tests;

public class CommandLineTests
{
    [Test]
    public void An_unknown_option_is_one_line_on_stderr_and_exit_code_2()
    {
        var outcome = GraderProcess.Run("--no-such-option");

        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.Trim().Split('\n').Length.ShouldBe(1, outcome.StandardError);
        outcome.StandardError.ShouldContain("--no-such-option");
    }

    [Test]
    public void Redirected_output_never_breaks_a_message_and_a_compile_error_says_no_test_ran()
    {
        // A compile error whose message is longer than any console width the grader ever set (160 columns).
        InTemporaryFolder("long-message-", folder =>
        {
            var name = "a" + new string('x', 200);
            var affine = File.ReadAllText(Path.Combine(GraderProcess.KitRoot, "exercises", "Task1_Affine", "Affine.cs"));
            var at = affine.IndexOf("throw new NotImplementedException", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "Affine.cs"), affine.Insert(at, $"var _ = {name}; "));

            var outcome = GraderProcess.Run("--submission", folder, "--tasks", "1", "--out", Path.Combine(folder, "out", "result.json"));

            outcome.StandardOutput.Split('\n').ShouldContain(line => line.Contains($"CS0103: The name '{name}' does not exist in the current context", StringComparison.Ordinal), outcome.StandardOutput);
            outcome.StandardOutput.ShouldContain("No test ran, hidden or public: fix the compile errors above (dotnet build shows them too), then grade again.");
            outcome.StandardOutput.ShouldNotContain("not why");
        });
    }

    [Test]
    public void The_reference_is_graded_into_a_result_of_its_own_not_the_students()
    {
        InTemporaryFolder("solutions-out-", folder =>
        {
            var outcome = GraderProcess.Dotnet(folder, TimeSpan.FromMinutes(10), Path.Combine(AppContext.BaseDirectory, "Coursework.Grader.dll"), "--solutions", "--tasks", "2");

            outcome.ExitCode.ShouldBe(0, outcome.StandardError);
            File.Exists(Path.Combine(folder, "grading", "solutions", "result.json")).ShouldBeTrue(outcome.StandardOutput);
            File.Exists(Path.Combine(folder, "grading", "solutions", "report.md")).ShouldBeTrue();
            File.Exists(Path.Combine(folder, "grading", "result.json")).ShouldBeFalse();
            outcome.StandardOutput.ShouldContain($"Result written to {Path.Combine("grading", "solutions", "result.json")}");
        });
    }

    /// <summary>Runs a test's body in a new temporary folder, removed afterwards.</summary>
    private static void InTemporaryFolder(string prefix, Action<string> body)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        try
        {
            body(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_missing_submission_folder_is_one_line_on_stderr_and_exit_code_2()
    {
        var outcome = GraderProcess.Run("--submission", "/no/such/folder");

        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.Trim().ShouldBe("grader: the submission folder '/no/such/folder' does not exist");
    }

    [Test]
    public void A_timeout_that_is_not_a_positive_number_is_refused()
    {
        var outcome = GraderProcess.Run("--solutions", "--test-timeout", "0");

        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.ShouldContain("--test-timeout must be a positive number of seconds");
    }

    [Test]
    public void A_seed_that_is_not_a_whole_number_is_named_in_the_error()
    {
        var outcome = GraderProcess.Run("--seed", "abc");

        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.Trim().ShouldBe("grader: --seed must be a whole number, not 'abc' (see --help)");
    }

    [Test]
    public void An_empty_task_list_is_refused_rather_than_graded_as_full_marks()
    {
        var outcome = GraderProcess.Run("--solutions", "--tasks", " , ");

        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.ShouldContain("--tasks: no task given");
    }

    [Test]
    public void An_unknown_task_id_is_refused_with_the_ids_there_are()
    {
        var unknown = KitTasks.UnknownId.ToString(CultureInfo.InvariantCulture);
        var outcome = GraderProcess.Run("--solutions", "--tasks", $"1,{unknown}");

        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.ShouldContain($"--tasks: '{unknown}' is not a task id (the tasks are {KitTasks.Ids(KitTasks.Manifest.Tasks)}, or 'all')");
    }

    [Test]
    public void A_roster_without_the_key_column_is_refused_in_one_line_before_any_grading()
    {
        var folder = Directory.CreateTempSubdirectory("roster-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "submissions", "alice"));
        var roster = Path.Combine(folder, "roster.csv");
        File.WriteAllText(roster, "Student,ID,Section\nAlice,1,A\n");

        var outcome = GraderProcess.Run("batch", Path.Combine(folder, "submissions"), "--out", Path.Combine(folder, "out"), "--gradebook", "canvas", "--roster", roster);

        Directory.Delete(folder, recursive: true);
        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.Trim().ShouldBe($"grader: --roster: '{roster}' has no column 'SIS Login ID' (its columns: Student, ID, Section); --roster-key names the column that holds the submission names");
    }

    [Test]
    public void A_gradebook_for_an_lms_the_grader_does_not_know_is_refused()
    {
        var outcome = GraderProcess.Run("batch", "/tmp", "--out", "/tmp/out", "--gradebook", "blackboard", "--roster", "roster.csv");

        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.Trim().Split('\n').Length.ShouldBe(1, outcome.StandardError);
        outcome.StandardError.Trim().ShouldBe("grader: --gradebook must be canvas or moodle, not 'blackboard' (see --help)");
    }

    [Test]
    public void A_gradebook_without_a_roster_is_refused()
    {
        var outcome = GraderProcess.Run("batch", "/tmp", "--out", "/tmp/out", "--gradebook", "moodle");

        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.Trim().ShouldStartWith("grader: --gradebook moodle needs --roster");
    }
}
