using Coursework.Bridge;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Stand-in for task 6's MeanSquaredError on the other side of the bridge.</summary>
public sealed class MeanSquaredError
{
    private readonly Remote _remote;

    /// <summary>Creates a MeanSquaredError on the other side.</summary>
    public MeanSquaredError() => _remote = Remote.New(nameof(MeanSquaredError));

    internal MeanSquaredError(Remote remote) => _remote = remote;

    /// <summary>The mean loss.</summary>
    /// <param name="predictions">Shape (N, K).</param>
    /// <param name="targets">Shape (N, K).</param>
    /// <returns>A number.</returns>
    public double Forward(Matrix<double> predictions, Matrix<double> targets) => _remote.Call<double>(nameof(Forward), predictions, targets);

    /// <summary>The gradient of the latest Forward's loss.</summary>
    /// <param name="dOut">∂final/∂loss.</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Backward(double dOut = 1.0) => _remote.Call<Matrix<double>>(nameof(Backward), dOut);
}
