using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Testing;

/// <summary>
/// The usual wrong answers for one quantity, tried only when the value is wrong, so that the message can name the
/// mistake instead of a general hint: "It is the right answer divided by N = 4: the loss already averaged over the
/// batch." Wrong answers are either the right one scaled (by N, 1/N, K, 2, -1, …), another computation (without the
/// bias, from the previous Forward, …), or found without being listed: zero, transposed, any constant factor.
/// </summary>
/// <example><code>
/// MatrixAssert.ShouldBeClose(dWeight, expected, "Affine.Backward DWeight", hint: "Expected inputsᵀ · dOut.",
///     diagnosis: Diagnosis.Sizes(n).Factor(1.0 / n, $"divided by N = {n}", "the loss already averaged over the batch"));
/// </code></example>
public sealed class Diagnosis
{
    private const string ConstantFactorCause = "a constant factor is wrong: look for a division or multiplication too many, or one missing";

    private readonly List<(double Factor, string Description, string Cause)> _factors = [];
    private readonly List<(string Description, string Cause, Func<Matrix<double>> Value)> _candidates = [];
    private Func<string>? _notFinite;
    private string? _zero;
    private string? _transposed;

    /// <summary>A diagnosis with no wrong answers yet; the general ones (zero, transposed, negated, any constant factor) are always tried.</summary>
    /// <returns>A new diagnosis.</returns>
    public static Diagnosis Of() => new();

    /// <summary>
    /// A diagnosis that knows the sizes of the case, so that a value off by one of them is named: "times N = 4",
    /// "divided by K = 3", "divided by N·K = 12", and 2 and ½ (a missing or extra factor of the square's derivative).
    /// </summary>
    /// <param name="batch">N, the number of samples; null if it plays no part.</param>
    /// <param name="classes">K, the number of columns of the output; null if it plays no part.</param>
    /// <returns>A new diagnosis.</returns>
    public static Diagnosis Sizes(int? batch = null, int? classes = null) => new Diagnosis().WithSizes(batch, classes);

    /// <summary>
    /// Names a value off by a size of the case (N, K or N·K, either way) or by 2, unless a listed factor already has
    /// that value: a factor that happens to equal the batch size is named as such, not as "some constant factor".
    /// </summary>
    /// <param name="batch">N, the number of samples; null if it plays no part.</param>
    /// <param name="classes">K, the number of columns; null if it plays no part.</param>
    /// <returns>This diagnosis.</returns>
    public Diagnosis WithSizes(int? batch = null, int? classes = null)
    {
        if (batch is > 1 and var same && classes == same)
        {
            // N = K: the value cannot tell which of the two the extra factor is, so the message names both.
            Default(same, $"times N = K = {same}", "a factor of the batch size N or of the number of columns K too many (here they are equal)");
            Default(1.0 / same, $"divided by N = K = {same}", "a division by the batch size N or by the number of columns K too many (here they are equal)");
        }

        if (batch is > 1 and var n)
        {
            Default(n, $"times N = {n}", "a sum over the batch where the mean was meant, or a division by the batch size N missing");
            Default(1.0 / n, $"divided by N = {n}", "a division by the batch size N too many, or a mean over the batch where a sum was meant");
        }

        if (classes is > 1 and var k)
        {
            Default(k, $"times K = {k}", "a multiplication by the number of columns K too many, or a sum over the columns where a mean was meant");
            Default(1.0 / k, $"divided by K = {k}", "a division by the number of columns K too many, or a mean over the columns where a sum was meant");
        }

        if (batch is > 1 and var rows && classes is > 1 and var columns)
        {
            Default(rows * columns, $"times N·K = {rows * columns}", "a factor of every element's count, N·K, too many");
            Default(1.0 / (rows * columns), $"divided by N·K = {rows * columns}", "a mean over all N·K elements where the mean over the N samples (or a sum) was meant");
        }

        Default(2, "times 2", ConstantFactorCause);
        Default(0.5, "divided by 2", ConstantFactorCause);
        return this;
    }

