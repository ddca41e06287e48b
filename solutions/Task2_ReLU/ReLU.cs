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
        return inputs.PointwiseMaximum(0.0); // NumPy: np.maximum(0, x)
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

        if (dOut.RowCount != _inputs.RowCount || dOut.ColumnCount != _inputs.ColumnCount)
        {
            throw new ArgumentException("dOut must have the shape of the inputs of the latest Forward.", nameof(dOut));
        }

        // The derivative of max(0, x): 1 where the input was positive, 0 elsewhere, at 0 too (NumPy: dOut * (x > 0)).
        var derivative = _inputs.Map(x => x > 0 ? 1.0 : 0.0);
        return dOut.PointwiseMultiply(derivative);
    }
}
