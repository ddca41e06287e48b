using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 7: a network with any number of ReLU hidden layers, trained by mini-batch gradient descent:
/// input → [affine → ReLU] for each hidden layer → affine → softmax.
/// </summary>
/// <remarks>
/// <para>
/// With hidden sizes <c>[H1, …, Hm]</c> the layer sizes are <c>sizes = [D, H1, …, Hm, K]</c> and the network has
/// L = m + 1 affine layers; layer l maps sizes[l] features to sizes[l + 1]. Hidden sizes <c>[]</c> give
/// logistic regression, <c>[H]</c> the network of task 4.
/// </para>
/// <para>
/// Keep a list of <see cref="Affine"/> layers and a list of <see cref="ReLU"/> layers (tasks 1 and 2) and loop over
/// them: forward from the first layer to the last, backward from the last to the first. The loss is your
/// <see cref="CrossEntropy"/> (task 3).
/// </para>
/// </remarks>
public sealed class DeepNet : IClassifier
{
    /// <summary>
    /// Creates the network: <c>Weights[l]</c> with <see cref="Initializers.XavierUniform"/>(sizes[l], sizes[l + 1]), for
    /// l = 0, 1, … in order, all from one <c>new Random(seed)</c>; every bias all zeros.
    /// </summary>
    /// <param name="inputSize">D, the number of input features.</param>
    /// <param name="hiddenSizes">The units of each hidden layer, first to last; may be empty.</param>
    /// <param name="outputSize">K, the number of classes.</param>
    /// <param name="learningRate">The step size of gradient descent.</param>
    /// <param name="seed">Seeds the weights: the same seed gives the same network.</param>
    public DeepNet(int inputSize, IReadOnlyList<int> hiddenSizes, int outputSize, double learningRate = 0.05, int seed = 0)
    {
        // TODO (task 7): set LearningRate, fill Weights and Biases, create one Affine per layer and one ReLU per hidden layer.
        // Hint: int[] sizes = [inputSize, .. hiddenSizes, outputSize];
        throw new NotImplementedException("Task 7: the DeepNet constructor is not implemented yet (exercises/Task7_DeepNet/DeepNet.cs).");
    }

    /// <summary>The step size of gradient descent.</summary>
    public double LearningRate { get; }

    /// <summary>
    /// The weights of the L affine layers, first to last: <c>Weights[l]</c> has shape (sizes[l], sizes[l + 1]).
    /// <see cref="Step"/> replaces the elements; the list keeps its length.
    /// </summary>
    public IList<Matrix<double>> Weights { get; }

    /// <summary>The biases of the L affine layers: <c>Biases[l]</c> has shape (sizes[l + 1]).</summary>
    public IList<Vector<double>> Biases { get; }

    /// <summary>Class probabilities for a batch: the softmax of the network's output.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <returns>Shape (N, K): each row sums to 1.</returns>
    public Matrix<double> Predict(Matrix<double> inputs)
    {
        // TODO (task 7): the forward pass through every layer, then Softmax.Rows.
        throw new NotImplementedException("Task 7: DeepNet.Predict is not implemented yet (exercises/Task7_DeepNet/DeepNet.cs).");
    }

    /// <summary>
    /// One step of gradient descent on a (mini-)batch: forward pass and loss, backward pass from the last layer to the
    /// first, then <c>p ← p - LearningRate · ∂loss/∂p</c> for every weight and bias.
    /// </summary>
    /// <param name="inputs">Shape (B, D).</param>
    /// <param name="labels">Shape (B, K), one-hot.</param>
    /// <returns>The mean cross-entropy loss over the batch, computed before the update.</returns>
    public double Step(Matrix<double> inputs, Matrix<double> labels)
    {
        // TODO (task 7): loop backwards over the layers; each Affine.Backward gives its gradients and the gradient for the layer below.
        throw new NotImplementedException("Task 7: DeepNet.Step is not implemented yet (exercises/Task7_DeepNet/DeepNet.cs).");
    }

    /// <summary>
    /// One epoch of mini-batch gradient descent: a <see cref="Step"/> on each batch of
    /// <c>MiniBatches(inputs, labels, batchSize, random)</c>, in the order they come.
    /// </summary>
    /// <param name="inputs">Shape (N, D): the whole training set.</param>
    /// <param name="labels">Shape (N, K), one-hot.</param>
    /// <param name="batchSize">B, the number of samples per step.</param>
    /// <param name="random">Shuffles the samples; pass the same instance every epoch so that each epoch has a new order.</param>
    /// <returns>
    /// The epoch's mean loss: the losses returned by <see cref="Step"/>, each weighted by its batch's size, divided by N.
    /// </returns>
    public double TrainEpoch(Matrix<double> inputs, Matrix<double> labels, int batchSize, Random random)
    {
        // TODO (task 7): loop over MiniBatches and Step on each.
        throw new NotImplementedException("Task 7: DeepNet.TrainEpoch is not implemented yet (exercises/Task7_DeepNet/DeepNet.cs).");
    }

    /// <summary>
    /// Shuffles the samples and cuts them into mini-batches: one random order of the N rows (from
    /// <paramref name="random"/>), applied to inputs and labels alike, so that every sample keeps its label; then
    /// consecutive runs of <paramref name="batchSize"/> rows of that order.
    /// </summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="labels">Shape (N, K): row n belongs to row n of <paramref name="inputs"/>.</param>
    /// <param name="batchSize">B ≥ 1.</param>
    /// <param name="random">The source of the shuffle: the same seed gives the same batches.</param>
    /// <returns>
    /// ⌈N / B⌉ pairs (inputs (B, D), labels (B, K)), the last one smaller when B does not divide N (e.g. N = 10,
    /// B = 4 gives batches of 4, 4 and 2 rows). Every sample appears in exactly one batch.
    /// </returns>
    public static IEnumerable<(Matrix<double> Inputs, Matrix<double> Labels)> MiniBatches(
        Matrix<double> inputs, Matrix<double> labels, int batchSize, Random random)
    {
        // TODO (task 7): shuffle an array of row indices (random.Shuffle), then take the rows in that order, B at a time.
        // Hint: Matrix<double>.Build.DenseOfRowVectors(order.Select(inputs.Row)) builds the shuffled matrix; SubMatrix cuts it.
        throw new NotImplementedException("Task 7: DeepNet.MiniBatches is not implemented yet (exercises/Task7_DeepNet/DeepNet.cs).");
    }
}
