using Coursework.Bridge;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Stand-in for task 6's RegressionNet on the other side of the bridge.</summary>
public sealed class RegressionNet
{
    private readonly Remote _remote;

    /// <summary>Creates the network on the other side.</summary>
    /// <param name="inputSize">D.</param>
    /// <param name="hiddenSize1">H1.</param>
    /// <param name="hiddenSize2">H2.</param>
    /// <param name="outputSize">K.</param>
    /// <param name="learningRate">The step size.</param>
    /// <param name="slope">The leaky ReLUs' slope.</param>
    /// <param name="seed">Seeds the weights.</param>
    public RegressionNet(int inputSize, int hiddenSize1, int hiddenSize2, int outputSize,
        double learningRate = 0.01, double slope = 0.1, int seed = 0) =>
        _remote = Remote.New(nameof(RegressionNet), inputSize, hiddenSize1, hiddenSize2, outputSize, learningRate, slope, seed);

    internal RegressionNet(Remote remote) => _remote = remote;

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

    /// <summary>The parameter W3.</summary>
    public Matrix<double> W3
    {
        get => _remote.Call<Matrix<double>>("get_W3");
        set => _remote.Invoke("set_W3", value);
    }

    /// <summary>The parameter B3.</summary>
    public Vector<double> B3
    {
        get => _remote.Call<Vector<double>>("get_B3");
        set => _remote.Invoke("set_B3", value);
    }

    /// <summary>The network's output.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Predict(Matrix<double> inputs) => _remote.Call<Matrix<double>>(nameof(Predict), inputs);

    /// <summary>One step of gradient descent.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="targets">Shape (N, K).</param>
    /// <returns>The loss before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> targets) => _remote.Call<double>(nameof(Step), inputs, targets);
}
