using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 7, reference solution: input → [affine → ReLU] × L-1 → affine → softmax, for any list of hidden sizes,
/// trained by mini-batch gradient descent.
/// </summary>
public sealed class DeepNet : IClassifier
{
    private readonly Affine[] _affines;
    private readonly ReLU[] _relus;
    private readonly CrossEntropy _crossEntropy = new();

    /// <summary>Creates the network: Xavier-uniform weights, layer by layer from one <c>new Random(seed)</c>; zero biases.</summary>
    /// <param name="inputSize">D, the number of input features.</param>
    /// <param name="hiddenSizes">The units of each hidden layer, in order; empty for logistic regression.</param>
    /// <param name="outputSize">K, the number of classes.</param>
    /// <param name="learningRate">The step size of gradient descent.</param>
    /// <param name="seed">Seeds the weights.</param>
    public DeepNet(int inputSize, IReadOnlyList<int> hiddenSizes, int outputSize, double learningRate = 0.05, int seed = 0)
    {
        var random = new Random(seed);
        int[] sizes = [inputSize, .. hiddenSizes, outputSize];
        LearningRate = learningRate;
        Weights = sizes.Zip(sizes.Skip(1), (fanIn, fanOut) => Initializers.XavierUniform(fanIn, fanOut, random)).ToList();
        Biases = sizes.Skip(1).Select(size => Vector<double>.Build.Dense(size)).ToList();
        _affines = Weights.Select(_ => new Affine()).ToArray();
        _relus = hiddenSizes.Select(_ => new ReLU()).ToArray();
    }

    /// <summary>The step size of gradient descent.</summary>
    public double LearningRate { get; }

    /// <summary>The weights of each affine layer, first to last: <c>Weights[l]</c> has shape (sizes[l], sizes[l + 1]).</summary>
    public IList<Matrix<double>> Weights { get; }

    /// <summary>The biases of each affine layer: <c>Biases[l]</c> has shape (sizes[l + 1]).</summary>
    public IList<Vector<double>> Biases { get; }

    /// <summary>Class probabilities for a batch: the softmax of the network's output.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Predict(Matrix<double> inputs) => Softmax.Rows(Logits(inputs));

    /// <summary>One step of gradient descent on a batch.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="labels">Shape (N, K), one-hot.</param>
    /// <returns>The mean cross-entropy before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> labels)
    {
        var loss = _crossEntropy.Forward(Logits(inputs), labels);

        var gradient = _crossEntropy.Backward();
        for (var layer = _affines.Length - 1; layer >= 0; layer--)
        {
            var (dInputs, dWeight, dBias) = _affines[layer].Backward(gradient);
            Weights[layer] -= LearningRate * dWeight;
            Biases[layer] -= LearningRate * dBias;
            gradient = layer > 0 ? _relus[layer - 1].Backward(dInputs) : dInputs;
        }

        return loss;
    }

    /// <summary>One epoch: a <see cref="Step"/> on each mini-batch of <see cref="MiniBatches"/>, in order.</summary>
    /// <param name="inputs">Shape (N, D): the whole training set.</param>
    /// <param name="labels">Shape (N, K), one-hot.</param>
    /// <param name="batchSize">B, the samples per step.</param>
    /// <param name="random">Shuffles the samples.</param>
    /// <returns>The mean over the N samples of the losses of their batches.</returns>
    public double TrainEpoch(Matrix<double> inputs, Matrix<double> labels, int batchSize, Random random) =>
        MiniBatches(inputs, labels, batchSize, random)
            .Sum(batch => Step(batch.Inputs, batch.Labels) * batch.Inputs.RowCount) / inputs.RowCount;

    /// <summary>Shuffles the samples (rows of inputs and labels together) and cuts them into batches.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="labels">Shape (N, K).</param>
    /// <param name="batchSize">B ≥ 1.</param>
    /// <param name="random">The source of the shuffle.</param>
    /// <returns>⌈N / B⌉ batches of B samples, the last one smaller if B does not divide N.</returns>
    public static IEnumerable<(Matrix<double> Inputs, Matrix<double> Labels)> MiniBatches(
        Matrix<double> inputs, Matrix<double> labels, int batchSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        // The bug: two independent shuffles, so the labels no longer belong to their samples.
        var order = Enumerable.Range(0, inputs.RowCount).ToArray();
        random.Shuffle(order);
        var shuffledInputs = Matrix<double>.Build.DenseOfRowVectors(order.Select(inputs.Row));
        random.Shuffle(order);
        var shuffledLabels = Matrix<double>.Build.DenseOfRowVectors(order.Select(labels.Row));
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var count = Math.Min(batchSize, order.Length - start);
            yield return (shuffledInputs.SubMatrix(start, count, 0, inputs.ColumnCount),
                shuffledLabels.SubMatrix(start, count, 0, labels.ColumnCount));
        }
    }

    private Matrix<double> Logits(Matrix<double> inputs)
    {
        var activations = inputs;
        for (var layer = 0; layer < _affines.Length; layer++)
        {
            var outputs = _affines[layer].Forward(activations, Weights[layer], Biases[layer]);
            activations = layer < _relus.Length ? _relus[layer].Forward(outputs) : outputs;
        }

        return activations;
    }
}
