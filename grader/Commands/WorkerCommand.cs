using System.CommandLine;

namespace Coursework.Grading.Commands;

/// <summary>
/// <c>worker</c> (batch starts it; not for people): grades one submission after another in one long-lived process, so
/// that the compiler is loaded and warmed up once per batch rather than once per submission. It reads one
/// <see cref="WorkerJob"/> per line on standard input and answers each with one <see cref="WorkerReply"/> line. A
/// worker runs no student code (each grading starts its own judges and sandboxed hosts, as a grading always does);
/// batch stops a worker that outlives a submission's time limit and starts another.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "Grades the submissions batch sends it, one per line of standard input (used by batch).") { Hidden = true };
        command.SetAction(_ =>
        {
            var replies = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
            // The console reports of the gradings are not wanted: each result file has it all. Spectre's console was
            // made on the real standard output before this ran (Cli sets its width), so it is replaced too: a report
            // line on standard output would break the replies.
            Console.SetOut(TextWriter.Null);
            Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(
                new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(TextWriter.Null) });
            while (Console.In.ReadLine() is { } line)
            {
                var job = WorkerJob.FromLine(line) ?? throw new GradingException("worker: a line that is not a job");
                var error = new StringWriter();
                Environment.CurrentDirectory = job.Directory;
                int exit;
                try
                {
                    exit = Cli.Run([.. job.Arguments], error);
                }
                catch (Exception exception)
                {
                    // A bug of the grader's own, not the student's: that submission is reported as not graded.
                    error.WriteLine($"grader: {exception.GetType().Name}: {exception.Message}");
                    exit = 1;
                }

                replies.WriteLine(new WorkerReply(exit, error.ToString()).ToLine());
            }

            return 0;
        });
        return command;
    }
}
