using System.Buffers.Binary;
using Coursework.Charts;
using Coursework.Grading.Reporting;
using Coursework.Grading.Results;
using SkiaSharp;

namespace Coursework.Grading.Tests;

/// <summary>
/// The training pictures: drawn from made-up numbers, from a result's training records beside its report, and by the
/// training demo on the reference. Each must be a PNG that shows something: the signature, a header with a size, many
/// colours, and a title in the band above the plot (which needs a font: `.ci/run` installs fonts-dejavu-core).
/// </summary>
public class PictureTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("pictures-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_loss_curve_a_confusion_matrix_and_a_fitted_curve_are_pictures_with_a_title()
    {
        var epochs = Enumerable.Range(0, 501).Select(e => (double)e).ToList();
        var loss = epochs.Select(e => 2.3 * Math.Exp(-e / 40) + 0.1).ToList();
        TrainingCharts.LossCurve(Path.Combine(_folder, "loss.png"), "Task 4: loss", new Series("mean cross-entropy", epochs, loss));
        TrainingCharts.LossCurve(Path.Combine(_folder, "loss-and-accuracy.png"), "Task 7: loss\nand accuracy", new Series("mean cross-entropy", epochs, loss),
            new Series("validation accuracy", epochs, loss.Select(l => 1 - l / 3).ToList()));
        TrainingCharts.LossCurve(Path.Combine(_folder, "zeros.png"), "Task 6: zeros", new Series("mean squared error", epochs, epochs.Select(e => e < 100 ? 0.25 : 0).ToList()));
        var counts = Enumerable.Range(0, 10).Select(i => Enumerable.Range(0, 10).Select(j => i == j ? 40 + i : (i + j) % 7 == 0 ? 2 : 0).ToArray()).ToArray();
        TrainingCharts.ConfusionMatrix(Path.Combine(_folder, "confusion.png"), "Task 4: confusion", counts, noun: "digit");
        TrainingCharts.ConfusionMatrix(Path.Combine(_folder, "binary.png"), "Task 5: confusion", [[54, 3], [2, 84]], ["malignant (0)", "benign (1)"], "diagnosis");
        var x = Enumerable.Range(0, 101).Select(i => -Math.PI + 2 * Math.PI * i / 100).ToList();
        TrainingCharts.FittedCurve(Path.Combine(_folder, "fit.png"), "Task 6: fit", new Series("sin(x)", x, x.Select(Math.Sin).ToList()),
            new Series("your network", x, x.Select(v => 0.9 * Math.Sin(v)).ToList()), new Series("training points", x.Where((_, i) => i % 10 == 0).ToList(), x.Where((_, i) => i % 10 == 0).Select(Math.Sin).ToList()));

        foreach (var file in new[] { "loss", "loss-and-accuracy", "zeros", "confusion", "binary", "fit" })
        {
            ShouldBeAPictureWithATitle(Path.Combine(_folder, file + ".png"));
        }
    }

    [Test]
    public void The_confusion_counts_are_actual_by_predicted_and_ignore_predictions_outside_the_classes()
    {
        TrainingCharts.CountConfusions([0, 0, 1, 2, 2], [0, 1, 1, 2, 7], 3).ShouldBe([[1, 1, 0], [0, 1, 0], [0, 0, 1]]);
    }

    [Test]
    public void A_report_links_the_pictures_of_its_training_tests_drawn_beside_it()
    {
        var training = new TrainingRecord
        {
            Epochs = [0, 10, 20, 30], Loss = [2.3, 1.1, 0.6, 0.4], LossName = "mean cross-entropy",
            ConfusionMatrix = [[5, 1], [0, 6]], MetricName = "test accuracy", Metric = 0.9167,
        };
        var result = new GradingResult(1, "pass", 30, 30, 1, "student", null, [],
            [new TaskResult(5, "BinaryClassifier", 30, 30, false, [new TestResult("Training works", "pass", 30, 30, null, null, training)])], 1);
        var report = Path.Combine(_folder, "alice.md");
        Directory.CreateDirectory(Path.Combine(_folder, "alice-pictures"));
        File.WriteAllText(Path.Combine(_folder, "alice-pictures", "stale.png"), "from an earlier grading");

        var markdown = MarkdownReport.Render(result, FeedbackPictures.Write(result, report));

        LinkedPictures(markdown, _folder).ShouldBe(["alice-pictures/task5-loss.png", "alice-pictures/task5-confusion.png"]);
        Directory.GetFiles(Path.Combine(_folder, "alice-pictures")).Select(Path.GetFileName).Order().ShouldBe(["task5-confusion.png", "task5-loss.png"]);
        MarkdownReport.Render(result).ShouldNotContain("![");
    }

    /// <summary>The relative image links of a markdown file, checked to be pictures that exist beside it.</summary>
    /// <param name="markdown">The report's text.</param>
    /// <param name="folder">Its folder.</param>
    /// <returns>The links, in order.</returns>
    internal static List<string> LinkedPictures(string markdown, string folder)
    {
        var links = System.Text.RegularExpressions.Regex.Matches(markdown, @"!\[[^\]]+\]\(([^)]+)\)").Select(match => match.Groups[1].Value).ToList();
        foreach (var link in links)
        {
            ShouldBeAPictureWithATitle(Path.Combine(folder, Uri.UnescapeDataString(link)));
        }

        return links;
    }

    /// <summary>A PNG (signature, a header with a size) with many colours and some dark pixels (text) in the title band.</summary>
    /// <param name="path">The file.</param>
    internal static void ShouldBeAPictureWithATitle(string path)
    {
        File.Exists(path).ShouldBeTrue($"{path} was not written");
        TrainingCharts.MissingFonts.ShouldBeNull("the pictures' text needs a font (.ci/run installs fonts-dejavu-core)");
        var bytes = File.ReadAllBytes(path);
        bytes.Take(8).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, $"{path} is not a PNG");
        System.Text.Encoding.ASCII.GetString(bytes, 12, 4).ShouldBe("IHDR", $"{path} has no header first");
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        width.ShouldBeGreaterThan(300, path);
        height.ShouldBeGreaterThan(300, path);

        using var bitmap = SKBitmap.Decode(bytes);
        bitmap.ShouldNotBeNull($"{path} does not decode");
        (bitmap.Width, bitmap.Height).ShouldBe((width, height));
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        colours.Count.ShouldBeGreaterThan(20, $"{path} is nearly blank");
        var titleInk = 0;
        for (var y = 0; y < 30; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                titleInk += pixel.Red + pixel.Green + pixel.Blue < 300 ? 1 : 0;
            }
        }

        titleInk.ShouldBeGreaterThan(50, $"{path} has no title");
    }
}

