using System.Globalization;

namespace Coursework.Grading.Tasks;

/// <summary>Hidden tests of task 4, <see cref="FeedforwardNet"/>.</summary>
[GradedTask(4)]
public sealed class FeedforwardNetHiddenTests
{
    [GradedTest]
    public void The_parameters_have_the_documented_shapes()
    {
        var net = new FeedforwardNet(7, 5, 3);
        Checks.ShouldHaveShape(net.W1, 7, 5, "W1");
        Checks.ShouldHaveShape(net.W2, 5, 3, "W2");
        (net.B1?.Count ?? -1).ShouldBe(5, "B1 must have one element per hidden unit (H = 5).");
        (net.B2?.Count ?? -1).ShouldBe(3, "B2 must have one element per class (K = 3).");
    }

    [GradedTest]
    public void The_biases_start_at_zero()
    {
        var net = new FeedforwardNet(6, 4, 3, seed: 11);
        net.B1.ShouldNotBeNull().All(b => b == 0).ShouldBeTrue("B1 must start at zero.");
        net.B2.ShouldNotBeNull().All(b => b == 0).ShouldBeTrue("B2 must start at zero.");
    }

    [GradedTest(weight: 2)]
    public void The_weights_are_Xavier_uniform(GradingContext context)
    {
        var (d, h, k) = (64, 32, 10);
        var net = new FeedforwardNet(d, h, k, seed: context.Random.Next());
        Checks.ShouldBeXavierUniform(net.W1.ShouldNotBeNull(), d, h, "W1");
        Checks.ShouldBeXavierUniform(net.W2.ShouldNotBeNull(), h, k, "W2");
    }

    [GradedTest]
    public void The_same_seed_gives_the_same_network_and_another_seed_a_different_one()
    {
        var (a, b, c) = (new FeedforwardNet(8, 6, 4, seed: 3), new FeedforwardNet(8, 6, 4, seed: 3), new FeedforwardNet(8, 6, 4, seed: 4));
        MatrixAssert.ShouldBeClose(b.W1, a.W1, "W1 of a second network with the same seed", absolute: 0, relative: 0, hint: "Draw the weights from new Random(seed).");
        MatrixAssert.ShouldBeClose(b.W2, a.W2, "W2 of a second network with the same seed", absolute: 0, relative: 0, hint: "Draw the weights from new Random(seed).");
        a.W1.Enumerate().Any(w => w != 0).ShouldBeTrue("W1 is all zeros for every seed: the Xavier bound came out as 0 (in C#, 6 / (fanIn + fanOut) with whole numbers is 0; write 6.0, or use Initializers.XavierUniform).");
        a.W1.Equals(c.W1).ShouldBeFalse("Networks with seeds 3 and 4 have the same W1: the seed is not used (draw from new Random(seed)).");
    }

    [GradedTest(weight: 2)]
    public void Predict_matches_an_independent_forward_pass(GradingContext context)
    {
        var net = RandomNet(context, 5, 4, 3);
        var inputs = context.Uniform(6, 5, -2, 2);
        MatrixAssert.ShouldBeClose(net.Predict(inputs), Naive.Softmax(Naive.NetLogits(inputs, net.W1, net.B1, net.W2, net.B2)),
            "FeedforwardNet.Predict", hint: "Expected softmax(relu(X·W1 + b1)·W2 + b2): probabilities, not logits.", diagnosis: Diagnosis.Of()
                .Candidate("the logits relu(X·W1 + b1)·W2 + b2, without the softmax", "Predict returns probabilities: apply Softmax.Rows to the logits",
                    () => Naive.NetLogits(inputs, net.W1, net.B1, net.W2, net.B2))
                .Candidate("softmax(X·W1 + b1)·W2 + b2 without the ReLU", "apply ReLU to the hidden layer",
                    () => Naive.Softmax(Naive.Affine(Naive.Affine(inputs, net.W1, net.B1), net.W2, net.B2))));
    }

    [GradedTest]
    public void Predict_does_not_change_the_parameters(GradingContext context)
    {
        var net = RandomNet(context, 5, 4, 3);
        var before = (net.W1.Clone(), net.B1.Clone(), net.W2.Clone(), net.B2.Clone());
        net.Predict(context.Uniform(3, 5));
        MatrixAssert.ShouldBeClose(net.W1, before.Item1, "W1 after Predict", absolute: 0, relative: 0);
        MatrixAssert.ShouldBeClose(net.B1, before.Item2, "B1 after Predict", absolute: 0, relative: 0);
        MatrixAssert.ShouldBeClose(net.W2, before.Item3, "W2 after Predict", absolute: 0, relative: 0);
        MatrixAssert.ShouldBeClose(net.B2, before.Item4, "B2 after Predict", absolute: 0, relative: 0);
    }

    [GradedTest]
    public void Step_returns_the_loss_before_the_update(GradingContext context)
    {
        var net = RandomNet(context, 5, 4, 3);
        var (inputs, labels) = (context.Uniform(6, 5, -2, 2), context.OneHot(6, 3));
        var expected = Naive.NetLoss(inputs, labels, net.W1, net.B1, net.W2, net.B2);
        MatrixAssert.ShouldBeClose(net.Step(inputs, labels), expected, "the loss returned by Step",
            hint: "Return the mean cross-entropy of the forward pass, computed before the parameters change.");
    }

