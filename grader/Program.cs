// The grader: `dotnet run --project grader` grades exercises/; `-- --help` lists the options and the
// instructors' commands (publish, batch, merge, collect).
using Coursework.Grading.Commands;

return Cli.Run(args, Console.Error);
