using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 6: a three-layer regression network (notebook 000's second exercise):
/// input → affine (W1, b1) → leaky ReLU → affine (W2, b2) → leaky ReLU → affine (W3, b3) → output,
/// trained on <see cref="MeanSquaredError"/>.
/// </summary>
/// <remarks>
/// The output is linear: the last affine layer has no activation, so the network can predict any real number.
/// Build it from your <see cref="Affine"/> (task 1), two <see cref="LeakyReLU"/> layers and <see cref="MeanSquaredError"/>.
/// </remarks>
public sealed class RegressionNet
{
    /// <summary>
    /// Creates the network: W1, W2 and W3 with <see cref="Initializers.XavierUniform"/> (in that order, all from one
    /// <c>new Random(seed)</c>), b1, b2 and b3 all zeros; both leaky ReLUs use <paramref name="slope"/>.
    /// </summary>
    /// <param name="inputSize">D, the number of input features.</param>
    /// <param name="hiddenSize1">H1, the units of the first hidden layer.</param>
    /// <param name="hiddenSize2">H2, the units of the second hidden layer.</param>
    /// <param name="outputSize">K, the number of outputs.</param>
    /// <param name="learningRate">The step size of gradient descent.</param>
    /// <param name="slope">The leaky ReLUs' slope for inputs ≤ 0.</param>
    /// <param name="seed">Seeds the weights: the same seed gives the same network.</param>
    public RegressionNet(int inputSize, int hiddenSize1, int hiddenSize2, int outputSize,
        double learningRate = 0.01, double slope = 0.1, int seed = 0)
    {
        // TODO (task 6): set LearningRate, initialise the six parameters, create the layers you need as fields.
        throw new NotImplementedException("Task 6: the RegressionNet constructor is not implemented yet (exercises/Task6_RegressionNet/RegressionNet.cs).");
    }

    /// <summary>The step size of gradient descent.</summary>
    public double LearningRate { get; }

    /// <summary>The first layer's weights, shape (D, H1).</summary>
    public Matrix<double> W1 { get; set; }

    /// <summary>The first layer's bias, shape (H1).</summary>
    public Vector<double> B1 { get; set; }

    /// <summary>The second layer's weights, shape (H1, H2).</summary>
    public Matrix<double> W2 { get; set; }

    /// <summary>The second layer's bias, shape (H2).</summary>
    public Vector<double> B2 { get; set; }

    /// <summary>The output layer's weights, shape (H2, K).</summary>
    public Matrix<double> W3 { get; set; }

    /// <summary>The output layer's bias, shape (K).</summary>
    public Vector<double> B3 { get; set; }

    /// <summary>The network's output for a batch: the last affine layer, with no activation after it.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Predict(Matrix<double> inputs)
    {
        // TODO (task 6): the forward pass through all three affine layers.
        throw new NotImplementedException("Task 6: RegressionNet.Predict is not implemented yet (exercises/Task6_RegressionNet/RegressionNet.cs).");
    }

    /// <summary>
    /// One step of gradient descent on a batch: forward pass and loss, backward pass through every layer, then
    /// <c>p ← p - LearningRate · ∂loss/∂p</c> for each of W1, B1, W2, B2, W3, B3.
    /// </summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="targets">Shape (N, K).</param>
    /// <returns>The mean squared error over the batch, computed before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> targets)
    {
        // TODO (task 6): as FeedforwardNet.Step, with one more layer, leaky ReLUs and the mean squared error.
        throw new NotImplementedException("Task 6: RegressionNet.Step is not implemented yet (exercises/Task6_RegressionNet/RegressionNet.cs).");
    }
}
