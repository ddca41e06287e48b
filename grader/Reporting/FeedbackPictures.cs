using System.Globalization;
using Coursework.Charts;
using Coursework.Grading.Results;

namespace Coursework.Grading.Reporting;

/// <summary>A picture beside the markdown report, linked from the section of the test it shows.</summary>
/// <param name="TaskId">The task of the training test.</param>
/// <param name="TestName">The training test.</param>
/// <param name="Link">The picture's path relative to the report, as a markdown link (escaped).</param>
/// <param name="Caption">What it shows, the image's alternative text.</param>
internal sealed record Picture(int TaskId, string TestName, string Link, string Caption);

/// <summary>
/// Draws what the training tests recorded (the loss curve, the confusion matrix) as PNG files in a folder beside the
/// report, REPORT-pictures/, for a report read as a file (batch feedback); the job summary of the Classroom workflow
/// cannot show files and keeps the Mermaid chart alone. Drawn here, in the grader, from the numbers the judges reported.
/// </summary>
internal static class FeedbackPictures
{
    /// <summary>Writes the pictures of every training test, replacing those of an earlier grading.</summary>
    /// <param name="result">The graded result.</param>
    /// <param name="reportPath">The markdown report the pictures go beside.</param>
    /// <returns>The pictures written, in the report's order.</returns>
    public static IReadOnlyList<Picture> Write(GradingResult result, string reportPath)
    {
        var folderName = Path.GetFileNameWithoutExtension(reportPath) + "-pictures";
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reportPath))!, folderName);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var pictures = new List<Picture>();
        foreach (var task in result.Tasks)
        {
            var trained = task.Tests.Where(test => test.Training is not null).ToList();
            foreach (var (test, ordinal) in trained.Select((test, index) => (test, index + 1)))
            {
                var training = test.Training!;
                var name = trained.Count == 1 ? $"task{task.Id}" : Invariant($"task{task.Id}-{ordinal}");
                var title = Invariant($"Task {task.Id}. {task.Name}") + (training.Metric is { } metric ? $", {training.MetricName} {Number(metric)}" : "") + "\n" + test.Name;
                void Add(string file, string caption, Action<string> draw)
                {
                    draw(Path.Combine(folder, file));
                    pictures.Add(new Picture(task.Id, test.Name, $"{Uri.EscapeDataString(folderName)}/{file}", caption));
                }

                if (training.Loss.Count > 1)
                {
                    Add($"{name}-loss.png", $"Training loss of task {task.Id}", path => TrainingCharts.LossCurve(path, title,
                        new Series(training.LossName ?? "loss", training.Epochs.Select(epoch => (double)epoch).ToList(), training.Loss)));
                }

                if (training.ConfusionMatrix is { Length: > 0 } counts && counts.All(row => row.Length == counts.Length))
                {
                    Add($"{name}-confusion.png", $"Confusion matrix of task {task.Id}", path => TrainingCharts.ConfusionMatrix(path, title, counts));
                }
            }
        }

        return pictures;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Three decimals, or two significant digits with an exponent for a small error (6.3e-5, not 0).</summary>
    private static string Number(double value) =>
        value.ToString(value == 0 || Math.Abs(value) >= 1e-3 ? "0.###" : "0.#e0", CultureInfo.InvariantCulture);
}
