using Coursework.Testing;

namespace Coursework.Tests.Task5_BinaryClassifier;

[GradedTask(5, "BinaryClassifier")]
public class SigmoidTests
{
    // Notebook 001's example and its printed results (8 significant digits, so the tolerance is 1e-8).
    private static readonly Matrix<double> Z = Matrix<double>.Build.DenseOfArray(new double[,] { { -5, 4 }, { 0, 1 } });
    private static readonly Matrix<double> DOut = Matrix<double>.Build.DenseOfArray(new double[,] { { -0.2, -0.5 }, { -0.1, 0.2 } });

    [Test]
    public void Forward_matches_the_notebook()
    {
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.00669285, 0.98201379 }, { 0.5, 0.73105858 } });

        MatrixAssert.ShouldBeClose(new Sigmoid().Forward(Z), expected, "Sigmoid.Forward output", absolute: 1e-8,
            hint: "Expected 1 / (1 + exp(-x)) for every element.");
    }

    [Test]
    public void Forward_stays_finite_and_saturates_for_inputs_of_a_thousand()
    {
        // σ(-1000) = 1 / (1 + e^1000) underflows to 0, σ(1000) rounds to 1: neither may become NaN.
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { -1000, 1000 } });

        MatrixAssert.ShouldBeClose(new Sigmoid().Forward(inputs), Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 } }),
            "Sigmoid.Forward for inputs of ±1000", absolute: 1e-12,
            hint: "exp(1000) is +∞: 1 / (1 + ∞) = 0 is fine, but ∞ / (1 + ∞) is NaN. Use 1 / (1 + exp(-x)).");
    }

    [Test]
    public void Backward_matches_the_notebook()
    {
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { -0.00132961, -0.00883135 }, { -0.025, 0.03932239 } });
        var sigmoid = new Sigmoid();
        sigmoid.Forward(Z);

        MatrixAssert.ShouldBeClose(sigmoid.Backward(DOut), expected, "Sigmoid.Backward", absolute: 1e-8,
            hint: "Expected dOut ⊙ σ(x) ⊙ (1 - σ(x)), with σ(x) the output of Forward (not σ applied to it again).");
    }

    [Test]
    public void Backward_matches_a_numeric_gradient_check()
    {
        var random = new Random(5);
        var inputs = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextDouble() * 8 - 4);
        var dOut = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextDouble() * 2 - 1);
        var sigmoid = new Sigmoid();
        sigmoid.Forward(inputs);

        var expected = NumericGradient.Of(x => NumericGradient.Project(x.Map(v => 1 / (1 + Math.Exp(-v))), dOut), inputs.Clone());

        MatrixAssert.ShouldBeClose(sigmoid.Backward(dOut), expected, "Sigmoid.Backward vs the numeric gradient", absolute: 1e-7);
    }
}
