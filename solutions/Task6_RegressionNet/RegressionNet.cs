using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 6, reference solution: input → affine (W1, b1) → leaky ReLU → affine (W2, b2) → leaky ReLU → affine (W3, b3),
/// a linear output trained on the mean squared error.
/// </summary>
public sealed class RegressionNet
{
    private readonly Affine _affine1 = new();
    private readonly LeakyReLU _activation1;
    private readonly Affine _affine2 = new();
    private readonly LeakyReLU _activation2;
    private readonly Affine _affine3 = new();
    private readonly MeanSquaredError _loss = new();

    /// <summary>Creates the network: Xavier-uniform W1, W2, W3 in that order from one <c>new Random(seed)</c>, zero biases.</summary>
    /// <param name="inputSize">D, the number of input features.</param>
    /// <param name="hiddenSize1">H1, the units of the first hidden layer.</param>
    /// <param name="hiddenSize2">H2, the units of the second hidden layer.</param>
    /// <param name="outputSize">K, the number of outputs.</param>
    /// <param name="learningRate">The step size of gradient descent.</param>
    /// <param name="slope">The leaky ReLUs' slope for inputs ≤ 0.</param>
    /// <param name="seed">Seeds the weights.</param>
    public RegressionNet(int inputSize, int hiddenSize1, int hiddenSize2, int outputSize,
        double learningRate = 0.01, double slope = 0.1, int seed = 0)
    {
        var random = new Random(seed);
        LearningRate = learningRate;
        _activation1 = new LeakyReLU(slope);
        _activation2 = new LeakyReLU(slope);
        W1 = Initializers.XavierUniform(inputSize, hiddenSize1, random);
        B1 = Vector<double>.Build.Dense(hiddenSize1);
        W2 = Initializers.XavierUniform(hiddenSize1, hiddenSize2, random);
        B2 = Vector<double>.Build.Dense(hiddenSize2);
        W3 = Initializers.XavierUniform(hiddenSize2, outputSize, random);
        B3 = Vector<double>.Build.Dense(outputSize);
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

    /// <summary>The network's output: the last affine layer, with no activation.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Predict(Matrix<double> inputs)
    {
        var hidden1 = _activation1.Forward(_affine1.Forward(inputs, W1, B1));
        var hidden2 = _activation2.Forward(_affine2.Forward(hidden1, W2, B2));
        return _affine3.Forward(hidden2, W3, B3);
    }

    /// <summary>One step of gradient descent on a batch.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="targets">Shape (N, K).</param>
    /// <returns>The mean squared error before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> targets)
    {
        var loss = _loss.Forward(Predict(inputs), targets);

        var (dHidden2, dW3, dB3) = _affine3.Backward(_loss.Backward());
        var (dHidden1, dW2, dB2) = _affine2.Backward(_activation2.Backward(dHidden2));
        var (_, dW1, dB1) = _affine1.Backward(_activation1.Backward(dHidden1));

        W1 -= LearningRate * dW1;
        B1 -= LearningRate * dB1;
        W2 -= LearningRate * dW2;
        B2 -= LearningRate * dB2;
        W3 -= LearningRate * dW3;
        B3 -= LearningRate * dB3;
        return loss;
    }
}
