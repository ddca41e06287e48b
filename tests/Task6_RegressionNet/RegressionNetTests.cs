using Coursework.Testing;

namespace Coursework.Tests.Task6_RegressionNet;

[GradedTask(6, "RegressionNet")]
public class RegressionNetTests
{
    [Test]
    public void The_constructor_creates_parameters_of_the_documented_shapes_with_zero_biases()
    {
        var net = new RegressionNet(inputSize: 3, hiddenSize1: 5, hiddenSize2: 4, outputSize: 2);

        MatrixAssert.Shape(net.W1).ShouldBe("(3, 5)", "W1 is (D, H1)");
        MatrixAssert.Shape(net.W2).ShouldBe("(5, 4)", "W2 is (H1, H2)");
        MatrixAssert.Shape(net.W3).ShouldBe("(4, 2)", "W3 is (H2, K)");
        net.B1.ShouldBe(Vector<double>.Build.Dense(5), "B1 is H1 zeros");
        net.B2.ShouldBe(Vector<double>.Build.Dense(4), "B2 is H2 zeros");
        net.B3.ShouldBe(Vector<double>.Build.Dense(2), "B3 is K zeros");
    }

    [Test]
    public void Predict_of_a_hand_built_network_matches_a_hand_computation()
    {
        // x = 2: first layer [2, -2] → leaky [2, -0.2]; second layer [2, -0.2] + [0, 1] = [2, 0.8] → leaky [2, 0.8];
        // output 2 + 0.8 + 0.5 = 3.3, with no activation.
        var output = HandBuiltNet().Predict(Matrix<double>.Build.DenseOfArray(new double[,] { { 2 } }));

        MatrixAssert.ShouldBeClose(output, Matrix<double>.Build.DenseOfArray(new double[,] { { 3.3 } }), "RegressionNet.Predict",
            hint: "Expected affine → leaky ReLU → affine → leaky ReLU → affine, with a linear output (no activation at the end).");
    }

    [Test]
    public void Step_returns_the_mean_squared_error_before_the_update()
    {
        var net = HandBuiltNet();

        var loss = net.Step(Matrix<double>.Build.DenseOfArray(new double[,] { { 2 } }), Matrix<double>.Build.DenseOfArray(new double[,] { { 3 } }));

        MatrixAssert.ShouldBeClose(loss, 0.09, "the loss returned by Step for output 3.3 and target 3", hint: "Expected (3.3 - 3)² = 0.09.");
    }

    [Test]
    public void One_Step_matches_a_numeric_gradient_check()
    {
        var random = new Random(10);
        var net = new RegressionNet(inputSize: 2, hiddenSize1: 4, hiddenSize2: 3, outputSize: 2, learningRate: 0.5, slope: 0.1, seed: 10)
        {
            B1 = Vector<double>.Build.Dense(4, _ => random.NextDouble() - 0.5),
            B3 = Vector<double>.Build.Dense(2, _ => random.NextDouble() - 0.5),
        };
        var inputs = Matrix<double>.Build.Dense(5, 2, (_, _) => random.NextDouble() * 2 - 1);
        var targets = Matrix<double>.Build.Dense(5, 2, (_, _) => random.NextDouble() * 2 - 1);
        var (w1, b1, w2, b2, w3, b3) = (net.W1.Clone(), net.B1.Clone(), net.W2.Clone(), net.B2.Clone(), net.W3.Clone(), net.B3.Clone());

        net.Step(inputs, targets);

        var gradW1 = NumericGradient.Of(w => Loss(inputs, targets, w, b1, w2, b2, w3, b3), w1.Clone());
        var gradW3 = NumericGradient.Of(w => Loss(inputs, targets, w1, b1, w2, b2, w, b3), w3.Clone());
        MatrixAssert.ShouldBeClose(net.W1, w1 - 0.5 * gradW1, "W1 after one Step", absolute: 1e-6, hint: "W1 ← W1 - learningRate · ∂loss/∂W1");
        MatrixAssert.ShouldBeClose(net.W3, w3 - 0.5 * gradW3, "W3 after one Step", absolute: 1e-6, hint: "W3 ← W3 - learningRate · ∂loss/∂W3");
    }

    [Test]
    public void Training_fits_XOR()
    {
        // XOR needs the hidden layers: the best straight line through these four points has a mean squared error of 0.25.
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var targets = Matrix<double>.Build.DenseOfArray(new double[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        var net = new RegressionNet(inputSize: 2, hiddenSize1: 8, hiddenSize2: 8, outputSize: 1, learningRate: 0.1, seed: 2);

        for (var epoch = 0; epoch < 2000; epoch++)
        {
            net.Step(inputs, targets);
        }

        MatrixAssert.ShouldBeClose(net.Predict(inputs), targets, "the predictions for XOR after 2000 epochs", absolute: 0.1);
    }

    /// <summary>D = 1, H1 = H2 = 2, K = 1, slope 0.1, with weights chosen to make the arithmetic easy.</summary>
    private static RegressionNet HandBuiltNet() => new(inputSize: 1, hiddenSize1: 2, hiddenSize2: 2, outputSize: 1, slope: 0.1)
    {
        W1 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, -1 } }),
        B1 = Vector<double>.Build.DenseOfArray([0, 0]),
        W2 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 } }),
        B2 = Vector<double>.Build.DenseOfArray([0, 1]),
        W3 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1 }, { 1 } }),
        B3 = Vector<double>.Build.DenseOfArray([0.5]),
    };

    /// <summary>The network's mean squared error, written out independently of the code under test (slope 0.1).</summary>
    private static double Loss(Matrix<double> x, Matrix<double> y, Matrix<double> w1, Vector<double> b1,
        Matrix<double> w2, Vector<double> b2, Matrix<double> w3, Vector<double> b3)
    {
        static Matrix<double> Layer(Matrix<double> a, Matrix<double> w, Vector<double> b) =>
            a * w + Matrix<double>.Build.Dense(a.RowCount, b.Count, (_, j) => b[j]);
        static Matrix<double> Leaky(Matrix<double> z) => z.Map(v => v > 0 ? v : 0.1 * v);

        var error = Layer(Leaky(Layer(Leaky(Layer(x, w1, b1)), w2, b2)), w3, b3) - y;
        return error.Enumerate().Average(e => e * e);
    }
}
