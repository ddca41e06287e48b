using Coursework.Testing;

namespace Coursework.Tests.Task2_ReLU;

[GradedTask(2, "ReLU")]
public class ReLUTests
{
    /// <summary>The test that reports a crash of Forward; the others that need Forward point to it.</summary>
    private static string ForwardTest => TestName(nameof(Forward_replaces_negative_values_with_zero_and_keeps_the_rest));

    /// <summary>The test that reports a crash of Backward; the others that need Backward point to it.</summary>
    private static string BackwardTest => TestName(nameof(Backward_passes_the_gradient_only_where_the_input_was_positive));

    [Test]
    public void Forward_replaces_negative_values_with_zero_and_keeps_the_rest()
    {
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { -2, 0, 3 }, { 0.5, -0.1, 7 } });
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 3 }, { 0.5, 0, 7 } });

        MatrixAssert.ShouldBeClose(Forward(new ReLU(), inputs, ForwardTest), expected, "ReLU.Forward output", hint: "Expected max(0, x) for every element.",
            diagnosis: Mistakes.ReLUForward(inputs));
    }

    [Test]
    public void Backward_passes_the_gradient_only_where_the_input_was_positive()
    {
        var relu = new ReLU();
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { -2, 0, 3 }, { 0.5, -0.1, 7 } });
        Forward(relu, inputs, BackwardTest);
        var dOut = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { -4, 5, -6 } });
        // Positive inputs at [0,2], [1,0], [1,2]; the input 0 at [0,1] blocks the gradient (the derivative at 0 is taken as 0).
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 3 }, { -4, 0, -6 } });

        MatrixAssert.ShouldBeClose(Backward(relu, inputs, dOut, BackwardTest), expected, "ReLU.Backward output",
            hint: "Multiply dOut by 1 where the cached input is > 0 and by 0 elsewhere (including exactly 0).", diagnosis: Mistakes.ReLUBackward(inputs, dOut));
    }

    [Test]
    public void Backward_leaves_the_output_of_Forward_unmodified()
    {
        var relu = new ReLU();
        var test = TestName(nameof(Backward_leaves_the_output_of_Forward_unmodified));
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 2, 0.5 } });
        var output = Forward(relu, inputs, test);

        Backward(relu, inputs, Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 3, 3 } }), test);

        MatrixAssert.ShouldBeClose(output, Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 2, 0.5 } }), "the output of Forward after Backward",
            hint: "Backward changed the matrix Forward returned: it belongs to the caller (the next layer cached it as its input); build the mask as a new matrix.");
    }

    [Test]
    public void Forward_leaves_its_input_unmodified()
    {
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 2 } });

        Forward(new ReLU(), inputs, TestName(nameof(Forward_leaves_its_input_unmodified)));

        MatrixAssert.ShouldBeClose(inputs, Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 2 } }), "the input after Forward",
            hint: "Return a new matrix; MapInplace would change the caller's matrix.");
    }

    [Test]
    public void Backward_matches_a_numeric_gradient_check()
    {
        var random = new Random(2);
        // Values at least 0.1 away from 0, where ReLU has no derivative.
        var inputs = Matrix<double>.Build.Dense(3, 4, (_, _) => (0.1 + random.NextDouble()) * (random.Next(2) == 0 ? 1 : -1));
        var dOut = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextDouble() * 2 - 1);
        var relu = new ReLU();
        static Matrix<double> Relu(Matrix<double> x) => x.Map(v => Math.Max(0, v));

        // Forward first: a gradient check of Backward is only fair if Forward computes the function being differentiated.
        var test = TestName(nameof(Backward_matches_a_numeric_gradient_check));
        MatrixAssert.ShouldBeClose(Forward(relu, inputs, test), Relu(inputs), "ReLU.Forward output (checked before its gradient)",
            hint: "Forward is wrong, so this check of Backward cannot be trusted yet: fix Forward first (see the Forward tests).");

        // The numeric gradient differentiates the test's own max(0, x), not your Forward.
        var expected = NumericGradient.Of(x => NumericGradient.Project(Relu(x), dOut), inputs.Clone());

        MatrixAssert.ShouldBeClose(Backward(relu, inputs, dOut, test), expected, "ReLU.Backward vs the numeric gradient", absolute: 1e-6,
            diagnosis: Mistakes.ReLUBackward(inputs, dOut));
    }

    /// <summary>Forward in a test: a crash is explained in terms of the student's code, and reported by the Forward test alone.</summary>
    private static Matrix<double> Forward(ReLU relu, Matrix<double> inputs, string test) =>
        StudentCall.Run("ReLU.Forward", () => relu.Forward(inputs), relu, [("inputs", inputs)], _ => test == ForwardTest ? null : ForwardTest);

    /// <summary>Backward in a test: a crash is explained, and reported by the first Backward test alone.</summary>
    private static Matrix<double> Backward(ReLU relu, Matrix<double> inputs, Matrix<double> dOut, string test) =>
        StudentCall.Run("ReLU.Backward", () => relu.Backward(dOut), relu, [("inputs", inputs), ("dOut", dOut)], _ => test == BackwardTest ? null : BackwardTest);

    private static string TestName(string method) => $"Task 2 ReLU: {method.Replace('_', ' ')}";
}