    [GradedTest(weight: 3)]
    public void One_Step_moves_every_parameter_by_minus_the_learning_rate_times_its_gradient(GradingContext context)
    {
        const double learningRate = 0.1;
        var net = RandomNet(context, 5, 4, 3, learningRate);
        var (inputs, labels) = (context.Uniform(6, 5, -2, 2), context.OneHot(6, 3));
        var expected = Parameters.AfterOneStep((w, b) => Naive.NetLoss(inputs, labels, w[0], b[0], w[1], b[1]), [net.W1, net.W2], [net.B1, net.B2], learningRate, inputs.RowCount);

        net.Step(inputs, labels);

        Parameters.ShouldHaveStepped([net.W1, net.W2], [net.B1, net.B2], expected, Parameters.Numbered,
            "Expected p - learningRate · ∂loss/∂p for each of W1, B1, W2, B2, with the gradient from backpropagation through both layers.",
            (layer, isBias, diagnosis) =>
            {
                if (layer == 0)
                {
                    var name = isBias ? "B1" : "W1";
                    diagnosis.Candidate($"{name} stepped with a gradient that went through the updated W2",
                        "W2 was updated before the gradient was passed back through it: compute every gradient first, with the weights before the step, then update",
                        () => FirstLayer(FirstLayerStep(inputs, labels, expected, afterW2Update: true, throughReLU: true), isBias));
                    diagnosis.Candidate($"{name} stepped with a gradient that skipped ReLU.Backward",
                        "the hidden layer's gradient must pass through ReLU.Backward (zero where the unit was off) before the first affine layer",
                        () => FirstLayer(FirstLayerStep(inputs, labels, expected, afterW2Update: false, throughReLU: false), isBias));
                }
            });
    }

    [GradedTest]
    public void Step_works_on_a_batch_of_one(GradingContext context)
    {
        var net = RandomNet(context, 4, 3, 2);
        var (inputs, labels) = (context.Uniform(1, 4, -2, 2), context.OneHot(1, 2));
        var expected = Naive.NetLoss(inputs, labels, net.W1, net.B1, net.W2, net.B2);
        MatrixAssert.ShouldBeClose(net.Step(inputs, labels), expected, "the loss of Step on a single sample");
        MatrixAssert.ShouldBeFinite(net.W1, "W1 after a Step on a single sample");
    }

    [GradedTest(weight: 4, TimeoutSeconds = 90)]
    public void Training_on_the_digits_reaches_the_required_test_accuracy(GradingContext context)
    {
        // The notebook's recipe: raw pixels, a 75/25 split, H = 32, learning rate 0.01, 501 full-batch epochs.
        var digits = DataFiles.Digits();
        var (test, train) = HeldOut.TestAndTrain(digits, context.GradingSeed, testFraction: 0.25);
        var labels = HeldOut.OneHot(train.Labels, 10);

        var net = new FeedforwardNet(64, 32, 10, learningRate: 1e-2, seed: context.GradingSeed);
        for (var epoch = 0; epoch < 501; epoch++)
        {
            var loss = net.Step(train.Features, labels);
            if (epoch % 10 == 0)
            {
                context.RecordLoss(epoch, loss, "mean cross-entropy");
            }
        }

        var predicted = HeldOut.ArgMax(net.Predict(test.Features));
        context.RecordPredictions(test.Labels, predicted, 10);
        var accuracy = HeldOut.Accuracy(test.Labels, predicted);
        context.RecordMetric("test accuracy", accuracy);
        var required = context.Threshold("digitsTestAccuracy");
        accuracy.ShouldBeGreaterThanOrEqualTo(required, string.Create(CultureInfo.InvariantCulture,
            $"After 501 epochs the test accuracy is {accuracy:F3}, below the required {required:F2} (the reference reaches about 0.95). If an earlier test of this task failed, its message names the cause; otherwise look at the update step and the learning rate."));
    }

    /// <summary>
    /// W1 and B1 after a Step with one of two usual mistakes: W2 updated first, then dLogits · W2ᵀ taken with the new
    /// W2; or the hidden gradient passed to the first layer without ReLU's mask.
    /// </summary>
    private static (Matrix<double> W1, Vector<double> B1) FirstLayerStep(Matrix<double> inputs, Matrix<double> labels, ExpectedStep step, bool afterW2Update, bool throughReLU)
    {
        var (w1, b1, w2) = (step.WeightsBefore[0], step.BiasesBefore[0], step.WeightsBefore[1]);
        var preActivation = Naive.Affine(inputs, w1, b1);
        var dLogits = (Naive.Softmax(Naive.NetLogits(inputs, w1, b1, w2, step.BiasesBefore[1])) - labels) / inputs.RowCount;
        var dHidden = dLogits * (afterW2Update ? step.Weights[1] : w2).Transpose();
        var dPreActivation = throughReLU ? dHidden.PointwiseMultiply(preActivation.Map(z => z > 0 ? 1.0 : 0.0)) : dHidden;
        return (w1 - step.LearningRate * inputs.Transpose() * dPreActivation, b1 - step.LearningRate * dPreActivation.ColumnSums());
    }

    private static Matrix<double> FirstLayer((Matrix<double> W1, Vector<double> B1) step, bool isBias) => isBias ? step.B1.ToRowMatrix() : step.W1;

    private static FeedforwardNet RandomNet(GradingContext context, int d, int h, int k, double learningRate = 0.01)
    {
        var net = new FeedforwardNet(d, h, k, learningRate, seed: context.Random.Next());
        // Random biases, so that a wrong bias gradient shows in the update and the forward pass.
        net.B1 = context.UniformVector(h, -0.5, 0.5);
        net.B2 = context.UniformVector(k, -0.5, 0.5);
        return net;
    }
}
