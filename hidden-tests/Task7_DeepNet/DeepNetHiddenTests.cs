using System.Globalization;

namespace Coursework.Grading.Tasks;

/// <summary>Hidden tests of task 7, <see cref="DeepNet"/>: any depth, mini-batches, trained on standardized digits.</summary>
[GradedTask(7)]
public sealed class DeepNetHiddenTests
{
    [GradedTest(weight: 2)]
    public void The_layers_have_the_documented_shapes_for_0_1_and_3_hidden_layers()
    {
        foreach (var hidden in new[] { Array.Empty<int>(), [5], [6, 4, 3] })
        {
            int[] sizes = [7, .. hidden, 2];
            var net = new DeepNet(7, hidden, 2);
            var described = $"hidden sizes [{string.Join(", ", hidden)}]";
            (net.Weights?.Count ?? -1).ShouldBe(hidden.Length + 1, $"With {described} the network has {hidden.Length + 1} affine layers, so Weights must hold {hidden.Length + 1} matrices.");
            (net.Biases?.Count ?? -1).ShouldBe(hidden.Length + 1, $"With {described} Biases must hold {hidden.Length + 1} vectors.");
            for (var layer = 0; layer <= hidden.Length; layer++)
            {
                Checks.ShouldHaveShape(net.Weights![layer], sizes[layer], sizes[layer + 1], $"Weights[{layer}] with {described}");
                (net.Biases![layer]?.Count ?? -1).ShouldBe(sizes[layer + 1], $"Biases[{layer}] with {described} must have {sizes[layer + 1]} elements.");
            }
        }
    }

    [GradedTest]
    public void The_biases_start_at_zero()
    {
        var net = new DeepNet(6, [5, 4], 3, seed: 12);
        net.Biases.ShouldNotBeNull().All(b => b is not null && b.All(v => v == 0)).ShouldBeTrue("Every bias must start at zero.");
    }

    [GradedTest(weight: 2)]
    public void The_weights_of_every_layer_are_Xavier_uniform_and_reproducible_from_the_seed(GradingContext context)
    {
        var seed = context.Random.Next();
        int[] sizes = [64, 48, 32, 10];
        var (net, twin, other) = (new DeepNet(64, [48, 32], 10, seed: seed), new DeepNet(64, [48, 32], 10, seed: seed), new DeepNet(64, [48, 32], 10, seed: seed + 1));
        for (var layer = 0; layer < 3; layer++)
        {
            Checks.ShouldBeXavierUniform(net.Weights.ShouldNotBeNull()[layer], sizes[layer], sizes[layer + 1], $"Weights[{layer}]");
            MatrixAssert.ShouldBeClose(twin.Weights[layer], net.Weights[layer], $"Weights[{layer}] of a second network with the same seed", absolute: 0, relative: 0,
                hint: "Draw every layer's weights from one new Random(seed), in order.");
        }

        net.Weights[0].Equals(other.Weights[0]).ShouldBeFalse("Networks with different seeds have the same Weights[0]: the seed is not used.");
    }

    [GradedTest(weight: 2)]
    public void Predict_matches_an_independent_forward_pass_at_every_depth(GradingContext context)
    {
        foreach (var hidden in new[] { Array.Empty<int>(), [4], [5, 4, 3] })
        {
            var net = RandomNet(context, 5, hidden, 3);
            var inputs = context.Uniform(6, 5, -2, 2);
            MatrixAssert.ShouldBeClose(net.Predict(inputs), Naive.Softmax(Naive.DeepNetLogits(inputs, [.. net.Weights], [.. net.Biases])),
                $"DeepNet.Predict with hidden sizes [{string.Join(", ", hidden)}]",
                hint: "Expected softmax of affine → (ReLU → affine) for each further layer: no ReLU after the last affine layer, probabilities not logits.");
        }
    }

    [GradedTest]
    public void Step_returns_the_loss_before_the_update(GradingContext context)
    {
        var net = RandomNet(context, 5, [4, 3], 3);
        var (inputs, labels) = (context.Uniform(6, 5, -2, 2), context.OneHot(6, 3));
        var expected = Naive.CrossEntropy(Naive.DeepNetLogits(inputs, [.. net.Weights], [.. net.Biases]), labels);
        MatrixAssert.ShouldBeClose(net.Step(inputs, labels), expected, "the loss returned by Step",
            hint: "Return the mean cross-entropy of the forward pass, computed before the parameters change.");
    }

