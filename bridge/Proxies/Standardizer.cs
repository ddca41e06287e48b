using Coursework.Bridge;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Stand-in for task 5's Standardizer on the other side of the bridge.</summary>
public sealed class Standardizer
{
    /// <summary>A column whose deviation is below this gets scale 1.</summary>
    public const double ConstantColumnTolerance = 1e-10;

    private readonly Remote _remote;

    /// <summary>Creates a Standardizer on the other side.</summary>
    public Standardizer() => _remote = Remote.New(nameof(Standardizer));

    internal Standardizer(Remote remote) => _remote = remote;

    /// <summary>The column means learnt by Fit.</summary>
    public Vector<double>? Mean => _remote.Call<Vector<double>?>("get_Mean");

    /// <summary>The column scales learnt by Fit.</summary>
    public Vector<double>? Scale => _remote.Call<Vector<double>?>("get_Scale");

    /// <summary>Learns the statistics.</summary>
    /// <param name="features">Shape (N, D).</param>
    /// <returns>The standardizer.</returns>
    public Standardizer Fit(Matrix<double> features) => _remote.Call<Standardizer>(nameof(Fit), features);

    /// <summary>Standardizes with the learnt statistics.</summary>
    /// <param name="features">Shape (M, D).</param>
    /// <returns>Shape (M, D).</returns>
    public Matrix<double> Transform(Matrix<double> features) => _remote.Call<Matrix<double>>(nameof(Transform), features);
}
