using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Task 3, reference solution: categorical cross-entropy with the softmax inside, stable for any logits.</summary>
public sealed class CrossEntropy
{
    private Matrix<double>? _probabilities;
    private Matrix<double>? _labels;

    /// <summary>Forward pass: the mean cross-entropy of the softmax of <paramref name="logits"/>.</summary>
    /// <param name="logits">Shape (N, K).</param>
    /// <param name="labels">Shape (N, K), one-hot.</param>
    /// <returns>The mean loss over the N samples.</returns>
    public double Forward(Matrix<double> logits, Matrix<double> labels)
    {
        // log softmax(z) = (z - max z) - log Σ exp(z - max z): nothing overflows, and no log of an underflowed 0.
        var shifted = logits.SubtractColumnVector(logits.RowMaxima());
        var logSumExp = RowSums(Exp(shifted)).PointwiseLog();
        var logProbabilities = shifted.SubtractColumnVector(logSumExp);

        _probabilities = Exp(logProbabilities);
        _labels = labels;
        return -RowSums(labels.PointwiseMultiply(logProbabilities)).Sum() / logits.RowCount;
    }

    /// <summary>Backward pass: <c>dOut · (softmax(logits) - labels) / N</c>.</summary>
    /// <param name="dOut">∂(final loss)/∂(this loss), 1.0 by default.</param>
    /// <returns>∂loss/∂logits, shape (N, K).</returns>
    public Matrix<double> Backward(double dOut = 1.0)
    {
        if (_probabilities is null || _labels is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        return (_probabilities - _labels) * (dOut / _labels.RowCount);
    }

    /// <summary>The sum of each row, <c>matrix.RowSums()</c>, as the product with a vector of ones.</summary>
    /// <remarks>MathNet's <c>RowSums</c> adds one element at a time through a function call; a matrix-vector product
    /// goes to its linear-algebra provider, which the kit makes fast.</remarks>
    private static Vector<double> RowSums(Matrix<double> matrix) =>
        matrix * Vector<double>.Build.Dense(matrix.ColumnCount, 1.0);

    /// <summary>e^x element by element: <c>matrix.PointwiseExp()</c>, with SIMD instructions.</summary>
    /// <remarks>
    /// MathNet calls <c>Math.Exp</c> once per element; TensorPrimitives works through the whole column-major array
    /// (MathNet's storage) several elements per instruction.
    /// </remarks>
    private static Matrix<double> Exp(Matrix<double> matrix)
    {
        var values = matrix.ToColumnMajorArray();
        TensorPrimitives.Exp(values, values);
        return Matrix<double>.Build.Dense(matrix.RowCount, matrix.ColumnCount, values);
    }
}