    [GradedTest(weight: 3)]
    public void One_Step_moves_every_parameter_by_minus_the_learning_rate_times_its_gradient(GradingContext context)
    {
        const double learningRate = 0.1;
        foreach (var hidden in new[] { Array.Empty<int>(), [4, 3] })
        {
            var net = RandomNet(context, 5, hidden, 3, learningRate);
            var (inputs, labels) = (context.Uniform(6, 5, -2, 2), context.OneHot(6, 3));
            var expected = Parameters.AfterOneStep(
                (w, b) => Naive.CrossEntropy(Naive.DeepNetLogits(inputs, w, b), labels), [.. net.Weights], [.. net.Biases], learningRate, inputs.RowCount);

            net.Step(inputs, labels);

            Parameters.ShouldHaveStepped(net.Weights.ToArray(), net.Biases.ToArray(), expected, layer => ($"Weights[{layer}]", $"Biases[{layer}]"),
                $"With hidden sizes [{string.Join(", ", hidden)}]: expected p - learningRate · ∂loss/∂p for every weight and bias; the gradient flows from the last layer to the first, through each ReLU, using the weights before their update.");
        }
    }

    [GradedTest]
    public void Step_works_on_a_batch_of_one(GradingContext context)
    {
        var net = RandomNet(context, 4, [3, 3], 2);
        var (inputs, labels) = (context.Uniform(1, 4, -2, 2), context.OneHot(1, 2));
        var expected = Naive.CrossEntropy(Naive.DeepNetLogits(inputs, [.. net.Weights], [.. net.Biases]), labels);
        MatrixAssert.ShouldBeClose(net.Step(inputs, labels), expected, "the loss of Step on a single sample");
        MatrixAssert.ShouldBeFinite(net.Weights[0], "Weights[0] after a Step on a single sample");
    }

    [GradedTest(weight: 2)]
    public void MiniBatches_cuts_the_samples_into_batches_of_the_requested_size(GradingContext context)
    {
        var n = context.Random.Next(10, 30);
        foreach (var batchSize in new[] { 1, context.Random.Next(3, 8), n / 2, n, n + 5 })
        {
            var (inputs, labels) = NumberedSamples(n);
            var sizes = DeepNet.MiniBatches(inputs, labels, batchSize, new Random(context.Random.Next())).Select(b => b.Inputs.RowCount).ToArray();
            var expected = Enumerable.Range(0, (n + batchSize - 1) / batchSize).Select(i => Math.Min(batchSize, n - i * batchSize)).ToArray();
            sizes.ShouldBe(expected, $"MiniBatches of {n} samples with batch size {batchSize} must give ⌈{n} / {batchSize}⌉ = {expected.Length} batches of {batchSize}, the last one holding what is left.");
        }
    }

    [GradedTest(weight: 2)]
    public void MiniBatches_keeps_every_sample_with_its_label_and_uses_each_once(GradingContext context)
    {
        var n = context.Random.Next(20, 40);
        var (inputs, labels) = NumberedSamples(n);
        var batches = DeepNet.MiniBatches(inputs, labels, context.Random.Next(3, 9), new Random(context.Random.Next())).ToList();
        var order = batches.SelectMany(b => b.Inputs.Column(0)).ToArray();
        var separated = batches.SelectMany(b => b.Labels.Column(0)).Zip(order).Count(pair => pair.First != pair.Second);
        separated.ShouldBe(0, $"{separated} of {n} labels are no longer with their samples: shuffle the rows of inputs and labels with one and the same order.");
        var torn = batches.SelectMany(b => b.Inputs.Column(1)).Zip(order).Count(pair => pair.First != -pair.Second);
        torn.ShouldBe(0, $"{torn} of {n} input rows were torn apart: move whole rows.");
        var missing = n - order.Distinct().Count(v => v >= 0 && v < n);
        (missing == 0 && order.Length == n).ShouldBeTrue($"The batches hold {order.Length} samples, {order.Distinct().Count()} of them different, out of {n}: every sample must appear in exactly one batch.");
    }

    [GradedTest(weight: 2)]
    public void MiniBatches_shuffles_differently_each_epoch_and_reproducibly_from_the_seed(GradingContext context)
    {
        var (inputs, labels) = NumberedSamples(30);
        var seed = context.Random.Next();
        var random = new Random(seed);
        double[] Order(Random source) => DeepNet.MiniBatches(inputs, labels, 7, source).SelectMany(b => b.Inputs.Column(0)).ToArray();
        var (first, second, again) = (Order(random), Order(random), Order(new Random(seed)));
        first.SequenceEqual(Enumerable.Range(0, 30).Select(v => (double)v)).ShouldBeFalse("The batches hold the samples in their original order: shuffle them first.");
        second.SequenceEqual(first).ShouldBeFalse("Two epochs with the same Random gave the same order: shuffle with the Random you are given, every call.");
        again.SequenceEqual(first).ShouldBeTrue("The same seed must give the same batches: shuffle with the Random you are given, not a new one.");
    }

