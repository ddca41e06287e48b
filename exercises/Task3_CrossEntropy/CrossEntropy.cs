using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 3: categorical cross-entropy with the softmax inside: the loss of a classifier that outputs logits.
/// </summary>
/// <remarks>
/// <c>loss = -(1/N) Σ_n Σ_k labels[n, k] · log softmax(logits)[n, k]</c>: the mean over the batch.
/// It must be numerically stable: logits of ±1000 give a finite loss and finite gradients
/// (use <c>log softmax(z) = z - max(z) - log Σ exp(z - max(z))</c> rather than the log of a softmax
/// that may have underflowed to 0). <see cref="Forward"/> caches what <see cref="Backward"/> needs.
/// </remarks>
public sealed class CrossEntropy
{
    /// <summary>Forward pass: the mean cross-entropy of the softmax of <paramref name="logits"/>.</summary>
    /// <param name="logits">Shape (N, K): unnormalised class scores, one row per sample.</param>
    /// <param name="labels">Shape (N, K), one-hot: <c>labels[n, k] = 1</c> if sample n is of class k, else 0.</param>
    /// <returns>The loss: a single number, the mean over the N samples.</returns>
    public double Forward(Matrix<double> logits, Matrix<double> labels)
    {
        // TODO (task 3): compute a stable log-softmax of each row, the mean loss, and cache what Backward needs.
        throw new NotImplementedException("Task 3: CrossEntropy.Forward is not implemented yet (exercises/Task3_CrossEntropy/CrossEntropy.cs).");
    }

    /// <summary>Backward pass: the gradient of the loss with respect to the logits of the latest <see cref="Forward"/>.</summary>
    /// <param name="dOut">∂(final loss)/∂(this loss); 1.0 because this is the last node of the graph.</param>
    /// <returns>∂loss/∂logits, shape (N, K). Remember the 1/N of the mean.</returns>
    public Matrix<double> Backward(double dOut = 1.0)
    {
        // TODO (task 3): the gradient of softmax + cross-entropy has a short closed form; scale it by dOut.
        throw new NotImplementedException("Task 3: CrossEntropy.Backward is not implemented yet (exercises/Task3_CrossEntropy/CrossEntropy.cs).");
    }
}
