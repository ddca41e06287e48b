namespace Coursework.Grading.Tasks;

/// <summary>Hidden tests of task 1, <see cref="Affine"/>.</summary>
[GradedTask(1)]
public sealed class AffineHiddenTests
{
    [GradedTest(weight: 2)]
    public void Forward_matches_an_independent_computation_on_random_shapes(GradingContext context)
    {
        foreach (var (n, d, h) in RandomShapes(context))
        {
            var (inputs, weight, bias) = (context.Uniform(n, d), context.Uniform(d, h), context.UniformVector(h));
            MatrixAssert.ShouldBeClose(new Affine().Forward(inputs, weight, bias), Naive.Affine(inputs, weight, bias),
                $"Affine.Forward output for inputs {Shape(n, d)}, weight {Shape(d, h)}",
                hint: "Expected inputs · weight + bias, with the bias added to every row.", diagnosis: ForwardMistakes(inputs, weight, bias));
        }
    }

    [GradedTest]
    public void Forward_works_for_a_batch_of_one(GradingContext context)
    {
        var (inputs, weight, bias) = (context.Uniform(1, 5), context.Uniform(5, 3), context.UniformVector(3));
        MatrixAssert.ShouldBeClose(new Affine().Forward(inputs, weight, bias), Naive.Affine(inputs, weight, bias), "Affine.Forward output for a single sample (1, 5)",
            diagnosis: ForwardMistakes(inputs, weight, bias));
    }

    [GradedTest(weight: 2)]
    public void Backward_input_gradient_matches_finite_differences(GradingContext context)
    {
        foreach (var (n, d, h) in RandomShapes(context))
        {
            var (inputs, weight, bias, dOut) = (context.Uniform(n, d), context.Uniform(d, h), context.UniformVector(h), context.Uniform(n, h));
            var affine = new Affine();
            affine.Forward(inputs, weight, bias);
            CallShapes.Current = [("inputs", inputs), ("weight", weight), ("dOut", dOut)];
            var expected = NumericGradient.Of(x => NumericGradient.Project(Naive.Affine(x, weight, bias), dOut), inputs.Clone());
            MatrixAssert.ShouldBeClose(affine.Backward(dOut).DInputs, expected, $"Affine.Backward DInputs for inputs {Shape(n, d)}, weight {Shape(d, h)}",
                absolute: 1e-6, hint: "Expected dOut · weightᵀ, shape (N, D).", diagnosis: GradientMistakes(n));
        }
    }

    [GradedTest(weight: 2)]
    public void Backward_weight_gradient_matches_finite_differences(GradingContext context)
    {
        foreach (var (n, d, h) in RandomShapes(context))
        {
            var (inputs, weight, bias, dOut) = (context.Uniform(n, d), context.Uniform(d, h), context.UniformVector(h), context.Uniform(n, h));
            var affine = new Affine();
            var output = affine.Forward(inputs, weight, bias);
            CallShapes.Current = [("inputs", inputs), ("weight", weight), ("dOut", dOut)];
            var expected = NumericGradient.Of(w => NumericGradient.Project(Naive.Affine(inputs, w, bias), dOut), weight.Clone());
            MatrixAssert.ShouldBeClose(affine.Backward(dOut).DWeight, expected, $"Affine.Backward DWeight for inputs {Shape(n, d)}, weight {Shape(d, h)}",
                absolute: 1e-6, hint: "Expected inputsᵀ · dOut, shape (D, H), summed over the batch (not divided by N).",
                diagnosis: Mistakes.AffineWeightGradient(inputs, output, dOut));
        }
    }

    [GradedTest(weight: 2)]
    public void Backward_bias_gradient_is_summed_over_the_batch(GradingContext context)
    {
        foreach (var (n, d, h) in RandomShapes(context))
        {
            var (inputs, weight, bias, dOut) = (context.Uniform(n, d), context.Uniform(d, h), context.UniformVector(h), context.Uniform(n, h));
            var affine = new Affine();
            affine.Forward(inputs, weight, bias);
            CallShapes.Current = [("inputs", inputs), ("weight", weight), ("dOut", dOut)];
            var expected = NumericGradient.Of(b => NumericGradient.Project(Naive.Affine(inputs, weight, b), dOut), bias.Clone());
            MatrixAssert.ShouldBeClose(affine.Backward(dOut).DBias, expected, $"Affine.Backward DBias for a batch of {n}",
                absolute: 1e-6, hint: "Expected the column sums of dOut (sum over the batch, not the mean).", diagnosis: GradientMistakes(n));
        }
    }

