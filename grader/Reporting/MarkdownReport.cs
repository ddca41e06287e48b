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
    /// <param name="note">A paragraph under the grade; null for none.</param>
    /// <returns>Markdown.</returns>
    public static string Render(GradingResult result, IReadOnlyList<Picture>? pictures = null, string? note = null)
    {
        var md = new StringBuilder();
        md.AppendLine($"## Grade: {Points.Of(result.Score, result.MaxScore)}");
        md.AppendLine();
        if (note is not null)
        {
            md.AppendLine(note);
            md.AppendLine();
        }

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
                // One test keeps its message on its line; several that share a message (ten "not implemented yet")
                // are a list under it, one name a line, rather than one paragraph of bold names.
                var names = group.Select(test => $"**{Escape(test.Name)}** (−{Points.Format(test.MaxScore)})").ToList();
                if (names.Count == 1)
                {
                    md.AppendLine($"- ❌ {names[0]}: {Escape(group.Key ?? "(details hidden)")}");
                }
                else
                {
                    md.AppendLine($"- ❌ {names.Count} tests: {Escape(group.Key ?? "(details hidden)")}");
                    foreach (var name in names)
                    {
                        md.AppendLine($"  - {name}");
                    }
                }

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

    /// <summary>The report where a classroom platform records whole points: <see cref="InWholePoints"/>, rendered.</summary>
    /// <param name="result">The graded result.</param>
    /// <param name="format">classroom (GitHub Classroom's reporter) or classroom50.</param>
    /// <param name="pictures">As for <see cref="Render"/>.</param>
    /// <returns>Markdown.</returns>
    public static string RenderInWholePoints(GradingResult result, string format, IReadOnlyList<Picture>? pictures = null)
    {
        var (shown, note) = InWholePoints(result, format);
        return Render(shown, pictures, note);
    }

    /// <summary>
    /// A result as reports show it where a classroom platform records whole points (<see cref="WholePoints"/>): every
    /// score in those points, so that its total is the number posted, and a sentence saying so and why a display the
    /// kit cannot change may show another number.
    /// </summary>
    /// <param name="result">The graded result.</param>
    /// <param name="format">classroom (GitHub Classroom's reporter) or classroom50.</param>
    /// <returns>The result in whole points, and the sentence for under the grade.</returns>
    public static (GradingResult Result, string Note) InWholePoints(GradingResult result, string format)
    {
        var points = WholePoints.Of(result);
        // Classroom 50's validators refuse a score above its maximum (ResultFormats.Classroom50).
        var posted = format == "classroom50" ? Math.Min(points.Score, points.MaxScore) : points.Score;
        var rounded = result.Score == posted ? ""
            : $", the grader's {Points.Format(result.Score)} points {(posted < points.Score ? "capped at full marks" : "rounded")} and shared out among the tasks and tests by largest remainder";
        var note = format == "classroom50"
            ? $"The grade is {posted} / {points.MaxScore}, the points Classroom 50 records{rounded}."
            : $"The grade is {posted} / {points.MaxScore}, the points posted to GitHub Classroom (\"Points {posted}/{points.MaxScore}\"){rounded}.";
        if (format == "classroom")
        {
            // The reporter's log table (its dist/main.js, getTestScore) shows the share of tests passed times the
            // maximum; a grading with no test gives the reporter one, Compile, which failed.
            var tests = Math.Max(1, result.Tasks.Sum(task => task.Tests.Count));
            var passed = result.Tasks.Sum(task => task.Tests.Count(test => test.Status == "pass"));
            var table = Math.Round((decimal)passed / tests * points.MaxScore, 2, MidpointRounding.AwayFromZero);
            if (table != posted)
            {
                note += $" The reporter's \"Test runner summary\" in the workflow log shows {Points.Format(table)} instead: the share of tests passed ({passed} of {tests}) times {points.MaxScore}, whatever each test is worth; the kit cannot change that table.";
            }
        }

        return (points.ApplyTo(result, posted), note);
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
