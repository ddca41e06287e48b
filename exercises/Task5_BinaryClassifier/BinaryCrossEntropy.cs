using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 5: binary cross-entropy, the loss of a classifier that outputs the probability of class 1.
/// </summary>
/// <remarks>
/// <para>
/// <c>loss = -(1/N) Σ_n [y_n · log p̂_n + (1 - y_n) · log(1 - p̂_n)]</c>: the mean over the N samples, where
/// <c>p̂ = clip(p, ε, 1 - ε)</c> with <see cref="Epsilon"/> = 1e-9, as in the notebook (NumPy's
/// <c>np.clip(A, 1e-9, 1 - 1e-9)</c>).
/// </para>
/// <para>
/// Why clip: a sigmoid output can be exactly 0 or 1 in floating point, and then <c>log 0 = -∞</c> and
/// <c>0 · log 0 = NaN</c>. Clipping keeps the loss and the gradient finite: a confident wrong answer costs
/// <c>-log(1e-9) ≈ 20.7</c>, not infinity. Use the clipped p̂ everywhere, in <see cref="Forward"/> and in
/// <see cref="Backward"/>.
/// </para>
/// </remarks>
public sealed class BinaryCrossEntropy
{
    /// <summary>ε: probabilities are clipped to [ε, 1 - ε] before any logarithm or division.</summary>
    public const double Epsilon = 1e-9;

    /// <summary>Forward pass: the mean binary cross-entropy of the clipped probabilities.</summary>
    /// <param name="probabilities">Shape (N, 1): the predicted probability of class 1 for each sample.</param>
    /// <param name="targets">Shape (N, 1): the true class of each sample, 0 or 1.</param>
    /// <returns>The loss: a single number, the mean over the N samples.</returns>
    public double Forward(Matrix<double> probabilities, Matrix<double> targets)
    {
        // TODO (task 5): clip the probabilities (Math.Clamp), compute the mean loss, cache what Backward needs.
        // Hint: 1.0 - matrix, PointwiseLog and PointwiseMultiply work on whole matrices.
        throw new NotImplementedException("Task 5: BinaryCrossEntropy.Forward is not implemented yet (exercises/Task5_BinaryClassifier/BinaryCrossEntropy.cs).");
    }

    /// <summary>
    /// Backward pass: the gradient of the loss with respect to the probabilities of the latest <see cref="Forward"/>,
    /// <c>dOut · (-y / p̂ + (1 - y) / (1 - p̂)) / N</c> with the clipped p̂ (the notebook's <c>bce_loss_backward</c>).
    /// </summary>
    /// <param name="dOut">∂(final loss)/∂(this loss); 1.0 because this is the last node of the graph.</param>
    /// <returns>∂loss/∂probabilities, shape (N, 1). Remember the 1/N of the mean.</returns>
    public Matrix<double> Backward(double dOut = 1.0)
    {
        // TODO (task 5): the derivative of the formula above with respect to each p̂, scaled by dOut / N.
        throw new NotImplementedException("Task 5: BinaryCrossEntropy.Backward is not implemented yet (exercises/Task5_BinaryClassifier/BinaryCrossEntropy.cs).");
    }
}
