using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>A model trained by gradient descent that predicts one of K classes.</summary>
public interface IClassifier
{
    /// <summary>Class probabilities for a batch of samples.</summary>
    /// <param name="inputs">Shape (N, D): one sample per row.</param>
    /// <returns>Shape (N, K): <c>result[n, k]</c> is the probability that sample n belongs to class k.</returns>
    Matrix<double> Predict(Matrix<double> inputs);

    /// <summary>One step of gradient descent on a batch: forward, backward, update the parameters.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="labels">Shape (N, K), one-hot: one 1 per row.</param>
    /// <returns>The mean cross-entropy loss over the batch, computed before the update.</returns>
    double Step(Matrix<double> inputs, Matrix<double> labels);
}
