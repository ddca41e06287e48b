using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Ways to set a network's starting weights.</summary>
public static class Initializers
{
    /// <summary>
    /// Xavier (Glorot) uniform initialisation: every weight drawn from U(-a, a) with
    /// <c>a = sqrt(6 / (fanIn + fanOut))</c>, as PyTorch's <c>xavier_uniform_</c> does.
    /// </summary>
    /// <param name="fanIn">Number of rows: the inputs of the layer (D).</param>
    /// <param name="fanOut">Number of columns: the outputs of the layer (H).</param>
    /// <param name="random">The source of randomness; a seeded one makes the result reproducible.</param>
    /// <returns>Shape (fanIn, fanOut).</returns>
    public static Matrix<double> XavierUniform(int fanIn, int fanOut, Random random)
    {
        var bound = XavierBound(fanIn, fanOut);
        return Matrix<double>.Build.Random(fanIn, fanOut, new ContinuousUniform(-bound, bound, random));
    }

    /// <summary>The bound <c>a = sqrt(6 / (fanIn + fanOut))</c> of <see cref="XavierUniform"/>.</summary>
    /// <param name="fanIn">Number of inputs of the layer.</param>
    /// <param name="fanOut">Number of outputs of the layer.</param>
    /// <returns>The half-width of the uniform distribution.</returns>
    public static double XavierBound(int fanIn, int fanOut) => Math.Sqrt(6.0 / (fanIn + fanOut));
}
