using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace Coursework.Charts;

/// <summary>A named series of points, e.g. the loss at each epoch.</summary>
/// <param name="Name">What it is, shown in the legend or on the axis, e.g. "mean cross-entropy".</param>
/// <param name="X">The x values, e.g. the epochs.</param>
/// <param name="Y">The y values, as many as <paramref name="X"/>.</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>
/// The pictures of a training run as PNG files, as the notebooks' matplotlib draws them: the loss curve, the confusion
/// matrix of a classifier as a heatmap with its counts, and a fitted curve against its target. Numbers are written the
/// same on every machine (invariant culture).
/// </summary>
public static class TrainingCharts
{
    private const int Width = 900;
    private const int Height = 540;
    private const int ConfusionWidth = 760;

    private static readonly Color LossColor = Color.FromHex("#1f77b4");
    private static readonly Color AccuracyColor = Color.FromHex("#d62728");
    private static readonly Color FewColor = Color.FromHex("#f7fbff");
    private static readonly Color ManyColor = Color.FromHex("#08306b");

    /// <summary>The font families Skia finds on this machine (without fonts, one nameless family of no glyphs).</summary>
    private static readonly Lazy<HashSet<string>> FontFamilies = new(() => SKFontManager.Default.FontFamilies.Where(family => family.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Why the pictures have no text, with the fix, on a machine without any font (a bare Linux: Skia reads fonts from
    /// /usr/share/fonts); null where there are fonts.
    /// </summary>
    public static string? MissingFonts => FontFamilies.Value.Count > 0
        ? null
        : "no font is installed, so the picture has no text: install one, e.g. with sudo apt-get install fonts-dejavu-core on Debian or Ubuntu";

    /// <summary>The loss against the epochs; the loss axis is logarithmic when it spans more than a factor of 10, so the early drop does not flatten the rest.</summary>
    /// <param name="path">The PNG file to write (its folder is created).</param>
    /// <param name="title">The picture's title (a line break starts a second line).</param>
    /// <param name="loss">The loss (its name labels the axis) at each epoch.</param>
    /// <param name="rightAxis">Another series on an axis of its own on the right, e.g. the validation accuracy; null for none.</param>
    public static void LossCurve(string path, string title, Series loss, Series? rightAxis = null)
    {
        var plot = NewPlot(title, "epoch", Width);
        var logarithmic = loss.Y.Count > 1 && loss.Y.All(y => y > 0 && double.IsFinite(y)) && loss.Y.Max() / loss.Y.Min() > 10;
        var line = plot.Add.ScatterLine(loss.X.ToArray(), loss.Y.Select(y => logarithmic ? Math.Log10(y) : y).ToArray(), LossColor);
        line.LineWidth = 2.5f;
        plot.YLabel(logarithmic ? $"{loss.Name} (log scale)" : loss.Name);
        if (logarithmic)
        {
            var (positions, labels) = LogTicks(loss.Y.Min(), loss.Y.Max());
            plot.Axes.Left.SetTicks(positions, labels);
        }

        if (rightAxis is not null)
        {
            var second = plot.Add.ScatterLine(rightAxis.X.ToArray(), rightAxis.Y.ToArray(), AccuracyColor);
            second.LineWidth = 2.5f;
            second.LinePattern = LinePattern.Dashed;
            second.LegendText = rightAxis.Name;
            second.Axes.YAxis = plot.Axes.Right;
            line.LegendText = $"training loss ({loss.Name})";
            plot.Axes.Right.Label.Text = rightAxis.Name;
            plot.Axes.Right.Label.ForeColor = AccuracyColor;
            plot.Axes.Left.Label.ForeColor = LossColor;
            plot.ShowLegend(Alignment.MiddleRight);
        }

        plot.Axes.Margins(horizontal: 0.02, vertical: 0.08);
        Save(plot, path, Width, Height);
    }

    /// <summary>
    /// The confusion matrix as a heatmap, true classes down and predicted classes across (matrix order: the first class
    /// at the top left), each cell with its count. The shade grows with the logarithm of the count, so that a few
    /// mistakes still show beside a full diagonal.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder is created).</param>
    /// <param name="title">The picture's title (a line break starts a second line).</param>
    /// <param name="counts">[actual][predicted] counts, a square matrix.</param>
    /// <param name="classNames">A label per class; null: the class numbers.</param>
    /// <param name="noun">What a class is, for the axis labels ("true digit", "predicted digit").</param>
    public static void ConfusionMatrix(string path, string title, int[][] counts, IReadOnlyList<string>? classNames = null, string noun = "class")
    {
        var classes = counts.Length;
        var names = classNames ?? Enumerable.Range(0, classes).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToList();
        var plot = NewPlot(title, $"predicted {noun}", ConfusionWidth);
        plot.YLabel($"true {noun}");
        var most = Math.Max(1, counts.SelectMany(row => row).Max());
        var fontSize = classes > 5 ? 18 : 28;
        for (var actual = 0; actual < classes; actual++)
        {
            for (var predicted = 0; predicted < classes; predicted++)
            {
                var count = counts[actual][predicted];
                var shade = Math.Log(1 + count) / Math.Log(1 + most);
                var (x, y) = (predicted, classes - 1 - actual);
                var cell = plot.Add.Rectangle(x - 0.5, x + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = FewColor.MixedWith(ManyColor, (float)shade);
                cell.LineColor = Colors.White;
                cell.LineWidth = 1;
                var text = plot.Add.Text(count.ToString(CultureInfo.InvariantCulture), x, y);
                text.LabelFontSize = fontSize;
                text.LabelBold = actual == predicted;
                text.LabelFontColor = shade > 0.55 ? Colors.White : count == 0 ? Color.FromHex("#a8a8a8") : Colors.Black;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        }

        var positions = Enumerable.Range(0, classes).Select(k => (double)k).ToArray();
        plot.Axes.Bottom.SetTicks(positions, names.ToArray());
        plot.Axes.Left.SetTicks(positions, names.Reverse().ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = classes > 5 ? 18 : 22;
        plot.Axes.Left.TickLabelStyle.FontSize = classes > 5 ? 18 : 22;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.IsVisible = false;
        plot.Axes.SetLimits(-0.5, classes - 0.5, -0.5, classes - 0.5);
        Save(plot, path, ConfusionWidth, 700);
    }

    /// <summary>Counts how held-out samples were classified, for <see cref="ConfusionMatrix"/>.</summary>
    /// <param name="actual">The true classes, each in [0, classes).</param>
    /// <param name="predicted">The predicted classes, as many; a value outside [0, classes) is not counted.</param>
    /// <param name="classes">Number of classes.</param>
    /// <returns>[actual][predicted] counts.</returns>
    public static int[][] CountConfusions(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classes)
    {
        var counts = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        for (var n = 0; n < actual.Count; n++)
        {
            if (predicted[n] >= 0 && predicted[n] < classes)
            {
                counts[actual[n]][predicted[n]]++;
            }
        }

        return counts;
    }

    /// <summary>A fitted curve against the target it should follow, with the points it was trained on.</summary>
    /// <param name="path">The PNG file to write (its folder is created).</param>
    /// <param name="title">The picture's title (a line break starts a second line).</param>
    /// <param name="target">The target curve, e.g. sin(x) on a fine grid.</param>
    /// <param name="fitted">The model's prediction, on a fine grid.</param>
    /// <param name="trainingPoints">The points the model was trained on; null for none.</param>
    public static void FittedCurve(string path, string title, Series target, Series fitted, Series? trainingPoints = null)
    {
        var plot = NewPlot(title, "x", Width);
        plot.YLabel("y");
        var goal = plot.Add.ScatterLine(target.X.ToArray(), target.Y.ToArray(), Color.FromHex("#7f7f7f"));
        goal.LineWidth = 6;
        goal.LineColor = goal.LineColor.WithAlpha(0.45);
        goal.LegendText = target.Name;
        if (trainingPoints is not null)
        {
            var points = plot.Add.ScatterPoints(trainingPoints.X.ToArray(), trainingPoints.Y.ToArray(), Colors.Black);
            points.MarkerSize = 6;
            points.LegendText = trainingPoints.Name;
        }

        var model = plot.Add.ScatterLine(fitted.X.ToArray(), fitted.Y.ToArray(), AccuracyColor);
        model.LineWidth = 2.5f;
        model.LegendText = fitted.Name;
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path, Width, Height);
    }

    /// <summary>A plot with the kit's fonts; a title of several lines (one per line break) gets a smaller font where a line would not fit the width.</summary>
    private static Plot NewPlot(string title, string xLabel, int width)
    {
        var plot = new Plot();
        if (SansFont() is { } font)
        {
            plot.Font.Set(font);
        }

        plot.Title(title);
        var longestLine = title.Split('\n').Max(line => line.Length);
        plot.Axes.Title.Label.FontSize = (float)Math.Clamp(0.9 * width / (0.56 * longestLine), 12, 20);
        plot.XLabel(xLabel);
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right })
        {
            axis.Label.FontSize = 17;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = 14;
        }

        return plot;
    }

    private static void Save(Plot plot, string path, int width, int height)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        plot.SavePng(path, width, height);
    }

    /// <summary>
    /// Ticks for a logarithmic axis, as log10 positions and labels: 1, 2 and 5 times the powers of ten in the range
    /// (every digit where that gives fewer than three); over more than four decades, powers of ten alone, at most ten.
    /// </summary>
    private static (double[] Positions, string[] Labels) LogTicks(double low, double high)
    {
        var (lowest, highest) = ((int)Math.Floor(Math.Log10(low)), (int)Math.Ceiling(Math.Log10(high)));
        var ticks = new List<(int Power, double Value)>();
        double[][] choices = highest - lowest > 4 ? [[1]] : [[1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]];
        foreach (var multiples in choices)
        {
            ticks.Clear();
            var every = Math.Max(1, (int)Math.Ceiling((highest - lowest + 1) / 10.0));
            for (var power = lowest; power <= highest; power++)
            {
                if ((power - lowest) % every == 0)
                {
                    ticks.AddRange(multiples.Select(m => (power, m * Math.Pow(10, power))).Where(t => t.Item2 >= low / 1.05 && t.Item2 <= high * 1.05));
                }
            }

            if (ticks.Count >= 3)
            {
                break;
            }
        }

        return (ticks.Select(t => Math.Log10(t.Value)).ToArray(),
            ticks.Select(t => t.Power is >= -4 and <= 5 ? t.Value.ToString("G3", CultureInfo.InvariantCulture) : t.Value.ToString("0.#e0", CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>A sans-serif font the machine has (ScottPlot's own default falls back to a serif one on Linux); null: leave ScottPlot's.</summary>
    private static string? SansFont() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Segoe UI", "Helvetica Neue", "Helvetica", "Arial" }.FirstOrDefault(FontFamilies.Value.Contains);
}