    [GradedTest]
    public void Forward_leaves_its_arguments_unmodified(GradingContext context)
    {
        var (inputs, weight, bias) = (context.Uniform(4, 3), context.Uniform(3, 2), context.UniformVector(2));
        var copies = (inputs.Clone(), weight.Clone(), bias.Clone());
        new Affine().Forward(inputs, weight, bias);
        MatrixAssert.ShouldBeClose(inputs, copies.Item1, "inputs after Forward", absolute: 0, relative: 0, hint: "Affine.Forward modified its inputs in place.");
        MatrixAssert.ShouldBeClose(weight, copies.Item2, "weight after Forward", absolute: 0, relative: 0, hint: "Affine.Forward modified the weight in place.");
        MatrixAssert.ShouldBeClose(bias, copies.Item3, "bias after Forward", absolute: 0, relative: 0, hint: "Affine.Forward modified the bias in place.");
    }

    [GradedTest]
    public void Backward_modifies_neither_dOut_nor_the_arguments_and_output_of_Forward(GradingContext context)
    {
        var (inputs, weight, bias, dOut) = (context.Uniform(4, 3), context.Uniform(3, 2), context.UniformVector(2), context.Uniform(4, 2));
        var copies = (inputs.Clone(), weight.Clone(), bias.Clone(), dOut.Clone());
        var affine = new Affine();
        var output = affine.Forward(inputs, weight, bias);
        var outputBefore = output.Clone();
        CallShapes.Current = [("inputs", inputs), ("weight", weight), ("dOut", dOut)];
        affine.Backward(dOut);
        MatrixAssert.ShouldBeClose(dOut, copies.Item4, "dOut after Backward", absolute: 0, relative: 0, hint: "Affine.Backward modified dOut in place.");
        MatrixAssert.ShouldBeClose(inputs, copies.Item1, "inputs after Backward", absolute: 0, relative: 0, hint: "Affine.Backward modified the inputs that Forward cached.");
        MatrixAssert.ShouldBeClose(weight, copies.Item2, "weight after Backward", absolute: 0, relative: 0, hint: "Affine.Backward modified the weight that Forward cached.");
        MatrixAssert.ShouldBeClose(bias, copies.Item3, "bias after Backward", absolute: 0, relative: 0, hint: "Affine.Backward modified the bias that Forward cached.");
        MatrixAssert.ShouldBeClose(output, outputBefore, "the output of Forward after Backward", absolute: 0, relative: 0,
            hint: "Affine.Backward overwrote the matrix Forward returned: that matrix belongs to the caller (the next layer may have cached it).");
    }

    [GradedTest]
    public void Backward_uses_the_inputs_of_the_latest_Forward_call(GradingContext context)
    {
        var (first, second, weight, bias, dOut) = (context.Uniform(3, 4), context.Uniform(3, 4), context.Uniform(4, 2), context.UniformVector(2), context.Uniform(3, 2));
        var affine = new Affine();
        affine.Forward(first, weight, bias);
        affine.Forward(second, weight, bias);
        CallShapes.Current = [("inputs", second), ("weight", weight), ("dOut", dOut)];
        var expected = NumericGradient.Of(w => NumericGradient.Project(Naive.Affine(second, w, bias), dOut), weight.Clone());
        MatrixAssert.ShouldBeClose(affine.Backward(dOut).DWeight, expected, "Affine.Backward DWeight after two Forward calls",
            absolute: 1e-6, hint: "Backward must use what the latest Forward cached.", diagnosis: Diagnosis.Sizes(batch: second.RowCount)
                .Candidate("the gradient for the inputs of the first Forward call", "Forward must cache its inputs on every call, not only the first (a stale cache)",
                    () => first.TransposeThisAndMultiply(dOut)));
    }

    private static Diagnosis ForwardMistakes(Matrix<double> inputs, Matrix<double> weight, Vector<double> bias) => Mistakes.AffineForward(inputs, weight, bias);

    /// <summary>The gradients of a layer inside a mean loss: dOut has already been divided by N, so Affine must not divide again.</summary>
    private static Diagnosis GradientMistakes(int n) => Mistakes.AffineGradient(n);

    /// <summary>Random shapes with D ≠ H (so that weight and its transpose cannot be confused), and N = 1 among them.</summary>
    private static IEnumerable<(int N, int D, int H)> RandomShapes(GradingContext context)
    {
        yield return (1, context.Random.Next(2, 6), context.Random.Next(6, 9));
        for (var i = 0; i < 3; i++)
        {
            var d = context.Random.Next(1, 8);
            yield return (context.Random.Next(2, 9), d, d + context.Random.Next(1, 4));
        }
    }

    private static string Shape(int rows, int columns) => $"({rows}, {columns})";
}