    /// <summary>Names a scaled wrong answer: the value equals <c>factor × right answer</c>. Replaces a general factor with the same value.</summary>
    /// <param name="factor">E.g. 1.0 / n.</param>
    /// <param name="description">How the value relates to the right one, e.g. "divided by N = 4".</param>
    /// <param name="cause">The mistake, e.g. "the loss already averaged over the batch, so the gradient must not divide again".</param>
    /// <returns>This diagnosis.</returns>
    public Diagnosis Factor(double factor, string description, string cause)
    {
        _factors.RemoveAll(f => Same(f.Factor, factor));
        _factors.Add((factor, description, cause));
        return this;
    }

    /// <summary>Names the negated answer's cause (by default "a sign is flipped").</summary>
    /// <param name="cause">The mistake.</param>
    /// <returns>This diagnosis.</returns>
    public Diagnosis Negated(string cause) => Factor(-1, "negated", cause);

    /// <summary>Names another computation the value may equal.</summary>
    /// <param name="description">What the value equals, e.g. "inputs · weight without the bias".</param>
    /// <param name="cause">The mistake or the fix, e.g. "add the bias to every row".</param>
    /// <param name="value">The wrong answer; computed only if the value is wrong.</param>
    /// <returns>This diagnosis.</returns>
    public Diagnosis Candidate(string description, string cause, Func<Matrix<double>> value)
    {
        _candidates.Add((description, cause, value));
        return this;
    }

    /// <summary>Names another computation the value may equal (a vector, compared as one row).</summary>
    /// <param name="description">What the value equals.</param>
    /// <param name="cause">The mistake or the fix.</param>
    /// <param name="value">The wrong answer; computed only if the value is wrong.</param>
    /// <returns>This diagnosis.</returns>
    public Diagnosis Candidate(string description, string cause, Func<Vector<double>> value) =>
        Candidate(description, cause, () => value().ToRowMatrix());

    /// <summary>Names another computation a number may equal.</summary>
    /// <param name="description">What the number equals.</param>
    /// <param name="cause">The mistake or the fix.</param>
    /// <param name="value">The wrong answer; computed only if the number is wrong.</param>
    /// <returns>This diagnosis.</returns>
    public Diagnosis Candidate(string description, string cause, Func<double> value) =>
        Candidate(description, cause, () => Matrix<double>.Build.Dense(1, 1, value()));

    /// <summary>The likely cause when the value holds NaN or an infinity.</summary>
    /// <param name="cause">E.g. "exp of a large logit overflowed: shift each row by its maximum".</param>
    /// <returns>This diagnosis.</returns>
    public Diagnosis WhenNotFinite(string cause) => WhenNotFinite(() => cause);

    /// <summary>The likely cause when the value holds NaN or an infinity, found only then (e.g. by trying one more case).</summary>
    /// <param name="cause">Gives the cause.</param>
    /// <returns>This diagnosis.</returns>
    public Diagnosis WhenNotFinite(Func<string> cause)
    {
        _notFinite = cause;
        return this;
    }

    /// <summary>The likely cause when the value is all zeros (by default: nothing reached it).</summary>
    /// <param name="cause">The mistake.</param>
    /// <returns>This diagnosis.</returns>
    public Diagnosis WhenZero(string cause)
    {
        _zero = cause;
        return this;
    }

    /// <summary>The likely cause when the value is the transpose of the right one.</summary>
    /// <param name="cause">The mistake.</param>
    /// <returns>This diagnosis.</returns>
    public Diagnosis WhenTransposed(string cause)
    {
        _transposed = cause;
        return this;
    }

