using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 4, reference solution: input → affine (W1, b1) → ReLU → affine (W2, b2) → softmax.
/// </summary>
public sealed class FeedforwardNet : IClassifier
{
    private readonly Affine _affine1 = new();
    private readonly ReLU _relu = new();
    private readonly Affine _affine2 = new();
    private readonly CrossEntropy _crossEntropy = new();

    /// <summary>Creates the network: Xavier-uniform W1 then W2 from one <c>new Random(seed)</c>, zero biases.</summary>
    /// <param name="inputSize">D, the number of input features.</param>
    /// <param name="hiddenSize">H, the number of hidden units.</param>
    /// <param name="outputSize">K, the number of classes.</param>
    /// <param name="learningRate">The step size of gradient descent.</param>
    /// <param name="seed">Seeds the weights.</param>
    public FeedforwardNet(int inputSize, int hiddenSize, int outputSize, double learningRate = 1e-2, int seed = 0)
    {
        var random = new Random(seed);
        LearningRate = learningRate;
        W1 = Initializers.XavierUniform(inputSize, hiddenSize, random);
        B1 = Vector<double>.Build.Dense(hiddenSize);
        W2 = Initializers.XavierUniform(hiddenSize, outputSize, random);
        B2 = Vector<double>.Build.Dense(outputSize);
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

    /// <summary>Class probabilities for a batch.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Predict(Matrix<double> inputs) => Softmax.Rows(Logits(inputs));

    /// <summary>One step of gradient descent on a batch.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="labels">Shape (N, K), one-hot.</param>
    /// <returns>The mean cross-entropy loss before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> labels)
    {
        var loss = _crossEntropy.Forward(Logits(inputs), labels);

        var dLogits = _crossEntropy.Backward();
        var (dHidden, dW2, dB2) = _affine2.Backward(dLogits);
        var (_, dW1, dB1) = _affine1.Backward(dHidden);

        W1 -= LearningRate * dW1;
        B1 -= LearningRate * dB1;
        W2 -= LearningRate * dW2;
        B2 -= LearningRate * dB2;
        return loss;
    }

    private Matrix<double> Logits(Matrix<double> inputs)
    {
        var hidden = _relu.Forward(_affine1.Forward(inputs, W1, B1));
        return _affine2.Forward(hidden, W2, B2);
    }
}
