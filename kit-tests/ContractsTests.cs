
namespace Coursework.Grading.Tests;

/// <summary>The messages between the kit's processes (contracts/): what one side writes, the other reads back.</summary>
public sealed class ContractsTests
{
    [Test]
    public void The_judge_reads_back_the_arguments_the_grader_writes()
    {
        var written = new JudgeArguments(JudgeArguments.Run, "/work/judge-1.jsonl", "/kit/grader/assignment.json", "/work/host-main",
            "container", 123456, 512, 270, ["Affine", "ReLU"], Task: 4, From: 3, OutputLimit: 100);

        var read = JudgeArguments.Parse([.. written.ToArguments()]).ShouldNotBeNull();

        (read with { Serve = written.Serve }).ShouldBe(written);
        read.Serve.ShouldBe(["Affine", "ReLU"]);
    }

    [Test]
    public void Defaults_are_the_shared_limits_and_need_no_argument()
    {
        var arguments = new JudgeArguments(JudgeArguments.Run, "r.jsonl", Host: "host").ToArguments();

        arguments.ShouldNotContain("--output-limit");
        arguments.ShouldNotContain("--task");
        var read = JudgeArguments.Parse([.. arguments]).ShouldNotBeNull();
        read.MemoryMegabytes.ShouldBe(Limits.MemoryMegabytes);
        read.CpuSeconds.ShouldBe(Limits.HostCpuSeconds);
        read.OutputLimit.ShouldBe(Limits.OutputCharacters);
        read.Serve.ShouldBeEmpty();
        read.Task.ShouldBeNull();
    }

    [TestCase("")]
    [TestCase("grade --results r")]
    [TestCase("run --results r")]
    [TestCase("list")]
    [TestCase("list --results")]
    [TestCase("run --results r --host h --memory-limit lots")]
    public void Arguments_that_are_not_the_contracts_are_refused(string commandLine) =>
        JudgeArguments.Parse(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ShouldBeNull();

    [Test]
    public void A_task_line_reads_back_and_other_lines_are_ignored()
    {
        JudgeArguments.ParseTaskLine(JudgeArguments.TaskLine(4, 12)).ShouldBe((4, 12));
        JudgeArguments.TaskLine(4, 12).ShouldBe("4 12");
        JudgeArguments.ParseTaskLine("").ShouldBeNull();
        JudgeArguments.ParseTaskLine("4").ShouldBeNull();
        JudgeArguments.ParseTaskLine("4 x").ShouldBeNull();
        JudgeArguments.ParseTaskLine("4 1 2").ShouldBeNull();
    }

    [Test]
    public void Events_and_statuses_travel_as_the_lowercase_words()
    {
        var line = new TestEvent { Event = EventKind.End, Task = 2, Index = 0, Status = TestStatus.Error }.ToLine();

        line.ShouldContain("\"event\":\"end\"");
        line.ShouldContain("\"status\":\"error\"");
        TestEvent.FromLine(line).ShouldNotBeNull().Status.ShouldBe(TestStatus.Error);
        TestEvent.FromLine("{\"event\":\"finished\"}").ShouldBeNull();
        Enum.GetValues<TestStatus>().Select(status => status.Name()).ShouldBe(["pass", "fail", "error"]);
    }

    [Test]
    public void A_worker_reads_back_the_job_batch_writes_and_batch_the_reply()
    {
        var job = WorkerJob.FromLine(new WorkerJob("/subs/alice", ["--out", "a b.json"]).ToLine()).ShouldNotBeNull();
        job.Directory.ShouldBe("/subs/alice");
        job.Arguments.ShouldBe(["--out", "a b.json"]);

        var reply = WorkerReply.FromLine(new WorkerReply(1, "grader: line one\nline two").ToLine()).ShouldNotBeNull();
        reply.ShouldBe(new WorkerReply(1, "grader: line one\nline two"));
        WorkerReply.FromLine("{\"exit\":").ShouldBeNull();
    }
}
