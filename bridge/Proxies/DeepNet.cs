using Coursework.Bridge;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Stand-in for task 7's DeepNet on the other side of the bridge.</summary>
public sealed class DeepNet : IClassifier
{
    private readonly Remote _remote;

    /// <summary>Creates the network on the other side.</summary>
    /// <param name="inputSize">D.</param>
    /// <param name="hiddenSizes">The hidden layers' sizes.</param>
    /// <param name="outputSize">K.</param>
    /// <param name="learningRate">The step size.</param>
    /// <param name="seed">Seeds the weights.</param>
    public DeepNet(int inputSize, IReadOnlyList<int> hiddenSizes, int outputSize, double learningRate = 0.05, int seed = 0) =>
        _remote = Remote.New(nameof(DeepNet), inputSize, hiddenSizes, outputSize, learningRate, seed);

    internal DeepNet(Remote remote) => _remote = remote;

    /// <summary>The step size of gradient descent.</summary>
    public double LearningRate => _remote.Call<double>("get_LearningRate");

    /// <summary>The weights, first layer first; the list stays on the other side.</summary>
    public IList<Matrix<double>> Weights => _remote.Call<IList<Matrix<double>>>("get_Weights");

    /// <summary>The biases, first layer first; the list stays on the other side.</summary>
    public IList<Vector<double>> Biases => _remote.Call<IList<Vector<double>>>("get_Biases");

    /// <summary>Class probabilities.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Predict(Matrix<double> inputs) => _remote.Call<Matrix<double>>(nameof(Predict), inputs);

    /// <summary>One step of gradient descent on a mini-batch.</summary>
    /// <param name="inputs">Shape (B, D).</param>
    /// <param name="labels">Shape (B, K).</param>
    /// <returns>The loss before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> labels) => _remote.Call<double>(nameof(Step), inputs, labels);

    /// <summary>One epoch of mini-batches.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="labels">Shape (N, K).</param>
    /// <param name="batchSize">B.</param>
    /// <param name="random">A seeded Random: its state crosses the bridge and comes back.</param>
    /// <returns>The mean loss.</returns>
    public double TrainEpoch(Matrix<double> inputs, Matrix<double> labels, int batchSize, Random random) =>
        _remote.Call<double>(nameof(TrainEpoch), inputs, labels, batchSize, random);

    /// <summary>The shuffled mini-batches, all at once.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="labels">Shape (N, K).</param>
    /// <param name="batchSize">B.</param>
    /// <param name="random">A seeded Random.</param>
    /// <returns>⌈N / B⌉ pairs.</returns>
    public static IEnumerable<(Matrix<double> Inputs, Matrix<double> Labels)> MiniBatches(
        Matrix<double> inputs, Matrix<double> labels, int batchSize, Random random) =>
        Remote.CallStatic<IReadOnlyList<(Matrix<double>, Matrix<double>)>>(nameof(DeepNet), nameof(MiniBatches), inputs, labels, batchSize, random)
            .Select(batch => (batch.Item1, batch.Item2));
}
