using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 6: the mean squared error, the loss of a regression network.
/// </summary>
/// <remarks>
/// The convention here (graded exactly): the mean over all N·K elements, with no factor ½ —
/// <c>loss = (1 / (N·K)) Σ_n Σ_k (predictions[n, k] - targets[n, k])²</c>, NumPy's <c>((A - Y) ** 2).mean()</c> as in
/// notebook 002. So the gradient carries a factor 2: <c>∂loss/∂predictions = 2 (predictions - targets) / (N·K)</c>.
/// <see cref="Forward"/> caches what <see cref="Backward"/> needs.
/// </remarks>
public sealed class MeanSquaredError
{
    /// <summary>Forward pass: the mean over all elements of the squared differences.</summary>
    /// <param name="predictions">Shape (N, K): the network's outputs.</param>
    /// <param name="targets">Shape (N, K): the true values.</param>
    /// <returns>The loss: a single number, the mean over all N·K elements.</returns>
    public double Forward(Matrix<double> predictions, Matrix<double> targets)
    {
        // TODO (task 6): the mean of the squared errors; cache what Backward needs.
        throw new NotImplementedException("Task 6: MeanSquaredError.Forward is not implemented yet (exercises/Task6_RegressionNet/MeanSquaredError.cs).");
    }

    /// <summary>Backward pass: <c>dOut · 2 (predictions - targets) / (N·K)</c> for the latest <see cref="Forward"/>.</summary>
    /// <param name="dOut">∂(final loss)/∂(this loss); 1.0 because this is the last node of the graph.</param>
    /// <returns>∂loss/∂predictions, shape (N, K).</returns>
    public Matrix<double> Backward(double dOut = 1.0)
    {
        // TODO (task 6): differentiate the mean of squares; mind the 2 and the N·K.
        throw new NotImplementedException("Task 6: MeanSquaredError.Backward is not implemented yet (exercises/Task6_RegressionNet/MeanSquaredError.cs).");
    }
}
