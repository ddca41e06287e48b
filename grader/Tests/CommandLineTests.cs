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
    public void A_missing_submission_folder_is_one_line_on_stderr_and_exit_code_1()
    {
        var outcome = GraderProcess.Run("--submission", "/no/such/folder");

        outcome.ExitCode.ShouldBe(1);
        outcome.StandardError.Trim().ShouldBe("grader: the submission folder '/no/such/folder' does not exist");
    }

    [Test]
    public void A_timeout_that_is_not_a_positive_number_is_refused()
    {
        var outcome = GraderProcess.Run("--solutions", "--test-timeout", "0");

        outcome.ExitCode.ShouldBe(1);
        outcome.StandardError.ShouldContain("--test-timeout must be a positive number of seconds");
    }
}
