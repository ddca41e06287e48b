using System.Globalization;
using System.Text;
using Coursework.Grading.Results;

namespace Coursework.Grading.Reporting;

/// <summary>The same report in GitHub markdown, for the job summary of the Classroom workflow.</summary>
internal static class MarkdownReport
{
    /// <summary>The report.</summary>
    /// <param name="result">The graded result.</param>
    /// <param name="pictures">Pictures beside the report to link from their training tests' sections; null for none.</param>
    /// <returns>Markdown.</returns>
    public static string Render(GradingResult result, IReadOnlyList<Picture>? pictures = null)
    {
        var md = new StringBuilder();
        md.AppendLine($"## Grade: {Points.Of(result.Score, result.MaxScore)}");
        md.AppendLine();
        md.AppendLine($"Graded {Escape(result.Code)} with seed {result.Seed}{Isolation(result.Sandbox)}.");
        if (result.SubmittedFiles is { } files)
        {
            md.AppendLine(files.Count == 0
                ? "No exercise file came from the submission: everything graded is the untouched skeleton."
                : $"From the submission: {Escape(string.Join(", ", files))}; every other exercise file is the untouched skeleton.");
        }

        md.AppendLine();
        if (result.Status == "error")
        {
            md.AppendLine($"**{Escape(result.Message ?? "The code could not be graded.")}**");
            md.AppendLine();
            md.AppendLine("```");
            foreach (var error in result.Errors.Take(20))
            {
                md.AppendLine(error.ToString());
            }

            md.AppendLine("```");
            md.AppendLine();
        }

        md.AppendLine("| Task | Tests passed | Points |");
        md.AppendLine("|---|---:|---:|");
        foreach (var task in result.Tasks)
        {
            var passed = task.Tests.Count(test => test.Status == "pass");
            md.AppendLine($"| {task.Id}. {Escape(task.Name)}{(task.Bonus ? " (bonus)" : "")} | {(task.Tests.Count == 0 ? "-" : $"{passed} / {task.Tests.Count}")} | {Points.Of(task.Score, task.MaxScore)} |");
        }

        md.AppendLine($"| **Total** | | **{Points.Of(result.Score, result.MaxScore)}** |");
        foreach (var task in result.Tasks.Where(task => task.Failed.Any()))
        {
            md.AppendLine();
            md.AppendLine($"### Task {task.Id}. {Escape(task.Name)}: {Points.Of(task.Score, task.MaxScore)}");
            md.AppendLine();
            foreach (var group in task.Failed.GroupBy(test => test.Message))
            {
                var names = string.Join(", ", group.Select(test => $"**{Escape(test.Name)}** (−{Points.Format(test.MaxScore)})"));
                md.AppendLine($"- ❌ {names}: {Escape(group.Key ?? "(details hidden)")}");
                foreach (var output in group.Select(test => test.Output).OfType<string>().Distinct().Take(1))
                {
                    md.AppendLine($"  <details><summary>What your code printed</summary>\n\n  ```\n  {output.Replace("\n", "\n  ")}\n  ```\n  </details>");
                }
            }
        }

        foreach (var task in result.Tasks)
        {
            foreach (var test in task.Tests.Where(test => test.Training is not null))
            {
                AppendTraining(md, task, test, test.Training!);
                foreach (var picture in pictures?.Where(picture => picture.TaskId == task.Id && picture.TestName == test.Name) ?? [])
                {
                    md.AppendLine();
                    md.AppendLine($"![{Escape(picture.Caption)}]({picture.Link})");
                }
            }
        }

        return md.ToString();
    }

    /// <summary>The loss curve as a Mermaid chart (GitHub renders it, <see cref="LossChart"/>) and the confusion matrix as a table.</summary>
    private static void AppendTraining(StringBuilder md, TaskResult task, TestResult test, Protocol.TrainingRecord training)
    {
        md.AppendLine();
        md.AppendLine($"### Training: task {task.Id}. {Escape(task.Name)}");
        md.AppendLine();
        md.AppendLine($"_{Escape(test.Name)}_{(training.Metric is { } metric ? Invariant($": {training.MetricName} {metric:G3}") : "")}");
        md.Append(LossChart.Markdown(training));

        if (training.ConfusionMatrix is { Length: > 0 } counts)
        {
            md.AppendLine();
            md.AppendLine("Confusion matrix on the held-out samples (rows: true class, columns: predicted class):");
            md.AppendLine();
            var classes = Enumerable.Range(0, counts.Length).ToArray();
            md.AppendLine($"| true \\ predicted | {string.Join(" | ", classes)} |");
            md.AppendLine($"|---|{string.Concat(classes.Select(_ => "---:|"))}");
            foreach (var actual in classes)
            {
                var cells = classes.Select(predicted => actual == predicted ? $"**{counts[actual][predicted]}**" : counts[actual][predicted] == 0 ? "·" : $"{counts[actual][predicted]}");
                md.AppendLine($"| **{actual}** | {string.Join(" | ", cells)} |");
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("<", "&lt;").Replace("\n", " ");

    /// <summary>How student code was isolated, as a clause of the report's first line.</summary>
    private static string Isolation(string? tier) => tier switch
    {
        "namespaces" => "; student code ran in the bubblewrap sandbox",
        "container" => "; student code ran in the container sandbox (a user of its own; no namespaces here)",
        "none" => "; student code ran without a sandbox",
        _ => "",
    };
}
