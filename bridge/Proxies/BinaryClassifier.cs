using Coursework.Bridge;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Stand-in for task 5's BinaryClassifier on the other side of the bridge.</summary>
public sealed class BinaryClassifier
{
    private readonly Remote _remote;

    /// <summary>Creates the classifier on the other side.</summary>
    /// <param name="inputSize">D.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="learningRate">The step size.</param>
    /// <param name="seed">Seeds the weights.</param>
    public BinaryClassifier(int inputSize, int hiddenSize, double learningRate = 0.1, int seed = 0) =>
        _remote = Remote.New(nameof(BinaryClassifier), inputSize, hiddenSize, learningRate, seed);

    internal BinaryClassifier(Remote remote) => _remote = remote;

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

    /// <summary>The loss of every Step so far.</summary>
    public IReadOnlyList<double> LossHistory => _remote.Call<IReadOnlyList<double>>("get_LossHistory");

    /// <summary>Probabilities of class 1.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, 1).</returns>
    public Matrix<double> Predict(Matrix<double> inputs) => _remote.Call<Matrix<double>>(nameof(Predict), inputs);

    /// <summary>Labels at a threshold.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="threshold">The probability from which a sample is class 1.</param>
    /// <returns>Length N.</returns>
    public int[] Predict(Matrix<double> inputs, double threshold) => _remote.Call<int[]>(nameof(Predict), inputs, threshold);

    /// <summary>One step of gradient descent.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="targets">Shape (N, 1).</param>
    /// <returns>The loss before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> targets) => _remote.Call<double>(nameof(Step), inputs, targets);
}
