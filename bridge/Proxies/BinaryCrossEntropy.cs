using Coursework.Bridge;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Stand-in for task 5's BinaryCrossEntropy on the other side of the bridge.</summary>
public sealed class BinaryCrossEntropy
{
    /// <summary>How far probabilities are kept from 0 and 1.</summary>
    public const double Epsilon = 1e-9;

    private readonly Remote _remote;

    /// <summary>Creates a BinaryCrossEntropy on the other side.</summary>
    public BinaryCrossEntropy() => _remote = Remote.New(nameof(BinaryCrossEntropy));

    internal BinaryCrossEntropy(Remote remote) => _remote = remote;

    /// <summary>The mean loss.</summary>
    /// <param name="probabilities">Shape (N, K).</param>
    /// <param name="targets">Shape (N, K).</param>
    /// <returns>A number.</returns>
    public double Forward(Matrix<double> probabilities, Matrix<double> targets) => _remote.Call<double>(nameof(Forward), probabilities, targets);

    /// <summary>The gradient of the latest Forward's loss.</summary>
    /// <param name="dOut">∂final/∂loss.</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Backward(double dOut = 1.0) => _remote.Call<Matrix<double>>(nameof(Backward), dOut);
}