    [GradedTest(weight: 2)]
    public void TrainEpoch_steps_on_each_mini_batch_in_turn_and_returns_the_mean_loss(GradingContext context)
    {
        var (inputs, labels) = (context.Uniform(10, 4, -2, 2), context.OneHot(10, 3));
        var seed = context.Random.Next();
        var (net, twin) = (new DeepNet(4, [5], 3, 0.2, seed: seed), new DeepNet(4, [5], 3, 0.2, seed: seed));
        var shuffle = context.Random.Next();

        var loss = net.TrainEpoch(inputs, labels, 4, new Random(shuffle));

        // The twin does by hand what TrainEpoch documents: a Step on each batch, the losses weighted by batch size.
        var expected = DeepNet.MiniBatches(inputs, labels, 4, new Random(shuffle)).ToList()
            .Sum(batch => twin.Step(batch.Inputs, batch.Labels) * batch.Inputs.RowCount) / 10;
        MatrixAssert.ShouldBeClose(loss, expected, "the loss returned by TrainEpoch (10 samples, batches of 4)",
            hint: "Return Σ (loss of each batch · its size) / N: batches of 4, 4 and 2 do not weigh the same.");
        MatrixAssert.ShouldBeClose(net.Weights[0], twin.Weights[0], "Weights[0] after TrainEpoch", absolute: 1e-12,
            hint: "TrainEpoch must take one Step per batch of MiniBatches(inputs, labels, batchSize, random), in order.");
    }

    [GradedTest(weight: 4, TimeoutSeconds = 90)]
    public void Training_on_standardized_digits_with_mini_batches_reaches_the_required_validation_accuracy(GradingContext context)
    {
        // Notebook 003's setting: a seeded 70/15/15 split into training, validation and test sets, features standardized
        // with the training statistics (computed here, so that this test depends on DeepNet only), hidden sizes
        // [128, 32], learning rate 0.05, 40 epochs of mini-batches of 16.
        var digits = DataFiles.Digits();
        var order = HeldOut.ShuffledRows(digits.Count, context.GradingSeed);
        var heldOut = (int)Math.Ceiling(0.15 * digits.Count);
        var (validation, train) = (HeldOut.Rows(digits, order[heldOut..(2 * heldOut)]), HeldOut.Rows(digits, order[(2 * heldOut)..]));
        var (mean, scale) = Naive.ColumnStatistics(train.Features);
        var (trainFeatures, validationFeatures) = (Naive.Standardize(train.Features, mean, scale), Naive.Standardize(validation.Features, mean, scale));
        var labels = HeldOut.OneHot(train.Labels, 10);

        var net = new DeepNet(64, [128, 32], 10, learningRate: 0.05, seed: context.GradingSeed);
        var shuffle = new Random(context.TestSeed);
        for (var epoch = 0; epoch < 40; epoch++)
        {
            context.RecordLoss(epoch, net.TrainEpoch(trainFeatures, labels, 16, shuffle), "mean cross-entropy");
        }

        var predicted = HeldOut.ArgMax(net.Predict(validationFeatures));
        context.RecordPredictions(validation.Labels, predicted, 10);
        var accuracy = HeldOut.Accuracy(validation.Labels, predicted);
        context.RecordMetric("validation accuracy", accuracy);
        var required = context.Threshold("digitsValidationAccuracy");
        accuracy.ShouldBeGreaterThanOrEqualTo(required, string.Create(CultureInfo.InvariantCulture,
            $"After 40 epochs of mini-batches the validation accuracy is {accuracy:F3}, below the required {required:F2} (the reference reaches about 0.97). If an earlier test of this task failed, its message names the cause; otherwise look at Step, the shuffling of MiniBatches and TrainEpoch."));
    }

    private static DeepNet RandomNet(GradingContext context, int d, int[] hidden, int k, double learningRate = 0.05)
    {
        var net = new DeepNet(d, hidden, k, learningRate, seed: context.Random.Next());
        // Random biases, so that a wrong bias gradient shows in the update and the forward pass.
        for (var layer = 0; layer < net.Biases.Count; layer++)
        {
            net.Biases[layer] = context.UniformVector(net.Biases[layer].Count, -0.5, 0.5);
        }

        return net;
    }

    /// <summary>N samples whose features are [n, -n] and whose label column is n: a mismatch shows at once.</summary>
    private static (Matrix<double> Inputs, Matrix<double> Labels) NumberedSamples(int count) => (
        Matrix<double>.Build.Dense(count, 2, (n, j) => j == 0 ? n : -n),
        Matrix<double>.Build.Dense(count, 1, (n, _) => n));
}
