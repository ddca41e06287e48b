using Coursework.Bridge;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Stand-in for task 1's Affine on the other side of the bridge (see bridge/README.md).</summary>
public sealed class Affine
{
    private readonly Remote _remote;

    /// <summary>Creates an Affine on the other side.</summary>
    public Affine() => _remote = Remote.New(nameof(Affine));

    internal Affine(Remote remote) => _remote = remote;

    /// <summary>Forward pass.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="weight">Shape (D, H).</param>
    /// <param name="bias">Shape (H).</param>
    /// <returns>Shape (N, H).</returns>
    public Matrix<double> Forward(Matrix<double> inputs, Matrix<double> weight, Vector<double> bias) =>
        _remote.Call<Matrix<double>>(nameof(Forward), inputs, weight, bias);

    /// <summary>Backward pass.</summary>
    /// <param name="dOut">Shape (N, H).</param>
    /// <returns>The three gradients.</returns>
    public (Matrix<double> DInputs, Matrix<double> DWeight, Vector<double> DBias) Backward(Matrix<double> dOut) =>
        _remote.Call<(Matrix<double>, Matrix<double>, Vector<double>)>(nameof(Backward), dOut);
}
