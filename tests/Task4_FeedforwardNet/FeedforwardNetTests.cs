using Coursework.Testing;

namespace Coursework.Tests.Task4_FeedforwardNet;

[GradedTask(4, "FeedforwardNet")]
public class FeedforwardNetTests
{
    [Test]
    public void The_constructor_creates_parameters_of_the_documented_shapes_with_zero_biases()
    {
        var net = new FeedforwardNet(inputSize: 6, hiddenSize: 4, outputSize: 3);

        MatrixAssert.Shape(net.W1).ShouldBe("(6, 4)", "W1 is (D, H)");
        MatrixAssert.Shape(net.W2).ShouldBe("(4, 3)", "W2 is (H, K)");
        net.B1.ShouldBe(Vector<double>.Build.Dense(4), "B1 is H zeros");
        net.B2.ShouldBe(Vector<double>.Build.Dense(3), "B2 is K zeros");
    }

    [Test]
    public void The_weights_lie_within_the_Xavier_bound()
    {
        var net = new FeedforwardNet(inputSize: 64, hiddenSize: 32, outputSize: 10, seed: 5);

        MatrixAssert.ShouldBeFinite(net.W1, "W1");
        MatrixAssert.ShouldBeFinite(net.W2, "W2");
        net.W1.Enumerate().Max(Math.Abs).ShouldBeLessThanOrEqualTo(Math.Sqrt(6.0 / (64 + 32)), "W1 is uniform on ±sqrt(6 / (64 + 32))");
        net.W2.Enumerate().Max(Math.Abs).ShouldBeLessThanOrEqualTo(Math.Sqrt(6.0 / (32 + 10)), "W2 is uniform on ±sqrt(6 / (32 + 10))");
        net.W1.Enumerate().Distinct().Count().ShouldBeGreaterThan(1000, "the weights must be random, not a constant");
    }

    [Test]
    public void Predict_of_a_hand_built_network_matches_a_hand_computation()
    {
        var net = HandBuiltNet();
        // x = [2, 0.5]: hidden = relu([2, 0.5] + [0, -1]) = [2, 0]; logits = [2·1, 2·(-1)] = [2, -2];
        // softmax = [1 / (1 + e^-4), 1 / (1 + e^4)].
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 1 / (1 + Math.Exp(-4)), 1 / (1 + Math.Exp(4)) } });

        MatrixAssert.ShouldBeClose(net.Predict(Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0.5 } })), expected, "FeedforwardNet.Predict",
            hint: "Predict returns softmax probabilities of affine → ReLU → affine, not the logits.");
    }

    [Test]
    public void Step_returns_the_loss_before_the_update()
    {
        var net = HandBuiltNet();
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0.5 } });
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 } });
        // The probability of class 1 is 1 / (1 + e^4), so the loss is log(1 + e^4).

        MatrixAssert.ShouldBeClose(net.Step(inputs, labels), Math.Log(1 + Math.Exp(4)), "the loss returned by Step");
    }

    [Test]
    public void One_Step_matches_a_numeric_gradient_check()
    {
        var random = new Random(4);
        var net = new FeedforwardNet(inputSize: 3, hiddenSize: 4, outputSize: 2, learningRate: 0.5, seed: 4)
        {
            B1 = Vector<double>.Build.Dense(4, _ => random.NextDouble() - 0.5),
            B2 = Vector<double>.Build.Dense(2, _ => random.NextDouble() - 0.5),
        };
        var inputs = Matrix<double>.Build.Dense(5, 3, (_, _) => random.NextDouble() * 2 - 1);
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 }, { 0, 1 }, { 1, 0 }, { 1, 0 } });
        var (w1, b1, w2, b2) = (net.W1.Clone(), net.B1.Clone(), net.W2.Clone(), net.B2.Clone());

        net.Step(inputs, labels);

        var gradW1 = NumericGradient.Of(w => Loss(inputs, labels, w, b1, w2, b2), w1.Clone());
        var gradB2 = NumericGradient.Of(b => Loss(inputs, labels, w1, b1, w2, b), b2.Clone());
        MatrixAssert.ShouldBeClose(net.W1, w1 - 0.5 * gradW1, "W1 after one Step", absolute: 1e-6, hint: "W1 ← W1 - learningRate · ∂loss/∂W1");
        MatrixAssert.ShouldBeClose(net.B2, b2 - 0.5 * gradB2, "B2 after one Step", absolute: 1e-6, hint: "B2 ← B2 - learningRate · ∂loss/∂B2");
    }

    /// <summary>D = 2, H = 2, K = 2 with weights chosen to make the arithmetic easy.</summary>
    private static FeedforwardNet HandBuiltNet() => new(inputSize: 2, hiddenSize: 2, outputSize: 2)
    {
        W1 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 } }),
        B1 = Vector<double>.Build.DenseOfArray([0, -1]),
        W2 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, -1 }, { 0, 2 } }),
        B2 = Vector<double>.Build.DenseOfArray([0, 0]),
    };

    /// <summary>The network's mean cross-entropy, written out independently of the code under test.</summary>
    private static double Loss(Matrix<double> x, Matrix<double> y, Matrix<double> w1, Vector<double> b1, Matrix<double> w2, Vector<double> b2)
    {
        var hidden = (x * w1 + Matrix<double>.Build.Dense(x.RowCount, b1.Count, (_, j) => b1[j])).Map(v => Math.Max(0, v));
        var logits = hidden * w2 + Matrix<double>.Build.Dense(x.RowCount, b2.Count, (_, j) => b2[j]);
        var total = 0.0;
        for (var n = 0; n < logits.RowCount; n++)
        {
            var row = logits.Row(n);
            var logSumExp = row.Maximum() + Math.Log(row.Map(v => Math.Exp(v - row.Maximum())).Sum());
            total -= y.Row(n) * (row - logSumExp);
        }

        return total / logits.RowCount;
    }
}
