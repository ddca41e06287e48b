using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Testing;

/// <summary>
/// The usual wrong answers of the layers, shared by the public tests and the grader's hidden tests (this file is
/// linked into the judge), so that both name a mistake in the same words.
/// </summary>
public static class Mistakes
{
    /// <summary>Affine.Forward's usual wrong outputs: no bias, the bias subtracted.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="weight">Shape (D, H).</param>
    /// <param name="bias">Length H.</param>
    /// <returns>The diagnosis for the output, shape (N, H).</returns>
    public static Diagnosis AffineForward(Matrix<double> inputs, Matrix<double> weight, Vector<double> bias) => Diagnosis.Of()
        .Candidate("inputs · weight without the bias", "add the bias to every row", () => inputs * weight)
        .Candidate("inputs · weight minus the bias", "add the bias, do not subtract it", () => (inputs * weight).SubtractRowVector(bias));

    /// <summary>
    /// Affine.Backward's usual wrong gradients inside a mean loss: dOut already carries the 1/N, so a gradient divided
    /// by N is the mistake; other factors of N, 2 and ½ are named too.
    /// </summary>
    /// <param name="n">N, the samples of the test's batch.</param>
    /// <returns>The diagnosis for DInputs, DWeight or DBias.</returns>
    public static Diagnosis AffineGradient(int n) => Diagnosis.Sizes(batch: n)
        .Factor(1.0 / n, $"divided by N = {n}", "the loss already averaged over the batch (dOut carries the 1/N), so Affine's gradients are sums over the batch, not means");

    /// <summary>
    /// Affine.Backward's usual wrong DWeight: those of <see cref="AffineGradient"/>, dOutᵀ · inputs (the transpose),
    /// and outputᵀ · dOut (the cached output of Forward where its input was needed, which has the shape (H, H)).
    /// </summary>
    /// <param name="inputs">The inputs of Forward, shape (N, D).</param>
    /// <param name="output">What Forward returned, shape (N, H).</param>
    /// <param name="dOut">Shape (N, H).</param>
    /// <returns>The diagnosis for DWeight, shape (D, H).</returns>
    public static Diagnosis AffineWeightGradient(Matrix<double> inputs, Matrix<double> output, Matrix<double> dOut) => AffineGradient(inputs.RowCount)
        .WhenTransposed("compute inputsᵀ · dOut, shape (D, H) like the weight, not dOutᵀ · inputs")
        .Candidate("outputᵀ · dOut, with the output of Forward", "the weight's gradient needs what Forward received, its inputs: inputsᵀ · dOut", () => output.TransposeThisAndMultiply(dOut));

    /// <summary>ReLU.Forward's usual wrong outputs: the derivative, min(0, x), the inputs unchanged.</summary>
    /// <param name="inputs">Any shape.</param>
    /// <returns>The diagnosis for the output.</returns>
    public static Diagnosis ReLUForward(Matrix<double> inputs) => Diagnosis.Of()
        .Candidate("1 where the input is positive and 0 elsewhere", "that is the derivative; Forward returns max(0, x) itself", () => Mask(inputs, x => x > 0))
        .Candidate("min(0, x)", "keep the positive inputs and set the negative ones to 0", () => inputs.Map(x => Math.Min(0, x)))
        .Candidate("the inputs unchanged", "set the negative inputs to 0", () => inputs);

    /// <summary>
    /// ReLU.Backward's usual wrong gradients: the mask from the wrong matrix or with the wrong comparison, the mask
    /// alone, dOut times the input itself (the derivative taken as x instead of 1), or dOut unchanged.
    /// </summary>
    /// <param name="inputs">The inputs of Forward.</param>
    /// <param name="dOut">The same shape.</param>
    /// <returns>The diagnosis for the gradient.</returns>
    public static Diagnosis ReLUBackward(Matrix<double> inputs, Matrix<double> dOut) => Diagnosis.Of()
        .Candidate("dOut times the input where the input is positive (dOut · max(0, x))",
            "the derivative of max(0, x) is 1 where x > 0, not x itself: multiply dOut by the mask (1 where x > 0, 0 elsewhere), not by the input or the output of Forward",
            () => dOut.PointwiseMultiply(inputs.PointwiseMaximum(0.0)))
        .Candidate("dOut where the input is ≥ 0", "the derivative at exactly 0 is 0 by the documented convention: mask with inputs > 0, not >= 0",
            () => dOut.PointwiseMultiply(Mask(inputs, x => x >= 0)))
        .Candidate("dOut where dOut is positive", "the mask comes from the sign of the cached inputs of Forward, not from the sign of dOut",
            () => dOut.PointwiseMultiply(Mask(dOut, x => x > 0)))
        .Candidate("the mask alone (1 where the input is positive)", "multiply the mask by dOut (the chain rule)", () => Mask(inputs, x => x > 0))
        .Candidate("dOut unchanged", "set dOut to 0 where the input was not positive", () => dOut)
        .Candidate("max(0, dOut)", "the mask comes from the cached inputs of Forward, not from dOut", () => dOut.Map(x => Math.Max(0, x)));

