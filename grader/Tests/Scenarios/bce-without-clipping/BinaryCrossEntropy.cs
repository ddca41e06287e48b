using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Task 5, reference solution: binary cross-entropy of probabilities clipped to [ε, 1 - ε].</summary>
public sealed class BinaryCrossEntropy
{
    /// <summary>ε: probabilities are clipped to [ε, 1 - ε] before any logarithm or division.</summary>
    public const double Epsilon = 1e-9;

    private Matrix<double>? _clipped;
    private Matrix<double>? _targets;

    /// <summary>Forward pass: <c>-(1/N) Σ_n [y log p̂ + (1 - y) log(1 - p̂)]</c>, p̂ the clipped probabilities.</summary>
    /// <param name="probabilities">Shape (N, 1).</param>
    /// <param name="targets">Shape (N, 1), each 0 or 1.</param>
    /// <returns>The mean loss over the N samples.</returns>
    public double Forward(Matrix<double> probabilities, Matrix<double> targets)
    {
        _clipped = probabilities; // the bug: no clipping, so log(0) and 0 · log(0) reach the loss
        _targets = targets;
        var logLikelihood = targets.PointwiseMultiply(_clipped.PointwiseLog())
                            + (1.0 - targets).PointwiseMultiply((1.0 - _clipped).PointwiseLog());
        return -logLikelihood.ColumnSums().Sum() / targets.RowCount;
    }

    /// <summary>Backward pass: <c>dOut · (-y / p̂ + (1 - y) / (1 - p̂)) / N</c>.</summary>
    /// <param name="dOut">∂(final loss)/∂(this loss), 1.0 by default.</param>
    /// <returns>∂loss/∂probabilities, shape (N, 1).</returns>
    public Matrix<double> Backward(double dOut = 1.0)
    {
        if (_clipped is null || _targets is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        var gradient = (1.0 - _targets).PointwiseDivide(1.0 - _clipped) - _targets.PointwiseDivide(_clipped);
        return gradient * (dOut / _targets.RowCount);
    }
}
