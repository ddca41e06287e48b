using Coursework.Bridge;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Stand-in for task 4's FeedforwardNet on the other side of the bridge.</summary>
public sealed class FeedforwardNet : IClassifier
{
    private readonly Remote _remote;

    /// <summary>Creates the network on the other side.</summary>
    /// <param name="inputSize">D.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="outputSize">K.</param>
    /// <param name="learningRate">The step size.</param>
    /// <param name="seed">Seeds the weights.</param>
    public FeedforwardNet(int inputSize, int hiddenSize, int outputSize, double learningRate = 1e-2, int seed = 0) =>
        _remote = Remote.New(nameof(FeedforwardNet), inputSize, hiddenSize, outputSize, learningRate, seed);

    internal FeedforwardNet(Remote remote) => _remote = remote;

    /// <summary>The step size of gradient descent.</summary>
    public double LearningRate => _remote.Call<double>("get_LearningRate");

    /// <summary>The parameter W1.</summary>
    public Matrix<double> W1
    {
        get => _remote.Call<Matrix<double>>("get_W1");
        set => _remote.Invoke("set_W1", value);
    }

    /// <summary>The parameter B1.</summary>
    public Vector<double> B1
    {
        get => _remote.Call<Vector<double>>("get_B1");
        set => _remote.Invoke("set_B1", value);
    }

    /// <summary>The parameter W2.</summary>
    public Matrix<double> W2
    {
        get => _remote.Call<Matrix<double>>("get_W2");
        set => _remote.Invoke("set_W2", value);
    }

    /// <summary>The parameter B2.</summary>
    public Vector<double> B2
    {
        get => _remote.Call<Vector<double>>("get_B2");
        set => _remote.Invoke("set_B2", value);
    }

    /// <summary>Class probabilities.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Predict(Matrix<double> inputs) => _remote.Call<Matrix<double>>(nameof(Predict), inputs);

    /// <summary>One step of gradient descent.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="labels">Shape (N, K).</param>
    /// <returns>The loss before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> labels) => _remote.Call<double>(nameof(Step), inputs, labels);
}
