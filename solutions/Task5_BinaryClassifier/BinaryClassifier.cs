using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 5, reference solution: input → affine (W1, b1) → ReLU → affine (W2, b2) → sigmoid, trained on binary
/// cross-entropy.
/// </summary>
public sealed class BinaryClassifier
{
    private readonly Affine _affine1 = new();
    private readonly ReLU _relu = new();
    private readonly Affine _affine2 = new();
    private readonly Sigmoid _sigmoid = new();
    private readonly BinaryCrossEntropy _loss = new();
    private readonly List<double> _lossHistory = [];

    /// <summary>Creates the network: Xavier-uniform W1 then W2 from one <c>new Random(seed)</c>, zero biases.</summary>
    /// <param name="inputSize">D, the number of input features.</param>
    /// <param name="hiddenSize">H, the number of hidden units.</param>
    /// <param name="learningRate">The step size of gradient descent.</param>
    /// <param name="seed">Seeds the weights.</param>
    public BinaryClassifier(int inputSize, int hiddenSize, double learningRate = 0.1, int seed = 0)
    {
        var random = new Random(seed);
        LearningRate = learningRate;
        W1 = Initializers.XavierUniform(inputSize, hiddenSize, random);
        B1 = Vector<double>.Build.Dense(hiddenSize);
        W2 = Initializers.XavierUniform(hiddenSize, 1, random);
        B2 = Vector<double>.Build.Dense(1);
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

    /// <summary>The loss returned by every <see cref="Step"/> so far, oldest first.</summary>
    public IReadOnlyList<double> LossHistory => _lossHistory;

    /// <summary>The probability of class 1 for every sample.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, 1).</returns>
    public Matrix<double> Predict(Matrix<double> inputs)
    {
        var hidden = _relu.Forward(_affine1.Forward(inputs, W1, B1));
        return _sigmoid.Forward(_affine2.Forward(hidden, W2, B2));
    }

    /// <summary>Class labels: 1 where the probability is at least <paramref name="threshold"/>, else 0.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="threshold">The decision threshold, 0.5 in the notebook.</param>
    /// <returns>Length N.</returns>
    public int[] Predict(Matrix<double> inputs, double threshold) =>
        Predict(inputs).Column(0).Select(p => p >= threshold ? 1 : 0).ToArray();

    /// <summary>One step of gradient descent on a batch; the loss is appended to <see cref="LossHistory"/>.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="targets">Shape (N, 1), each 0 or 1.</param>
    /// <returns>The mean binary cross-entropy before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> targets)
    {
        var loss = _loss.Forward(Predict(inputs), targets);
        _lossHistory.Add(loss);

        var dLogits = _sigmoid.Backward(_loss.Backward());
        var (dHidden, dW2, dB2) = _affine2.Backward(dLogits);
        var (_, dW1, dB1) = _affine1.Backward(_relu.Backward(dHidden));

        W1 -= LearningRate * dW1;
        B1 -= LearningRate * dB1;
        W2 -= LearningRate * dW2;
        B2 -= LearningRate * dB2;
        return loss;
    }
}
