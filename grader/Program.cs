// The grader: `dotnet run --project grader` grades exercises/; `-- --help` lists the options and the
// instructors' commands (publish, batch, merge, collect).
using System.CommandLine;
using Coursework.Grading;
using Coursework.Grading.Commands;

var root = new RootCommand("Grades the coursework with hidden tests and writes a report and a JSON result.");
GradeCommand.Configure(root);
root.Subcommands.Add(PublishCommand.Create());
root.Subcommands.Add(BatchCommand.Create());
root.Subcommands.Add(MergeCommand.Create());
root.Subcommands.Add(CollectCommand.Create());

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    Console.Error.WriteLine($"grader: {parseResult.Errors[0].Message} (see --help)");
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
    Console.Error.WriteLine($"grader: {exception.Message}");
    return exception is UsageException ? 2 : 1;
}
finally
{
    Console.Out.Write(help.ToString().Replace("  Coursework.Grader ", "  dotnet run --project grader -- ", StringComparison.Ordinal));
}