    /// <summary>The sentence naming the mistake that the wrong value matches, or null if none does.</summary>
    /// <param name="actual">The wrong value, the shape of <paramref name="expected"/>.</param>
    /// <param name="expected">The right value.</param>
    /// <param name="absolute">The check's absolute tolerance.</param>
    /// <param name="relative">The check's relative tolerance.</param>
    /// <param name="isNumber">The value is one number: only listed wrong answers can be told apart, not "some constant factor".</param>
    /// <returns>E.g. "It is the right answer divided by N = 4: the loss already averaged over the batch."</returns>
    public string? Explain(Matrix<double> actual, Matrix<double> expected, double absolute, double relative, bool isNumber = false)
    {
        var (abs, rel) = (Math.Max(10 * absolute, 1e-9), Math.Max(10 * relative, 1e-6));
        if (actual.Enumerate().FirstOrDefault(v => !double.IsFinite(v)) is var bad && !double.IsFinite(bad))
        {
            return _notFinite is null ? null : Invariant($"It holds {MatrixAssert.Format(bad)}: {_notFinite()}.");
        }

        foreach (var (description, cause, value) in _candidates)
        {
            // A wrong answer that this case cannot tell from the right one names nothing.
            if (value() is var candidate && Close(actual, candidate, abs, rel) && !Close(expected, candidate, abs, rel))
            {
                return $"It equals {description}: {cause}.";
            }
        }

        if (actual.Enumerate().All(v => v == 0) && expected.Enumerate().Any(v => Math.Abs(v) > abs))
        {
            return $"It is all zeros: {_zero ?? "nothing was computed into it, or the gradient did not reach it"}.";
        }

        if (actual.RowCount == actual.ColumnCount && actual.RowCount > 1 && Close(actual, expected.Transpose(), abs, rel))
        {
            return $"It is the transpose of the right answer: {_transposed ?? "the factors of a product are in the wrong order or one is transposed"}.";
        }

        foreach (var (factor, description, cause) in _factors.Append((-1, "negated", "a sign is flipped (gradient ascent, or prediction minus target the wrong way round)")))
        {
            if (Close(actual, factor * expected, abs, rel))
            {
                return $"It is the right answer {description}: {cause}.";
            }
        }

        if (!isNumber && ConstantFactor(actual, expected, abs, rel) is { } c)
        {
            return Invariant($"It is the right answer times {c:G4} at every element: {ConstantFactorCause}.");
        }

        return null;
    }

    /// <summary>
    /// The sentence for a value of the wrong shape: a listed wrong answer of that shape (e.g. a gradient computed from
    /// the cached output instead of the cached input), or the transpose of the right value; null if neither.
    /// </summary>
    /// <param name="actual">The value of the wrong shape.</param>
    /// <param name="expected">The right value.</param>
    /// <param name="absolute">The check's absolute tolerance.</param>
    /// <param name="relative">The check's relative tolerance.</param>
    /// <returns>The sentence, or null.</returns>
    public string? ExplainShape(Matrix<double> actual, Matrix<double> expected, double absolute, double relative)
    {
        var (abs, rel) = (Math.Max(10 * absolute, 1e-9), Math.Max(10 * relative, 1e-6));
        foreach (var (description, cause, value) in _candidates)
        {
            if (Close(actual, value(), abs, rel))
            {
                return $"It equals {description}: {cause}.";
            }
        }

        return actual.RowCount == expected.ColumnCount && actual.ColumnCount == expected.RowCount && Close(actual, expected.Transpose(), abs, rel)
            ? $"It is the transpose of the right answer: {_transposed ?? "the factors of a product are in the wrong order or one is transposed"}."
            : null;
    }

    private void Default(double factor, string description, string cause)
    {
        if (!_factors.Any(f => Same(f.Factor, factor)))
        {
            _factors.Add((factor, description, cause));
        }
    }

    /// <summary>c if actual = c · expected at every element, for c neither 0 nor 1; else null.</summary>
    private static double? ConstantFactor(Matrix<double> actual, Matrix<double> expected, double abs, double rel)
    {
        var (dot, norm) = (0.0, 0.0);
        var significant = 0;
        foreach (var (i, j, e) in expected.EnumerateIndexed())
        {
            dot += actual[i, j] * e;
            norm += e * e;
            significant += Math.Abs(e) > abs ? 1 : 0;
        }

        if (significant < 2 || norm == 0)
        {
            return null;
        }

        var c = dot / norm;
        return double.IsFinite(c) && Math.Abs(c - 1) > 1e-3 && Math.Abs(c) > 1e-6 && Close(actual, c * expected, abs, rel) ? c : null;
    }

    private static bool Close(Matrix<double> actual, Matrix<double> candidate, double abs, double rel)
    {
        if (actual.RowCount != candidate.RowCount || actual.ColumnCount != candidate.ColumnCount)
        {
            return false;
        }

        foreach (var (i, j, c) in candidate.EnumerateIndexed())
        {
            var a = actual[i, j];
            if (!double.IsFinite(c) || Math.Abs(a - c) > abs + rel * Math.Abs(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(b));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
