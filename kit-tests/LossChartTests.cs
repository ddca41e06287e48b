using System.Globalization;
using Coursework.Grading.Reporting;

namespace Coursework.Grading.Tests;

/// <summary>The loss chart in report.md: a numeric epoch axis, a strong line, and a first loss that does not flatten the rest.</summary>
public class LossChartTests
{
    private static TrainingRecord Curve(int epochs, int every, Func<int, double> loss) => new()
    {
        Epochs = Enumerable.Range(0, (epochs / every) + 1).Select(i => i * every).ToList(),
        Loss = Enumerable.Range(0, (epochs / every) + 1).Select(i => loss(i * every)).ToList(),
        LossName = "mean cross-entropy",
    };

    private static string Line(string markdown, string start) => markdown.Split('\n').Single(line => line.TrimStart().StartsWith(start, StringComparison.Ordinal)).Trim();

    [Test]
    public void The_epoch_axis_is_a_numeric_range_and_the_line_has_a_strong_colour()
    {
        var chart = LossChart.Markdown(Curve(500, 10, epoch => 1.0 / (1 + (epoch / 100.0))));

        Line(chart, "x-axis").ShouldBe("x-axis \"epoch\" 0 --> 500");
        chart.ShouldContain("\"plotColorPalette\": \"#d62728\"");
        Line(chart, "line [").Split(',').Length.ShouldBe(51);
    }

    [Test]
    public void A_first_loss_far_above_the_rest_is_left_out_and_named_under_the_chart()
    {
        var chart = LossChart.Markdown(Curve(500, 10, epoch => epoch == 0 ? 13.3177 : 2.0 / (1 + (epoch / 10.0))));

        Line(chart, "x-axis").ShouldBe("x-axis \"epoch\" 10 --> 500");
        Line(chart, "y-axis").ShouldBe("y-axis \"mean cross-entropy\" 0 --> 1");
        Line(chart, "line [").ShouldStartWith("line [1.000, 0.667, ");
        chart.TrimEnd().ShouldEndWith("_Not drawn, above the rest of the curve: the loss at epoch 0 (13.32)._");
    }

    [Test]
    public void A_curve_without_an_outlier_is_drawn_whole_from_zero()
    {
        var chart = LossChart.Markdown(Curve(40, 1, epoch => 1.5 - (epoch / 40.0)));

        Line(chart, "x-axis").ShouldBe("x-axis \"epoch\" 0 --> 40");
        Line(chart, "y-axis").ShouldBe("y-axis \"mean cross-entropy\" 0 --> 2");
        chart.ShouldNotContain("Not drawn");
    }

    [Test]
    public void Many_records_are_drawn_as_at_most_fifty_one_evenly_spaced_points()
    {
        var chart = LossChart.Markdown(Curve(2000, 1, epoch => 1.0 - (epoch / 4000.0)));

        var values = Line(chart, "line [")["line [".Length..^1].Split(", ").Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        values.Count.ShouldBe(51);
        values[1].ShouldBe(1.0 - (40 / 4000.0), 1e-3);
    }

    [Test]
    public void A_loss_that_is_not_a_number_ends_the_line_and_is_said()
    {
        var chart = LossChart.Markdown(Curve(100, 10, epoch => epoch >= 60 ? double.NaN : 1.0 - (epoch / 200.0)));

        Line(chart, "x-axis").ShouldBe("x-axis \"epoch\" 0 --> 50");
        chart.ShouldContain("From epoch 60 on the loss is NaN and not drawn.");
    }

    [Test]
    public void Numbers_are_written_the_same_in_any_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // A decimal comma, as in German (named cultures are not there in globalization-invariant mode).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var chart = LossChart.Markdown(Curve(500, 10, epoch => epoch == 0 ? 13.3177 : 2.0 / (1 + (epoch / 10.0))));

            Line(chart, "line [").ShouldStartWith("line [1.000, 0.667, ");
            chart.ShouldContain("(13.32)");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
