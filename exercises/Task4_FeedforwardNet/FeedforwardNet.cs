using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 4: a two-layer feedforward network with a ReLU hidden layer:
/// input → affine (W1, b1) → ReLU → affine (W2, b2) → softmax.
/// </summary>
/// <remarks>
/// Build it from your <see cref="Affine"/>, <see cref="ReLU"/> and <see cref="CrossEntropy"/> layers;
/// <see cref="LogisticRegression"/> is a complete example of the same pattern with one layer.
/// </remarks>
public sealed class FeedforwardNet : IClassifier
{
    /// <summary>
    /// Creates the network: W1 and W2 with <see cref="Initializers.XavierUniform"/> (W1 first, then W2,
    /// both from one <c>new Random(seed)</c>), b1 and b2 all zeros.
    /// </summary>
    /// <param name="inputSize">D, the number of input features.</param>
    /// <param name="hiddenSize">H, the number of hidden units.</param>
    /// <param name="outputSize">K, the number of classes.</param>
    /// <param name="learningRate">The step size of gradient descent.</param>
    /// <param name="seed">Seeds the weights: the same seed gives the same network.</param>
    public FeedforwardNet(int inputSize, int hiddenSize, int outputSize, double learningRate = 1e-2, int seed = 0)
    {
        // TODO (task 4): set LearningRate, initialise W1, B1, W2, B2, and create the layers you need as fields.
        throw new NotImplementedException("Task 4: the FeedforwardNet constructor is not implemented yet (exercises/Task4_FeedforwardNet/FeedforwardNet.cs).");
    }

    /// <summary>The step size of gradient descent.</summary>
    public double LearningRate { get; }

    /// <summary>The first layer's weights, shape (D, H).</summary>
    public Matrix<double> W1 { get; set; }

    /// <summary>The first layer's bias, shape (H).</summary>
    public Vector<double> B1 { get; set; }

    /// <summary>The second layer's weights, shape (H, K).</summary>
    public Matrix<double> W2 { get; set; }

    /// <summary>The second layer's bias, shape (K).</summary>
    public Vector<double> B2 { get; set; }

    /// <summary>Class probabilities for a batch: the softmax of the network's output.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, K): each row sums to 1.</returns>
    public Matrix<double> Predict(Matrix<double> inputs)
    {
        // TODO (task 4): the forward pass, then Softmax.Rows.
        throw new NotImplementedException("Task 4: FeedforwardNet.Predict is not implemented yet (exercises/Task4_FeedforwardNet/FeedforwardNet.cs).");
    }

    /// <summary>
    /// One step of gradient descent on a batch: forward pass and loss, backward pass through every layer,
    /// then <c>p ← p - LearningRate · ∂loss/∂p</c> for each of W1, B1, W2, B2.
    /// </summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="labels">Shape (N, K), one-hot.</param>
    /// <returns>The mean cross-entropy loss over the batch, computed before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> labels)
    {
        // TODO (task 4): see LogisticRegression.Step; here the gradient flows back through two affine layers and a ReLU.
        throw new NotImplementedException("Task 4: FeedforwardNet.Step is not implemented yet (exercises/Task4_FeedforwardNet/FeedforwardNet.cs).");
    }
}
