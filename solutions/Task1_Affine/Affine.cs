using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Task 1, reference solution: an affine (fully connected) layer, <c>out = inputs · weight + bias</c>.</summary>
public sealed class Affine
{
    private Matrix<double>? _inputs;
    private Matrix<double>? _weight;

    /// <summary>Forward pass: <c>out[n, h] = Σ_d inputs[n, d] · weight[d, h] + bias[h]</c>.</summary>
    /// <param name="inputs">Shape (N, D): one sample per row.</param>
    /// <param name="weight">Shape (D, H).</param>
    /// <param name="bias">Shape (H): added to every row.</param>
    /// <returns>Shape (N, H).</returns>
    public Matrix<double> Forward(Matrix<double> inputs, Matrix<double> weight, Vector<double> bias)
    {
        _inputs = inputs;
        _weight = weight;
        return (inputs * weight).AddRowVector(bias);
    }

    /// <summary>Backward pass: the gradients of the loss with respect to each input of <see cref="Forward"/>.</summary>
    /// <param name="dOut">Shape (N, H): ∂loss/∂out.</param>
    /// <returns>∂loss/∂inputs (N, D), ∂loss/∂weight (D, H), ∂loss/∂bias (H).</returns>
    public (Matrix<double> DInputs, Matrix<double> DWeight, Vector<double> DBias) Backward(Matrix<double> dOut)
    {
        if (_inputs is null || _weight is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        // out = inputs · weight + bias, so by the chain rule (NumPy: dOut @ W.T, X.T @ dOut, dOut.sum(axis=0)):
        var dInputs = dOut.TransposeAndMultiply(_weight); // dOut · weightᵀ, shape (N, D)
        var dWeight = _inputs.TransposeThisAndMultiply(dOut); // inputsᵀ · dOut, shape (D, H)
        var dBias = dOut.ColumnSums(); // dOut summed over the samples, shape (H)
        return (dInputs, dWeight, dBias);
    }
}