    /// <summary>
    /// CrossEntropy.Backward's usual wrong gradients that need no oracle of the grader's: probabilities that are not
    /// normalised, a sign flipped, factors of N and K.
    /// </summary>
    /// <param name="logits">Shape (N, K).</param>
    /// <param name="labels">One-hot, shape (N, K).</param>
    /// <returns>The diagnosis for Backward() with dOut = 1.</returns>
    public static Diagnosis CrossEntropyGradient(Matrix<double> logits, Matrix<double> labels) => Diagnosis.Of()
        .Negated("the gradient of the loss is softmax - labels, not labels - softmax")
        .Candidate("(exp(z - max z) - labels) / N, with exponentials that are not divided by their row's sum", UnnormalisedCause,
            () => (logits.SubtractColumnVector(logits.RowMaxima()).PointwiseExp() - labels) / logits.RowCount)
        .WithSizes(logits.RowCount, logits.ColumnCount);

    /// <summary>The cause named when Backward's probabilities are the softmax's numerators.</summary>
    public const string UnnormalisedCause = "the cached probabilities are not normalised: softmax divides each row of exp(z - max z) by that row's sum";

    /// <summary>
    /// Which of the two usual numerical-stability mistakes makes a cross-entropy not finite, told by what two more
    /// cases show, not by NaN versus ∞ (real code gives either for both). Logits [1000, 999] overflow an exponential
    /// that is not shifted but underflow nothing, so only a missing shift fails there. Logits [-1000, 0] with the first
    /// class right overflow nothing, and the log of a probability (which underflowed to 0) is -∞ there. Logits [1, 0]
    /// come first: code that is wrong there has another mistake, and neither is named.
    /// </summary>
    /// <param name="forward">A new loss object's Forward(logits, labels).</param>
    /// <param name="crashed">Whether an exception is the student's code failing (anything else propagates).</param>
    /// <returns>The cause as a clause, e.g. "exp of a logit of 1000 overflows to ∞ …: subtract each row's maximum before the exponential".</returns>
    public static string WhyCrossEntropyIsNotFinite(Func<Matrix<double>, Matrix<double>, double> forward, Func<Exception, bool> crashed)
    {
        bool Right(double first, double second, double expected)
        {
            try
            {
                var loss = forward(Matrix<double>.Build.DenseOfArray(new[,] { { first, second } }), Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 } }));
                return double.IsFinite(loss) && Math.Abs(loss - expected) <= 1e-6 * Math.Max(1, expected);
            }
            catch (Exception exception) when (crashed(exception))
            {
                return false;
            }
        }

        // -log softmax([1, 0])[0] = -log softmax([1000, 999])[0] = log(1 + e^-1); -log softmax([-1000, 0])[0] = 1000 + log(1 + e^-1000) = 1000.
        // Logits [1, 0] first: a loss that is wrong where nothing can overflow or underflow has no stability problem to name.
        if (!Right(1, 0, Math.Log(1 + Math.Exp(-1))))
        {
            return "the loss is wrong even for logits [1, 0], where no exponential overflows or underflows: the formula itself is wrong, not its numerical stability " +
                "(expected -(1/N) Σ log softmax(z)[n, label n])";
        }

        if (!Right(1000, 999, Math.Log(1 + Math.Exp(-1))))
        {
            return "exp of a logit of 1000 overflows to ∞ (and ∞ / ∞ is NaN): subtract each row's maximum before the exponential " +
                "(logits [1000, 999], which no shifted softmax finds hard, give a wrong loss too)";
        }

        return Right(-1000, 0, 1000)
            ? "an exponential overflowed or a logarithm met 0: compute log softmax as (z - max z) - log Σ exp(z - max z), each row shifted by its own maximum"
            : "the row maximum is subtracted (logits [1000, 999] give the right loss), but a probability that underflows to 0 has the log -∞: " +
              "compute log softmax as shifted - log Σ exp(shifted), with shifted = z - max z, not log(softmax(z)), the log of an underflowed probability";
    }

    private static Matrix<double> Mask(Matrix<double> values, Func<double, bool> keep) => values.Map(x => keep(x) ? 1.0 : 0.0);
}
