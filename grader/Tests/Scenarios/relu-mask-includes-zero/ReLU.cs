using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Task 2, reference solution: the rectified linear unit, <c>out = max(0, inputs)</c>.</summary>
public sealed class ReLU
{
    private Matrix<double>? _inputs;

    /// <summary>Forward pass: <c>out[i, j] = max(0, inputs[i, j])</c>.</summary>
    /// <param name="inputs">Any shape (N, H).</param>
    /// <returns>The same shape as <paramref name="inputs"/>.</returns>
    public Matrix<double> Forward(Matrix<double> inputs)
    {
        _inputs = inputs;
        return inputs.PointwiseMaximum(0.0);
    }

    /// <summary>Backward pass: lets the gradient through where the input was positive.</summary>
    /// <param name="dOut">∂loss/∂out, the shape of the latest inputs.</param>
    /// <returns>∂loss/∂inputs, the same shape as <paramref name="dOut"/>.</returns>
    public Matrix<double> Backward(Matrix<double> dOut)
    {
        if (_inputs is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        return dOut.PointwiseMultiply(_inputs.Map(x => x >= 0 ? 1.0 : 0.0));
    }
}
