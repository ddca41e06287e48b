using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 1: an affine (fully connected) layer, <c>out = inputs · weight + bias</c>.
/// </summary>
/// <remarks>
/// Shapes: N samples, D input features, H outputs. <see cref="Forward"/> keeps (caches) what
/// <see cref="Backward"/> needs; <see cref="Backward"/> then uses the values of the latest call to
/// <see cref="Forward"/>. Neither method may modify its arguments,
/// nor may Backward change the matrix Forward returned: it belongs to the caller (the next layer caches it as its input).
/// </remarks>
public sealed class Affine
{
    /// <summary>Forward pass: <c>out[n, h] = Σ_d inputs[n, d] · weight[d, h] + bias[h]</c>.</summary>
    /// <param name="inputs">Shape (N, D): one sample per row.</param>
    /// <param name="weight">Shape (D, H).</param>
    /// <param name="bias">Shape (H): added to every row.</param>
    /// <returns>Shape (N, H).</returns>
    public Matrix<double> Forward(Matrix<double> inputs, Matrix<double> weight, Vector<double> bias)
    {
        // TODO (task 1): remember inputs and weight for Backward, then return inputs · weight + bias.
        // Hint: the * operator multiplies matrices; AddRowVector adds the bias to every row.
        throw new NotImplementedException("Task 1: Affine.Forward is not implemented yet (exercises/Task1_Affine/Affine.cs).");
    }

    /// <summary>Backward pass: the gradients of the loss with respect to each input of <see cref="Forward"/>.</summary>
    /// <param name="dOut">Shape (N, H): ∂loss/∂out, the gradient flowing back from the next layer.</param>
    /// <returns>
    /// <c>DInputs</c> = ∂loss/∂inputs, shape (N, D); <c>DWeight</c> = ∂loss/∂weight, shape (D, H);
    /// <c>DBias</c> = ∂loss/∂bias, shape (H) — summed (not averaged) over the N samples, because the loss
    /// already averaged over the batch.
    /// </returns>
    public (Matrix<double> DInputs, Matrix<double> DWeight, Vector<double> DBias) Backward(Matrix<double> dOut)
    {
        // TODO (task 1): use the values cached by Forward and the chain rule.
        // Hint: check each result's shape against the docs above; TransposeThisAndMultiply and ColumnSums help.
        throw new NotImplementedException("Task 1: Affine.Backward is not implemented yet (exercises/Task1_Affine/Affine.cs).");
    }
}
