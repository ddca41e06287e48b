using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Task 5, reference solution: the logistic sigmoid, <c>out = 1 / (1 + e^-inputs)</c>.</summary>
public sealed class Sigmoid
{
    private Matrix<double>? _outputs;

    /// <summary>Forward pass: <c>out[i, j] = 1 / (1 + exp(-inputs[i, j]))</c>.</summary>
    /// <param name="inputs">Any shape (N, H).</param>
    /// <returns>The same shape; every element in [0, 1].</returns>
    public Matrix<double> Forward(Matrix<double> inputs)
    {
        // exp(-x) overflows to +∞ for x below about -710, and 1 / (1 + ∞) is 0: the right limit, no NaN.
        _outputs = inputs.Map(x => 1.0 / (1.0 + Math.Exp(-x)));
        return _outputs;
    }

    /// <summary>Backward pass: <c>dOut ⊙ σ(x) ⊙ (1 - σ(x))</c>, with σ(x) the cached output.</summary>
    /// <param name="dOut">∂loss/∂out, the shape of the latest inputs.</param>
    /// <returns>∂loss/∂inputs, the same shape.</returns>
    public Matrix<double> Backward(Matrix<double> dOut)
    {
        if (_outputs is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        // The bug: σ'(x) = σ(x)(1 - σ(x)) evaluated at the cached output, as if it were the input.
        var s = _outputs.Map(x => 1.0 / (1.0 + Math.Exp(-x)));
        return dOut.PointwiseMultiply(s.PointwiseMultiply(1.0 - s));
    }
}
