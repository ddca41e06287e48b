using System.Numerics.Tensors;
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
        // exponentials = logits.SubtractColumnVector(logits.RowMaxima()).PointwiseExp(), divided by
        // exponentials.RowSums(); MathNet's PointwiseExp and RowSums call a function per element, so this works
        // through the column-major array of the shifted logits (a new matrix) a column at a time with SIMD instead.
        var exponentials = logits.SubtractColumnVector(logits.RowMaxima());
        var values = exponentials.AsColumnMajorArray();
        var rows = logits.RowCount;
        var sums = new double[rows];
        for (var j = 0; j < logits.ColumnCount; j++)
        {
            var column = values.AsSpan(j * rows, rows);
            TensorPrimitives.Exp(column, column);
            TensorPrimitives.Add(sums, column, sums); // column by column, as RowSums adds
        }

        return exponentials.DivideByColumnVector(Vector<double>.Build.Dense(sums));
    }
}
