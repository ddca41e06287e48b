using System.Text;
using Coursework.Grading.Results;

namespace Coursework.Grading.Reporting;

/// <summary>The same report in GitHub markdown, for the job summary of the Classroom workflow.</summary>
internal static class MarkdownReport
{
    public static string Render(GradingResult result)
    {
        var md = new StringBuilder();
        md.AppendLine($"## Grade: {Points.Of(result.Score, result.MaxScore)}");
        md.AppendLine();
        md.AppendLine($"Graded {Escape(result.Code)} with seed {result.Seed}.");
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
                md.AppendLine($"- ❌ {names}: {Escape(group.Key ?? "no message")}");
                foreach (var output in group.Select(test => test.Output).OfType<string>().Distinct().Take(1))
                {
                    md.AppendLine($"  <details><summary>What your code printed</summary>\n\n  ```\n  {output.Replace("\n", "\n  ")}\n  ```\n  </details>");
                }
            }
        }

        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("<", "&lt;").Replace("\n", " ");
}
