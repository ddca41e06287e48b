using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Mean squared error whose gradient forgets to divide by N·K, as if the loss were a sum.</summary>
public sealed class MeanSquaredError
{
    private Matrix<double>? _errors;

    /// <summary>The mean over all N·K elements.</summary>
    /// <param name="predictions">Shape (N, K).</param>
    /// <param name="targets">Shape (N, K).</param>
    /// <returns>The loss.</returns>
    public double Forward(Matrix<double> predictions, Matrix<double> targets)
    {
        _errors = predictions - targets;
        return _errors.PointwisePower(2).Enumerate().Average();
    }

    /// <summary>The gradient of the latest loss.</summary>
    /// <param name="dOut">∂final/∂loss.</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Backward(double dOut = 1.0) => 2 * dOut * _errors!; // the bug: no division by N·K
}
