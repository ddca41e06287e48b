using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Shouldly;

namespace Coursework.Testing;

/// <summary>
/// Comparisons of matrices and vectors that say what is wrong: the shape, or the worst element with both values.
/// </summary>
// Hidden from stack traces: a failure points at the test that called it, not at this helper.
[System.Diagnostics.StackTraceHidden]
public static class MatrixAssert
{
    /// <summary>Fails unless every element is within <c>absolute + relative·|expected|</c> of the expected value.</summary>
    /// <param name="actual">What the code under test returned; null fails with a clear message.</param>
    /// <param name="expected">The independently computed value.</param>
    /// <param name="what">Names the value in the message, e.g. "Affine.Forward output".</param>
    /// <param name="absolute">Absolute tolerance.</param>
    /// <param name="relative">Relative tolerance.</param>
    /// <param name="hint">A likely cause, added to the message when the values differ and no known mistake matches.</param>
    /// <param name="diagnosis">The usual wrong answers for this value; the one that matches replaces the hint. Without it, only the hint.</param>
    public static void ShouldBeClose(
        Matrix<double>? actual, Matrix<double> expected, string what,
        double absolute = 1e-7, double relative = 1e-5, string? hint = null, Diagnosis? diagnosis = null) =>
        ShouldBeClose(actual, expected, what, absolute, relative, hint, diagnosis, isNumber: false);

    private static void ShouldBeClose(
        Matrix<double>? actual, Matrix<double> expected, string what,
        double absolute, double relative, string? hint, Diagnosis? diagnosis, bool isNumber)
    {
        if (actual is null)
        {
            throw new ShouldAssertException($"{what} is null; expected a matrix of shape {Shape(expected)}.");
        }

        if (actual.RowCount != expected.RowCount || actual.ColumnCount != expected.ColumnCount)
        {
            var named = diagnosis?.ExplainShape(actual, expected, absolute, relative);
            throw new ShouldAssertException(
                $"{what} has shape {Shape(actual)}, expected {Shape(expected)}.{Hint(named ?? hint)}");
        }

        var worst = (Row: -1, Column: -1, Excess: 0.0);
        for (var i = 0; i < expected.RowCount; i++)
        {
            for (var j = 0; j < expected.ColumnCount; j++)
            {
                var a = actual[i, j];
                var e = expected[i, j];
                var allowed = absolute + relative * Math.Abs(e);
                var excess = double.IsFinite(a) ? Math.Abs(a - e) / allowed : double.PositiveInfinity;
                if (excess > 1 && (worst.Row < 0 || excess > worst.Excess))
                {
                    worst = (i, j, excess);
                }
            }
        }

        if (worst.Row >= 0)
        {
            var a = actual[worst.Row, worst.Column];
            var e = expected[worst.Row, worst.Column];
            var wrong = CountWrong(actual, expected, absolute, relative);
            var named = diagnosis?.Explain(actual, expected, absolute, relative, isNumber);
            var where = isNumber ? string.Empty : string.Create(CultureInfo.InvariantCulture,
                $" is wrong at {wrong} of {expected.RowCount * expected.ColumnCount} elements of {Shape(expected)}; the worst is [{worst.Row}, {worst.Column}]");
            throw new ShouldAssertException(string.Create(CultureInfo.InvariantCulture,
                $"{what}{where}: expected {Format(e)}, got {Format(a)}.{Hint(named ?? hint)}"));
        }
    }

    /// <summary>Fails unless the vectors have the same length and every element is close.</summary>
    /// <param name="actual">What the code under test returned.</param>
    /// <param name="expected">The independently computed value.</param>
    /// <param name="what">Names the value in the message.</param>
    /// <param name="absolute">Absolute tolerance.</param>
    /// <param name="relative">Relative tolerance.</param>
    /// <param name="hint">A likely cause, when no known mistake matches.</param>
    /// <param name="diagnosis">The usual wrong answers for this value.</param>
    public static void ShouldBeClose(
        Vector<double>? actual, Vector<double> expected, string what,
        double absolute = 1e-7, double relative = 1e-5, string? hint = null, Diagnosis? diagnosis = null)
    {
        if (actual is null)
        {
            throw new ShouldAssertException($"{what} is null; expected a vector of length {expected.Count}.");
        }

        if (actual.Count != expected.Count)
        {
            throw new ShouldAssertException(
                $"{what} has length {actual.Count}, expected {expected.Count}.{Hint(hint)}");
        }

        ShouldBeClose(actual.ToRowMatrix(), expected.ToRowMatrix(), what, absolute, relative, hint, diagnosis);
    }

