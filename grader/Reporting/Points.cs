using System.Globalization;

namespace Coursework.Grading.Reporting;

/// <summary>Points as the reports print them: "7.5", "25".</summary>
internal static class Points
{
    public static string Format(decimal points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Of(decimal score, decimal max) => $"{Format(score)} / {Format(max)}";
}
