using System.Globalization;
using System.Text;

namespace Coursework.Grading.Reporting;

/// <summary>
/// The training loss as a Mermaid <c>xychart-beta</c> line chart, readable at a glance: a numeric epoch axis (a few
/// ticks, not a label per point), a strong line colour (the default theme draws it pale lavender), and a loss axis from
/// 0 that the first epochs' loss does not flatten. Leading points more than twice as high as everything after them are
/// left out and named under the chart, with their values.
/// </summary>
internal static class LossChart
{
    /// <summary>At most this many segments: Mermaid spaces the points evenly over the epoch axis.</summary>
    private const int MaxSegments = 50;

    /// <summary>A leading point is left out when its loss is more than this many times every later one.</summary>
    private const double LeadingOutlier = 2;

    /// <summary>Of at most this share of the points (and at least one).</summary>
    private const double LeadingShare = 0.1;

    /// <summary>The chart and a note on what it leaves out, as markdown lines; empty when there is nothing to draw.</summary>
    /// <param name="training">The record.</param>
    /// <returns>The markdown.</returns>
    public static string Markdown(Protocol.TrainingRecord training)
    {
        var name = (training.LossName ?? "loss").Replace("\"", "'");
        var points = training.Epochs.Zip(training.Loss, (epoch, loss) => (Epoch: epoch, Loss: loss)).ToList();
        var finite = points.TakeWhile(p => double.IsFinite(p.Loss)).ToList();
        var notes = new List<string>();
        if (finite.Count < points.Count)
        {
            notes.Add(Invariant($"From epoch {points[finite.Count].Epoch} on the loss is {points[finite.Count].Loss} and not drawn."));
        }

        var skip = 0;
        while (skip < Math.Max(1, (int)(finite.Count * LeadingShare)) && finite.Count - skip > 2
               && finite[skip].Loss > LeadingOutlier * finite.Skip(skip + 1).Max(p => p.Loss))
        {
            skip++;
        }

        if (skip > 0)
        {
            notes.Add("Not drawn, above the rest of the curve: the loss at " + string.Join(" and ", finite.Take(skip).Select(p => Invariant($"epoch {p.Epoch} ({p.Loss:G4})"))) + ".");
        }

        var drawn = finite.Skip(skip).ToList();
        var md = new StringBuilder();
        if (drawn.Count > 1 && drawn[^1].Epoch > drawn[0].Epoch)
        {
            var line = EvenlySpaced(drawn);
            var top = NiceCeiling(line.Max());
            var decimals = Math.Clamp(3 - (int)Math.Floor(Math.Log10(top)), 0, 12);
            md.AppendLine();
            md.AppendLine("```mermaid");
            md.AppendLine("""%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#d62728"}}}}%%""");
            md.AppendLine("xychart-beta");
            md.AppendLine($"    title \"Training loss ({name})\"");
            md.AppendLine(Invariant($"    x-axis \"epoch\" {drawn[0].Epoch} --> {drawn[^1].Epoch}"));
            md.AppendLine($"    y-axis \"{name}\" {Plain(Math.Min(0, Math.Floor(line.Min())))} --> {Plain(top)}");
            md.AppendLine($"    line [{string.Join(", ", line.Select(loss => loss.ToString("F" + decimals, CultureInfo.InvariantCulture)))}]");
            md.AppendLine("```");
        }

        if (notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine($"_{string.Join(" ", notes)}_");
        }

        return md.ToString();
    }

    /// <summary>The loss at evenly spaced epochs from the first drawn to the last (linear between records).</summary>
    private static double[] EvenlySpaced(IReadOnlyList<(int Epoch, double Loss)> points)
    {
        var segments = Math.Min(points.Count - 1, MaxSegments);
        var (first, last) = (points[0].Epoch, points[^1].Epoch);
        var j = 0;
        return Enumerable.Range(0, segments + 1).Select(k =>
        {
            var epoch = first + ((double)(last - first) * k / segments);
            while (j < points.Count - 2 && points[j + 1].Epoch < epoch)
            {
                j++;
            }

            var (a, b) = (points[j], points[j + 1]);
            return a.Loss + ((b.Loss - a.Loss) * Math.Clamp((epoch - a.Epoch) / (b.Epoch - a.Epoch), 0, 1));
        }).ToArray();
    }

    /// <summary>The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least <paramref name="value"/> (1 for 0).</summary>
    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(step => step * power).First(nice => nice >= value * (1 - 1e-12));
    }

    /// <summary>Digits and a point only: Mermaid's grammar reads no exponent.</summary>
    private static string Plain(double number) => number.ToString("0.############", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