    /// <summary>Fails unless the number is finite and within tolerance.</summary>
    /// <param name="actual">What the code under test returned.</param>
    /// <param name="expected">The independently computed value.</param>
    /// <param name="what">Names the value in the message.</param>
    /// <param name="absolute">Absolute tolerance.</param>
    /// <param name="relative">Relative tolerance.</param>
    /// <param name="hint">A likely cause, when no known mistake matches.</param>
    /// <param name="diagnosis">The usual wrong answers for this number (only listed ones: any number is some factor of another).</param>
    public static void ShouldBeClose(
        double actual, double expected, string what,
        double absolute = 1e-7, double relative = 1e-5, string? hint = null, Diagnosis? diagnosis = null) =>
        ShouldBeClose(Matrix<double>.Build.Dense(1, 1, actual), Matrix<double>.Build.Dense(1, 1, expected), what, absolute, relative, hint, diagnosis, isNumber: true);

    /// <summary>Fails if the matrix holds NaN or an infinity, naming the first such element.</summary>
    /// <param name="actual">The matrix to check.</param>
    /// <param name="what">Names the value in the message.</param>
    /// <param name="hint">A likely cause.</param>
    public static void ShouldBeFinite(Matrix<double>? actual, string what, string? hint = null)
    {
        if (actual is null)
        {
            throw new ShouldAssertException($"{what} is null.");
        }

        foreach (var (i, j, value) in actual.EnumerateIndexed())
        {
            if (!double.IsFinite(value))
            {
                throw new ShouldAssertException(string.Create(CultureInfo.InvariantCulture,
                    $"{what} holds {Format(value)} at [{i}, {j}].{Hint(hint)}"));
            }
        }
    }

    /// <summary>
    /// The number itself if it is finite; otherwise fails, naming it. Comparisons such as ShouldBeLessThan put NaN below
    /// every number, so a loss or an error that became NaN would pass them: every metric goes through this first.
    /// </summary>
    /// <param name="actual">A loss, an error, an accuracy.</param>
    /// <param name="what">Names it in the message, e.g. "the mean squared error after training".</param>
    /// <param name="hint">A likely cause.</param>
    /// <returns><paramref name="actual"/>.</returns>
    public static double Finite(double actual, string what, string? hint = null) =>
        double.IsFinite(actual)
            ? actual
            : throw new ShouldAssertException(string.Create(CultureInfo.InvariantCulture,
                $"{what} is {Format(actual)}, not a number that can be compared: something overflowed or divided 0 by 0.{Hint(hint ?? " Look for an exponential of a large number, a logarithm of 0 or a learning rate too large.")}"));

    /// <summary>"(N, K)".</summary>
    /// <param name="matrix">Any matrix.</param>
    /// <returns>The shape in NumPy's notation.</returns>
    public static string Shape(Matrix<double> matrix) =>
        string.Create(CultureInfo.InvariantCulture, $"({matrix.RowCount}, {matrix.ColumnCount})");

    /// <summary>A number as the messages print it: culture-invariant, up to 6 significant digits.</summary>
    /// <param name="value">Any double.</param>
    /// <returns>E.g. "0.25", "-1.5e-07", "NaN".</returns>
    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static int CountWrong(Matrix<double> actual, Matrix<double> expected, double absolute, double relative)
    {
        var count = 0;
        foreach (var (i, j, e) in expected.EnumerateIndexed())
        {
            var a = actual[i, j];
            if (!double.IsFinite(a) || Math.Abs(a - e) > absolute + relative * Math.Abs(e))
            {
                count++;
            }
        }

        return count;
    }

    private static string Hint(string? hint) => hint is null ? string.Empty : " " + hint;
}
