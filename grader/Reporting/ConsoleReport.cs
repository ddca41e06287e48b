using System.Globalization;
using Coursework.Grading.Results;
using Spectre.Console;

namespace Coursework.Grading.Reporting;

/// <summary>The report a student reads in the terminal or the CI log.</summary>
internal static class ConsoleReport
{
    public static void Write(IAnsiConsole console, GradingResult result, string resultPath)
    {
        console.WriteLine();
        if (result.Status == "error")
        {
            WriteCompileErrors(console, result);
        }

        console.MarkupLine($"[bold]Grade for {Markup.Escape(result.Code)}[/] (seed {result.Seed})");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Task").AddColumn(new TableColumn("Tests passed").RightAligned()).AddColumn(new TableColumn("Points").RightAligned());
        foreach (var task in result.Tasks)
        {
            var passed = task.Tests.Count(test => test.Status == "pass");
            var color = task.Score == task.MaxScore ? "green" : task.Score > 0 ? "yellow" : "red";
            table.AddRow(
                $"{task.Id}. {Markup.Escape(task.Name)}{(task.Bonus ? " (bonus)" : "")}",
                task.Tests.Count == 0 ? "-" : $"{passed} / {task.Tests.Count}",
                $"[{color}]{Points.Of(task.Score, task.MaxScore)}[/]");
        }

        table.AddRow("[bold]Total[/]", string.Empty, $"[bold]{Points.Of(result.Score, result.MaxScore)}[/]");
        console.Write(table);
        foreach (var (task, training) in result.Tasks.SelectMany(task => task.Tests.Select(test => (task, test.Training)))
                     .Where(pair => pair.Training is { Loss.Count: > 1 }))
        {
            var metric = training!.Metric is { } value ? $"; {training.MetricName} {Short(value)}" : "";
            console.MarkupLine(Markup.Escape(
                $"Training in task {task.Id}: {training.LossName ?? "loss"} {Short(training.Loss[0])} at epoch {training.Epochs[0]} → {Short(training.Loss[^1])} at epoch {training.Epochs[^1]}{metric} (the curve is in report.md)."));
        }

        foreach (var task in result.Tasks.Where(task => task.Failed.Any()))
        {
            console.WriteLine();
            console.MarkupLine($"[bold]Task {task.Id}. {Markup.Escape(task.Name)}[/]: {Points.Of(task.Score, task.MaxScore)}, lost points in:");
            // Tests that failed for the same reason (often "not implemented yet") share one message.
            foreach (var group in task.Failed.GroupBy(test => test.Message))
            {
                foreach (var test in group)
                {
                    console.MarkupLine($"  [red]✗[/] {Markup.Escape(test.Name)} [grey](-{Points.Format(test.MaxScore)})[/]");
                }

                console.MarkupLine($"      {Markup.Escape(group.Key ?? "(details hidden)")}");
                foreach (var output in group.Select(test => test.Output).OfType<string>().Distinct().Take(1))
                {
                    console.MarkupLine("      [grey]Your code printed:[/]");
                    foreach (var line in output.Split('\n').Take(10))
                    {
                        console.MarkupLine($"      [grey]| {Markup.Escape(line)}[/]");
                    }
                }
            }
        }

        console.WriteLine();
        // "error" is a compile error (Grader.NotCompiled): no test ran, so there is nothing hidden to speak of.
        console.MarkupLine(result.Status == "pass"
            ? "[green]Full marks.[/]"
            : result.Status == "error"
                ? "No test ran, hidden or public: fix the compile errors above ([bold]dotnet build[/] shows them too), then grade again."
            : result.Tasks.SelectMany(task => task.Failed).Any(test => test.Message is not null)
                ? "Run [bold]dotnet test[/] for the public tests; the messages above say what the hidden tests found."
                : "Run [bold]dotnet test[/] for the public tests; this assignment shows only which hidden tests failed, not why.");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]Result written to {Markup.Escape(resultPath)} in {result.DurationSeconds:0.0} s.[/]"));
    }

    /// <summary>Four decimals, or three significant digits for small values, which four decimals would show as 0.</summary>
    private static string Short(double value) =>
        value.ToString(value != 0 && Math.Abs(value) < 1e-3 ? "0.##E+0" : "0.####", CultureInfo.InvariantCulture);

    private static void WriteCompileErrors(IAnsiConsole console, GradingResult result)
    {
        console.MarkupLine($"[red]{Markup.Escape(result.Message ?? "The code could not be graded.")}[/]");
        foreach (var error in result.Errors.Take(20))
        {
            console.MarkupLine($"  [red]{Markup.Escape(error.File)}[/]({error.Line},{error.Column}): {Markup.Escape(error.Code)}: {Markup.Escape(error.Message)}");
        }

        console.WriteLine();
    }
}
