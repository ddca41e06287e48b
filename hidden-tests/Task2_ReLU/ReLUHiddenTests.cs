namespace Coursework.Grading.Tasks;

/// <summary>Hidden tests of task 2, <see cref="ReLU"/>.</summary>
[GradedTask(2)]
public sealed class ReLUHiddenTests
{
    [GradedTest(weight: 2)]
    public void Forward_is_the_elementwise_maximum_with_zero_on_random_shapes(GradingContext context)
    {
        for (var i = 0; i < 3; i++)
        {
            var inputs = context.Uniform(context.Random.Next(1, 7), context.Random.Next(1, 7), -3, 3);
            MatrixAssert.ShouldBeClose(new ReLU().Forward(inputs), Naive.ReLU(inputs), $"ReLU.Forward output for {MatrixAssert.Shape(inputs)}",
                absolute: 0, relative: 0, hint: "Expected max(0, x) for every element; negative inputs become 0, positive ones stay.", diagnosis: Mistakes.ReLUForward(inputs));
        }
    }

    [GradedTest(weight: 2)]
    public void Backward_matches_finite_differences_away_from_zero(GradingContext context)
    {
        for (var i = 0; i < 3; i++)
        {
            // Keep inputs at least 0.1 from the kink, where the derivative is not defined.
            var inputs = context.Uniform(context.Random.Next(1, 7), context.Random.Next(1, 7), 0.1, 2)
                .Map(x => context.Random.Next(2) == 0 ? x : -x);
            var dOut = context.Uniform(inputs.RowCount, inputs.ColumnCount);
            // The gradient at the inputs as they were: a Forward that changes them in place is charged in its own test.
            var expected = NumericGradient.Of(x => NumericGradient.Project(Naive.ReLU(x), dOut), inputs.Clone());
            var relu = new ReLU();
            relu.Forward(inputs);
            MatrixAssert.ShouldBeClose(relu.Backward(dOut), expected, $"ReLU.Backward for {MatrixAssert.Shape(inputs)}",
                absolute: 1e-6, hint: "Expected dOut where the input was positive and 0 elsewhere.", diagnosis: BackwardMistakes(inputs, dOut));
        }
    }

    [GradedTest]
    public void Backward_blocks_the_gradient_where_the_input_is_exactly_zero()
    {
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, -1 }, { 2, 0, 0 } });
        var relu = new ReLU();
        relu.Forward(inputs);
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 0 }, { 1, 0, 0 } });
        var actual = relu.Backward(Matrix<double>.Build.Dense(2, 3, 1.0));
        // "> versus >=" only where every wrong element is at an input of exactly 0; a wrong element elsewhere is another mistake.
        var wrongOnlyAtZero = actual.EnumerateIndexed().All(e => e.Item3 == expected[e.Item1, e.Item2] || inputs[e.Item1, e.Item2] == 0);
        MatrixAssert.ShouldBeClose(actual, expected, "ReLU.Backward where some inputs are 0",
            absolute: 0, relative: 0, hint: wrongOnlyAtZero
                ? "The documented convention: the derivative at exactly 0 is 0 (inputs > 0, not >= 0)."
                : "Expected 1 where the input is positive and 0 elsewhere: it is wrong at an input that is not 0 too, so the mask itself is off.",
            diagnosis: BackwardMistakes(inputs, Matrix<double>.Build.Dense(2, 3, 1.0)));
    }

    [GradedTest]
    public void Backward_masks_by_the_sign_of_the_input_not_of_the_upstream_gradient()
    {
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, -2 }, { 3, -3 } });
        var dOut = Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 1 }, { -4, 4 } });
        var relu = new ReLU();
        relu.Forward(inputs);
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 0 }, { -4, 0 } });
        MatrixAssert.ShouldBeClose(relu.Backward(dOut), expected, "ReLU.Backward with negative upstream gradients",
            absolute: 0, relative: 0, hint: "The mask comes from the cached inputs of Forward; negative dOut values must pass through unchanged.",
            diagnosis: BackwardMistakes(inputs, dOut));
    }

    [GradedTest]
    public void Forward_leaves_its_inputs_unmodified(GradingContext context)
    {
        var inputs = context.Uniform(3, 4, -2, 2);
        var inputsBefore = inputs.Clone();
        new ReLU().Forward(inputs);
        MatrixAssert.ShouldBeClose(inputs, inputsBefore, "inputs after Forward", absolute: 0, relative: 0,
            hint: "ReLU set the negative inputs to 0 in place (e.g. with MapInplace); return a new matrix instead.");
    }

    [GradedTest]
    public void Backward_leaves_dOut_and_the_output_of_Forward_unmodified(GradingContext context)
    {
        var (inputs, dOut) = (context.Uniform(3, 4, -2, 2), context.Uniform(3, 4));
        var relu = new ReLU();
        var output = relu.Forward(inputs);
        var (dOutBefore, outputBefore) = (dOut.Clone(), output.Clone());
        relu.Backward(dOut);
        MatrixAssert.ShouldBeClose(dOut, dOutBefore, "dOut after Backward", absolute: 0, relative: 0, hint: "ReLU.Backward modified dOut in place.");
        MatrixAssert.ShouldBeClose(output, outputBefore, "the output of Forward after Backward", absolute: 0, relative: 0,
            hint: "ReLU.Backward overwrote the matrix Forward returned (e.g. turning it into the mask in place): that matrix belongs to the caller, and the next layer has cached it as its input.");
    }

    [GradedTest]
    public void Backward_uses_the_inputs_of_the_latest_Forward_call()
    {
        var relu = new ReLU();
        relu.Forward(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, -1 } }));
        relu.Forward(Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 1 } }));
        MatrixAssert.ShouldBeClose(relu.Backward(Matrix<double>.Build.DenseOfArray(new double[,] { { 5, 7 } })),
            Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 7 } }), "ReLU.Backward after two Forward calls",
            absolute: 0, relative: 0, hint: "Backward must use what the latest Forward cached.", diagnosis: Diagnosis.Of()
                .Candidate("[[5, 0]], the gradient for the inputs of the first Forward call", "Forward must cache its inputs on every call, not only the first (a stale cache)",
                    () => Matrix<double>.Build.DenseOfArray(new double[,] { { 5, 0 } })));
    }

    /// <summary>The usual wrong gradients of ReLU, shared with the public tests.</summary>
    private static Diagnosis BackwardMistakes(Matrix<double> inputs, Matrix<double> dOut) => Mistakes.ReLUBackward(inputs, dOut);
}
