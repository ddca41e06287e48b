using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 5: a binary classifier with one ReLU hidden layer:
/// input → affine (W1, b1) → ReLU → affine (W2, b2) → sigmoid, trained on <see cref="BinaryCrossEntropy"/>.
/// </summary>
/// <remarks>
/// Build it from your <see cref="Affine"/> and <see cref="ReLU"/> (tasks 1 and 2) and your <see cref="Sigmoid"/> and
/// <see cref="BinaryCrossEntropy"/>; <see cref="FeedforwardNet"/> (task 4) has the same shape with a softmax output.
/// The output layer has a single unit: the probability that a sample is of class 1.
/// </remarks>
public sealed class BinaryClassifier
{
    /// <summary>
    /// Creates the network: W1 and W2 with <see cref="Initializers.XavierUniform"/> (W1 first, then W2, both from
    /// one <c>new Random(seed)</c>), b1 and b2 all zeros, and an empty <see cref="LossHistory"/>.
    /// </summary>
    /// <param name="inputSize">D, the number of input features.</param>
    /// <param name="hiddenSize">H, the number of hidden units.</param>
    /// <param name="learningRate">The step size of gradient descent.</param>
    /// <param name="seed">Seeds the weights: the same seed gives the same network.</param>
    public BinaryClassifier(int inputSize, int hiddenSize, double learningRate = 0.1, int seed = 0)
    {
        // TODO (task 5): set LearningRate, initialise W1, B1, W2, B2, and create the layers and the loss history.
        throw new NotImplementedException("Task 5: the BinaryClassifier constructor is not implemented yet (exercises/Task5_BinaryClassifier/BinaryClassifier.cs).");
    }

    /// <summary>The step size of gradient descent.</summary>
    public double LearningRate { get; }

    /// <summary>The first layer's weights, shape (D, H).</summary>
    public Matrix<double> W1 { get; set; }

    /// <summary>The first layer's bias, shape (H).</summary>
    public Vector<double> B1 { get; set; }

    /// <summary>The output layer's weights, shape (H, 1).</summary>
    public Matrix<double> W2 { get; set; }

    /// <summary>The output layer's bias, shape (1).</summary>
    public Vector<double> B2 { get; set; }

    /// <summary>The loss returned by every <see cref="Step"/> so far, oldest first: one entry per call.</summary>
    public IReadOnlyList<double> LossHistory { get; }

    /// <summary>The probability of class 1 for every sample: the sigmoid of the network's output.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, 1), every element in [0, 1].</returns>
    public Matrix<double> Predict(Matrix<double> inputs)
    {
        // TODO (task 5): the forward pass, ending in your Sigmoid.
        throw new NotImplementedException("Task 5: BinaryClassifier.Predict is not implemented yet (exercises/Task5_BinaryClassifier/BinaryClassifier.cs).");
    }

    /// <summary>Class labels: 1 where the probability of class 1 is at least <paramref name="threshold"/>, else 0.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="threshold">The decision threshold, 0.5 in the notebook; a higher one trades recall for precision.</param>
    /// <returns>Length N: <c>result[n] = Predict(inputs)[n, 0] &gt;= threshold ? 1 : 0</c>.</returns>
    public int[] Predict(Matrix<double> inputs, double threshold)
    {
        // TODO (task 5): compare the probabilities with the threshold.
        throw new NotImplementedException("Task 5: BinaryClassifier.Predict(inputs, threshold) is not implemented yet (exercises/Task5_BinaryClassifier/BinaryClassifier.cs).");
    }

    /// <summary>
    /// One step of gradient descent on a batch: forward pass and loss, backward pass through every layer, then
    /// <c>p ← p - LearningRate · ∂loss/∂p</c> for each of W1, B1, W2, B2. The loss is appended to <see cref="LossHistory"/>.
    /// </summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="targets">Shape (N, 1), each 0 or 1 (see <see cref="Dataset.LabelColumn"/>).</param>
    /// <returns>The mean binary cross-entropy over the batch, computed before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> targets)
    {
        // TODO (task 5): as FeedforwardNet.Step, with BinaryCrossEntropy and Sigmoid where softmax cross-entropy was.
        throw new NotImplementedException("Task 5: BinaryClassifier.Step is not implemented yet (exercises/Task5_BinaryClassifier/BinaryClassifier.cs).");
    }
}
