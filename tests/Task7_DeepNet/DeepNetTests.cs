using Coursework.Testing;

namespace Coursework.Tests.Task7_DeepNet;

[GradedTask(7, "DeepNet")]
public class DeepNetTests
{
    [Test]
    public void The_constructor_creates_one_weight_matrix_and_one_zero_bias_per_layer()
    {
        var net = new DeepNet(inputSize: 6, hiddenSizes: [5, 4], outputSize: 3);

        net.Weights.Select(MatrixAssert.Shape).ShouldBe(new[] { "(6, 5)", "(5, 4)", "(4, 3)" }, "sizes [6, 5, 4, 3] give three layers");
        net.Biases.Select(b => b.Count).ShouldBe(new[] { 5, 4, 3 }, "one bias per layer, as long as the layer's output");
        net.Biases.All(b => b.All(v => v == 0)).ShouldBeTrue("every bias starts at zero");
    }

    [Test]
    public void No_hidden_layers_give_logistic_regression()
    {
        var net = new DeepNet(inputSize: 6, hiddenSizes: [], outputSize: 3);

        net.Weights.Select(MatrixAssert.Shape).ShouldBe(new[] { "(6, 3)" }, "hidden sizes [] leave one affine layer, (D, K)");
    }

    [Test]
    public void One_Step_reproduces_the_worked_example_of_notebook_003()
    {
        // Notebook 003 stores each bias as the first row of its weight matrix ("the bias trick"). Its example has
        // D = 3, one hidden layer of 3, K = 3, a learning rate of 0.1, and starts with zero biases and the same
        // weights in both layers. Its printed matrices after one update are the expected values below.
        var weights = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.02, -0.01, 0.03 }, { -0.05, 0.04, 0.01 }, { 0.03, 0.02, -0.02 } });
        var net = new DeepNet(inputSize: 3, hiddenSizes: [3], outputSize: 3, learningRate: 0.1);
        net.Weights[0] = weights.Clone();
        net.Weights[1] = weights.Clone();
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 1.2, -0.4, 0.8 }, { -0.6, 2, -0.5 }, { 0.3, -1.2, 1.7 }, { 2.1, 0.5, -0.8 } });
        // Classes 3, 1, 2, 3 one-hot over the categories [1, 2, 3].
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });

        net.Step(inputs, labels);

        MatrixAssert.ShouldBeClose(net.Biases[0], Vector<double>.Build.DenseOfArray([-0.00016792, -0.00125257, -0.0010004]), "Biases[0] after one Step", absolute: 1e-8);
        MatrixAssert.ShouldBeClose(net.Weights[0], Matrix<double>.Build.DenseOfArray(new double[,]
        {
            { 0.02032425, -0.00924846, 0.02722287 }, { -0.04946549, 0.03749486, 0.01092531 }, { 0.0293399, 0.02062628, -0.02024931 },
        }), "Weights[0] after one Step", absolute: 1e-8, hint: "The first layer's gradient must flow back through the second layer's weights before their update.");
        MatrixAssert.ShouldBeClose(net.Biases[1], Vector<double>.Build.DenseOfArray([-0.00833061, -0.00833205, 0.01666266]), "Biases[1] after one Step", absolute: 1e-8);
        MatrixAssert.ShouldBeClose(net.Weights[1], Matrix<double>.Build.DenseOfArray(new double[,]
        {
            { 0.01845714, -0.0086132, 0.03015606 }, { -0.04873108, 0.03936466, 0.00936642 }, { 0.02936574, 0.01906595, -0.0184317 },
        }), "Weights[1] after one Step", absolute: 1e-8);
    }

    [Test]
    public void MiniBatches_cuts_ten_samples_into_batches_of_4_4_and_2()
    {
        var (inputs, labels) = NumberedSamples(10);

        var batches = DeepNet.MiniBatches(inputs, labels, batchSize: 4, new Random(1)).ToList();

        batches.Select(b => b.Inputs.RowCount).ShouldBe(new[] { 4, 4, 2 }, "⌈10 / 4⌉ = 3 batches, the last one smaller");
        batches.Select(b => b.Labels.RowCount).ShouldBe(new[] { 4, 4, 2 }, "the labels are cut like the inputs");
    }

    [Test]
    public void MiniBatches_shuffles_but_keeps_every_sample_with_its_label()
    {
        // Sample n has the features [n, -n] and the label n (as a one-element row), so a mismatch is easy to see.
        var (inputs, labels) = NumberedSamples(20);

        var batches = DeepNet.MiniBatches(inputs, labels, batchSize: 8, new Random(2)).ToList();

        var order = batches.SelectMany(b => b.Inputs.Column(0)).ToList();
        batches.SelectMany(b => b.Labels.Column(0)).ShouldBe(order, "each label must stay with its sample: shuffle inputs and labels with the same order");
        batches.SelectMany(b => b.Inputs.Column(1)).ShouldBe(order.Select(n => -n), "each row must stay whole");
        order.Order().ShouldBe(Enumerable.Range(0, 20).Select(n => (double)n), "every sample appears exactly once");
        order.ShouldNotBe(Enumerable.Range(0, 20).Select(n => (double)n), "the samples must be shuffled");
    }

    [Test]
    public void TrainEpoch_with_one_batch_of_everything_is_one_Step()
    {
        // The mean loss does not depend on the order of the samples, so one shuffled batch of all of them is a full-batch Step.
        var random = new Random(3);
        var inputs = Matrix<double>.Build.Dense(6, 4, (_, _) => random.NextDouble() * 2 - 1);
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 }, { 0, 1 }, { 1, 0 }, { 1, 0 }, { 0, 1 } });
        var (epochNet, stepNet) = (new DeepNet(4, [3], 2, 0.5, seed: 3), new DeepNet(4, [3], 2, 0.5, seed: 3));

        var epochLoss = epochNet.TrainEpoch(inputs, labels, batchSize: 10, new Random(4));
        var stepLoss = stepNet.Step(inputs, labels);

        MatrixAssert.ShouldBeClose(epochLoss, stepLoss, "the loss of TrainEpoch with one batch", hint: "Return the mean loss over the epoch's samples.");
        MatrixAssert.ShouldBeClose(epochNet.Weights[0], stepNet.Weights[0], "Weights[0] after TrainEpoch with one batch", absolute: 1e-12);
    }

    /// <summary>N samples whose features are [n, -n] and whose label column is n.</summary>
    private static (Matrix<double> Inputs, Matrix<double> Labels) NumberedSamples(int count) => (
        Matrix<double>.Build.Dense(count, 2, (n, j) => j == 0 ? n : -n),
        Matrix<double>.Build.Dense(count, 1, (n, _) => n));
}
