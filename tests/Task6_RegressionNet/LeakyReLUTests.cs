using Coursework.Testing;

namespace Coursework.Tests.Task6_RegressionNet;

[GradedTask(6, "RegressionNet")]
public class LeakyReLUTests
{
    private static readonly Matrix<double> Inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { -5, 4 }, { 0, 1 } });

    [Test]
    public void Forward_keeps_positive_inputs_and_scales_the_others_by_the_slope()
    {
        // Slope 0.1: -5 → -0.5, 4 → 4, 0 → 0, 1 → 1.
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { -0.5, 4 }, { 0, 1 } });

        MatrixAssert.ShouldBeClose(new LeakyReLU(0.1).Forward(Inputs), expected, "LeakyReLU(0.1).Forward output",
            hint: "Expected x for x > 0 and slope · x otherwise: the slope applies to negative inputs only.");
    }

    [Test]
    public void The_slope_is_the_constructors_parameter()
    {
        MatrixAssert.ShouldBeClose(new LeakyReLU(0.3).Forward(Inputs), Matrix<double>.Build.DenseOfArray(new double[,] { { -1.5, 4 }, { 0, 1 } }),
            "LeakyReLU(0.3).Forward output", hint: "Use the slope given to the constructor, not a fixed 0.1.");
    }

    [Test]
    public void Backward_passes_the_gradient_where_the_input_was_positive_and_scales_it_elsewhere()
    {
        // Derivative [[0.1, 1], [0.1, 1]] (at exactly 0 it is the slope), times dOut.
        var dOut = Matrix<double>.Build.DenseOfArray(new double[,] { { -0.2, -0.5 }, { -0.1, 0.2 } });
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { -0.02, -0.5 }, { -0.01, 0.2 } });
        var layer = new LeakyReLU(0.1);
        layer.Forward(Inputs);

        MatrixAssert.ShouldBeClose(layer.Backward(dOut), expected, "LeakyReLU.Backward",
            hint: "The derivative is 1 where the cached input is > 0 and the slope elsewhere (including at 0).");
    }

    [Test]
    public void Backward_matches_a_numeric_gradient_check()
    {
        var random = new Random(8);
        var inputs = Matrix<double>.Build.Dense(3, 4, (_, _) => (0.1 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
        var dOut = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextDouble() * 2 - 1);
        var layer = new LeakyReLU(0.2);
        layer.Forward(inputs);

        var expected = NumericGradient.Of(x => NumericGradient.Project(x.Map(v => v > 0 ? v : 0.2 * v), dOut), inputs.Clone());

        MatrixAssert.ShouldBeClose(layer.Backward(dOut), expected, "LeakyReLU.Backward vs the numeric gradient", absolute: 1e-7);
    }
}
