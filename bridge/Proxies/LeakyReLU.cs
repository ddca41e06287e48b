using Coursework.Bridge;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Stand-in for task 6's LeakyReLU on the other side of the bridge.</summary>
public sealed class LeakyReLU
{
    private readonly Remote _remote;

    /// <summary>Creates a LeakyReLU on the other side.</summary>
    /// <param name="slope">The slope for inputs ≤ 0.</param>
    public LeakyReLU(double slope = 0.1) => _remote = Remote.New(nameof(LeakyReLU), slope);

    internal LeakyReLU(Remote remote) => _remote = remote;

    /// <summary>The slope for inputs ≤ 0.</summary>
    public double Slope => _remote.Call<double>("get_Slope");

    /// <summary>Forward pass.</summary>
    /// <param name="inputs">Any shape.</param>
    /// <returns>The same shape.</returns>
    public Matrix<double> Forward(Matrix<double> inputs) => _remote.Call<Matrix<double>>(nameof(Forward), inputs);

    /// <summary>Backward pass.</summary>
    /// <param name="dOut">The shape of the latest Forward's inputs.</param>
    /// <returns>The same shape.</returns>
    public Matrix<double> Backward(Matrix<double> dOut) => _remote.Call<Matrix<double>>(nameof(Backward), dOut);
}
