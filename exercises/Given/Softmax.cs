using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>The softmax function, row by row (SciPy's <c>softmax(logits, axis=1)</c>).</summary>
public static class Softmax
{
    /// <summary>Turns each row of logits into class probabilities.</summary>
    /// <remarks>
    /// Subtracts each row's maximum before exponentiating: softmax does not change when a constant is
    /// added to a row, and this way no <c>exp</c> overflows, however large the logits.
    /// </remarks>
    /// <param name="logits">Shape (N, K).</param>
    /// <returns>Shape (N, K); every row is non-negative and sums to 1.</returns>
    public static Matrix<double> Rows(Matrix<double> logits)
    {
        var exponentials = logits.SubtractColumnVector(logits.RowMaxima()).PointwiseExp();
        return exponentials.DivideByColumnVector(exponentials.RowSums());
    }
}
