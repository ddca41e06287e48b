using Coursework.Testing;

namespace Coursework.Tests.Task5_BinaryClassifier;

[GradedTask(5, "BinaryClassifier")]
public class BinaryClassifierTests
{
    [Test]
    public void The_constructor_creates_parameters_of_the_documented_shapes_with_zero_biases_and_an_empty_history()
    {
        var net = new BinaryClassifier(inputSize: 5, hiddenSize: 3);

        MatrixAssert.Shape(net.W1).ShouldBe("(5, 3)", "W1 is (D, H)");
        MatrixAssert.Shape(net.W2).ShouldBe("(3, 1)", "W2 is (H, 1)");
        net.B1.ShouldBe(Vector<double>.Build.Dense(3), "B1 is H zeros");
        net.B2.ShouldBe(Vector<double>.Build.Dense(1), "B2 is a single zero");
        net.LossHistory.ShouldBeEmpty("no Step has run yet");
    }

    [Test]
    public void Predict_of_a_hand_built_network_is_the_sigmoid_of_its_output()
    {
        // x = [2, 0.5]: hidden = relu([2, 0.5] + [0, -1]) = [2, 0]; output = 2·1 + 0·(-1) = 2; σ(2) = 1 / (1 + e^-2).
        var probabilities = HandBuiltNet().Predict(Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0.5 } }));

        MatrixAssert.ShouldBeClose(probabilities, Matrix<double>.Build.DenseOfArray(new double[,] { { 1 / (1 + Math.Exp(-2)) } }),
            "BinaryClassifier.Predict", hint: "Predict returns σ of affine → ReLU → affine, shape (N, 1).");
    }

    [Test]
    public void Predict_with_a_threshold_gives_1_where_the_probability_reaches_it()
    {
        // The outputs of the three rows are 2, 0 and -2: probabilities σ(2) ≈ 0.88, σ(0) = 0.5 and σ(-2) ≈ 0.12.
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0.5 }, { 0, 0 }, { 0, 3 } });
        var net = HandBuiltNet();

        net.Predict(inputs, 0.5).ShouldBe([1, 1, 0], "with threshold 0.5 (a probability equal to the threshold counts as 1)");
        net.Predict(inputs, 0.9).ShouldBe([0, 0, 0], "with threshold 0.9");
        net.Predict(inputs, 0.1).ShouldBe([1, 1, 1], "with threshold 0.1");
    }

    [Test]
    public void Step_returns_the_loss_before_the_update_and_records_it_in_the_history()
    {
        var net = HandBuiltNet();
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0.5 } });
        var target = Matrix<double>.Build.DenseOfArray(new double[,] { { 1 } });

        // The probability of class 1 is σ(2), so the loss is -ln σ(2) = ln(1 + e^-2).
        var first = net.Step(inputs, target);
        var second = net.Step(inputs, target);

        MatrixAssert.ShouldBeClose(first, Math.Log(1 + Math.Exp(-2)), "the loss returned by the first Step");
        MatrixAssert.Finite(second, "the loss after a step").ShouldBeLessThan(MatrixAssert.Finite(first, "the loss before a step"), "a step of gradient descent lowers the loss on the same sample");
        net.LossHistory.ShouldBe([first, second], "LossHistory holds the loss of every Step, oldest first");
    }

    [Test]
    public void One_Step_matches_a_numeric_gradient_check()
    {
        var random = new Random(7);
        var net = new BinaryClassifier(inputSize: 3, hiddenSize: 4, learningRate: 0.5, seed: 7)
        {
            B1 = Vector<double>.Build.Dense(4, _ => random.NextDouble() - 0.5),
            B2 = Vector<double>.Build.Dense(1, _ => random.NextDouble() - 0.5),
        };
        var inputs = Matrix<double>.Build.Dense(5, 3, (_, _) => random.NextDouble() * 2 - 1);
        var targets = Matrix<double>.Build.Dense(5, 1, [1, 0, 0, 1, 1]);
        var (w1, b1, w2, b2) = (net.W1.Clone(), net.B1.Clone(), net.W2.Clone(), net.B2.Clone());

        net.Step(inputs, targets);

        var gradW1 = NumericGradient.Of(w => Loss(inputs, targets, w, b1, w2, b2), w1.Clone());
        var gradB2 = NumericGradient.Of(b => Loss(inputs, targets, w1, b1, w2, b), b2.Clone());
        MatrixAssert.ShouldBeClose(net.W1, w1 - 0.5 * gradW1, "W1 after one Step", absolute: 1e-6, hint: "W1 ← W1 - learningRate · ∂loss/∂W1");
        MatrixAssert.ShouldBeClose(net.B2, b2 - 0.5 * gradB2, "B2 after one Step", absolute: 1e-6, hint: "B2 ← B2 - learningRate · ∂loss/∂B2");
    }

    [Test]
    public void Training_separates_the_notebooks_toy_data()
    {
        // Notebook 001's ten samples: small measurements are class 0, large ones class 1. Its run reached a loss of 0.0088.
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,]
        {
            { 3.0, 4.0, 2 }, { 2.0, 3.5, 3 }, { 4.0, 4.5, 1 }, { 1.5, 3.0, 2 }, { 5.0, 3.8, 3 },
            { 8.0, 7.5, 0 }, { 10.0, 8.0, 1 }, { 7.0, 7.0, 0 }, { 12.0, 9.0, 0 }, { 6.0, 7.2, 1 },
        });
        int[] labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        var net = new BinaryClassifier(inputSize: 3, hiddenSize: 4, learningRate: 0.1, seed: 1);

        for (var epoch = 0; epoch < 1000; epoch++)
        {
            net.Step(inputs, Matrix<double>.Build.Dense(10, 1, (n, _) => labels[n]));
        }

        net.LossHistory.Count.ShouldBe(1000);
        MatrixAssert.Finite(net.LossHistory[^1], "the last loss in LossHistory").ShouldBeLessThan(0.1, "after 1000 epochs the loss should be far below ln 2 ≈ 0.69, where it starts");
        net.Predict(inputs, 0.5).ShouldBe(labels, "every training sample classified correctly");
    }

    /// <summary>D = 2, H = 2 with weights chosen to make the arithmetic easy.</summary>
    private static BinaryClassifier HandBuiltNet() => new(inputSize: 2, hiddenSize: 2)
    {
        W1 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 } }),
        B1 = Vector<double>.Build.DenseOfArray([0, -1]),
        W2 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1 }, { -1 } }),
        B2 = Vector<double>.Build.DenseOfArray([0]),
    };

    /// <summary>The network's binary cross-entropy, written out independently of the code under test.</summary>
    private static double Loss(Matrix<double> x, Matrix<double> y, Matrix<double> w1, Vector<double> b1, Matrix<double> w2, Vector<double> b2)
    {
        var hidden = (x * w1 + Matrix<double>.Build.Dense(x.RowCount, b1.Count, (_, j) => b1[j])).Map(v => Math.Max(0, v));
        var output = hidden * w2 + Matrix<double>.Build.Dense(x.RowCount, 1, b2[0]);
        var total = 0.0;
        for (var n = 0; n < x.RowCount; n++)
        {
            var p = Math.Clamp(1 / (1 + Math.Exp(-output[n, 0])), 1e-9, 1 - 1e-9);
            total -= y[n, 0] * Math.Log(p) + (1 - y[n, 0]) * Math.Log(1 - p);
        }

        return total / x.RowCount;
    }
}
