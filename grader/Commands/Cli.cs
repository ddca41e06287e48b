using System.CommandLine;
using Spectre.Console;

namespace Coursework.Grading.Commands;

/// <summary>The grader's command line: the grading command, the instructors' commands, and batch's worker.</summary>
internal static class Cli
{
    /// <summary>The console's width when output is redirected: wider than any message or captured line.</summary>
    internal const int RedirectedWidth = 1 << 20;

    /// <summary>The grader's commands and options, as the program parses them (the docs' commands are checked against it).</summary>
    /// <returns>The root command with every subcommand.</returns>
    internal static RootCommand Create()
    {
        var root = new RootCommand("Grades the coursework with hidden tests and writes a report and a JSON result.");
        GradeCommand.Configure(root);
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(CollectCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(SandboxCommand.Create());
        root.Subcommands.Add(WatchCommand.Create());
        return root;
    }

    /// <summary>Runs one command line, as the program does.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="error">Where a failure's one-line message goes.</param>
    /// <returns>The exit code: 0, 1 for a grading that could not run, 2 for a usage error.</returns>
    public static int Run(string[] args, TextWriter error)
    {
        var root = Create();

        // Redirected output (a CI log, a file, a pipe) has no terminal width: Spectre's default of 80 columns would break
        // messages mid-sentence there, so every command's console gets a width no line reaches. Tables are not expanded
        // and so stay as wide as their contents.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Console.Profile.Width = RedirectedWidth;
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            error.WriteLine($"grader: {parseResult.Errors[0].Message} (see --help)");
            return 2;
        }

        // Help shows the usage as people type it, not the program's file name.
        var help = new StringWriter();
        try
        {
            return parseResult.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = help });
        }
        catch (GradingException exception)
        {
            error.WriteLine($"grader: {exception.Message}");
            return exception is UsageException ? 2 : 1;
        }
        finally
        {
            Console.Out.Write(help.ToString().Replace("  Coursework.Grader ", "  dotnet run --project grader -- ", StringComparison.Ordinal));
        }
    }
}