/// <summary>
/// The training demo (`dotnet run --project exercises [-- 5|6|7]`) on the reference draws its pictures and says where;
/// on the skeleton it says "Not ready yet" and draws none. Not parallel: it builds the exercises, whose projects the
/// golden scenarios' builds share.
/// </summary>
[NonParallelizable]
public class DemoPictureTests
{
    [TestCase("4", "tasks1-3-logistic-regression-loss", "tasks1-3-logistic-regression-confusion", "task4-feedforward-loss", "task4-feedforward-confusion")]
    [TestCase("5", "task5-loss", "task5-confusion")]
    [TestCase("6", "task6-xor-loss", "task6-sine-loss", "task6-sine-fit")]
    [TestCase("7", "task7-loss", "task7-confusion")]
    public void The_reference_demo_draws_its_pictures_and_says_where(string task, params string[] pictures)
    {
        var folder = Directory.CreateTempSubdirectory("demo-pictures-").FullName;
        try
        {
            var run = Demo(folder, "-p:UseSolutions=true", task);
            run.ExitCode.ShouldBe(0, run.StandardError);
            run.StandardOutput.ShouldNotContain("not drawn");
            foreach (var picture in pictures)
            {
                run.StandardOutput.ShouldContain($": {Path.Combine(folder, picture)}.png");
                PictureTests.ShouldBeAPictureWithATitle(Path.Combine(folder, picture + ".png"));
            }

            Directory.GetFiles(folder).Length.ShouldBe(pictures.Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void The_skeleton_demo_is_not_ready_and_draws_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"demo-skeleton-{Environment.ProcessId}");
        var run = Demo(folder, "-p:UseSolutions=false", "4");
        run.ExitCode.ShouldBe(0, run.StandardError);
        run.StandardOutput.ShouldContain("Not ready yet");
        Directory.Exists(folder).ShouldBeFalse();
    }

    private static readonly HashSet<string> Built = [];

    private static GraderProcess.Outcome Demo(string folder, string variant, string task)
    {
        if (Built.Add(variant))
        {
            var build = GraderProcess.Dotnet(GraderProcess.KitRoot, TimeSpan.FromMinutes(8), "build", "exercises", variant, "-nologo", "-v:q");
            build.ExitCode.ShouldBe(0, build.StandardOutput);
        }

        return GraderProcess.Dotnet(GraderProcess.KitRoot, TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["COURSEWORK_PLOTS"] = folder },
            "run", "--project", "exercises", "--no-build", variant, "--", task);
    }
}

/// <summary>`batch` draws each student's training pictures beside the feedback and links them from it (task 5: its training is the shortest).</summary>
[NonParallelizable] // two gradings at once: the machine's two cores are busy
public class BatchPictureTests
{
    [Test]
    public void The_feedback_links_the_pictures_of_the_students_training_beside_it()
    {
        var root = Directory.CreateTempSubdirectory("batch-pictures-").FullName;
        try
        {
            foreach (var student in new[] { "bob", "carol" })
            {
                var folder = Directory.CreateDirectory(Path.Combine(root, "submissions", student)).FullName;
                foreach (var file in Directory.GetFiles(Path.Combine(GraderProcess.KitRoot, "solutions", "Task5_BinaryClassifier"), "*.cs"))
                {
                    File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
                }
            }

            // carol's network never learns: its loss is flat and its confusion matrix one column.
            var classifier = Path.Combine(root, "submissions", "carol", "BinaryClassifier.cs");
            File.WriteAllText(classifier, File.ReadAllText(classifier).Replace("LearningRate = learningRate;", "LearningRate = 0;", StringComparison.Ordinal));

            var run = GraderProcess.Run("batch", Path.Combine(root, "submissions"), "--out", Path.Combine(root, "out"), "--tasks", "5", "--parallel", "2");
            run.ExitCode.ShouldBe(0, run.StandardError);
            var feedback = Path.Combine(root, "out", "feedback");
            foreach (var student in new[] { "bob", "carol" })
            {
                PictureTests.LinkedPictures(File.ReadAllText(Path.Combine(feedback, student + ".md")), feedback)
                    .ShouldBe([$"{student}-pictures/task5-loss.png", $"{student}-pictures/task5-confusion.png"], student);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
