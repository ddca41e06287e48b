using Coursework.Testing;

namespace Coursework.Tests.Task1_Affine;

[GradedTask(1, "Affine")]
public class AffineTests
{
    // Worked by hand: inputs (4, 2), weight (2, 3), bias (3), dOut (4, 3). N = 4, D = 2 and H = 3 differ, so that a
    // shape error names its operands unambiguously (dOut (4, 3) · weight (2, 3), not "a (2, 3) matrix").
    private static readonly Matrix<double> Inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 0, -1 }, { 3, 1 }, { -2, 0 } });
    private static readonly Matrix<double> Weight = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, -1 }, { 2, 1, 0 } });
    private static readonly Vector<double> Bias = Vector<double>.Build.DenseOfArray([0.5, 0, 1]);
    private static readonly Matrix<double> DOut = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 2 }, { -1, 3, 0 }, { 0, 1, -1 }, { 2, -1, 1 } });

    private static string InputGradientTest => TestName(nameof(Backward_input_gradient_is_dOut_times_the_transposed_weight));

    private static string WeightGradientTest => TestName(nameof(Backward_weight_gradient_is_the_transposed_inputs_times_dOut));

    private static string GradientCheckTest => TestName(nameof(Backward_matches_a_numeric_gradient_check));

    private static string ForwardTest => TestName(nameof(Forward_multiplies_by_the_weight_and_adds_the_bias_to_every_row));

    [Test]
    public void Forward_multiplies_by_the_weight_and_adds_the_bias_to_every_row()
    {
        // [1 2]·W = [5 2 -1], [0 -1]·W = [-2 -1 0], [3 1]·W = [5 1 -3], [-2 0]·W = [-2 0 2]; then + [0.5 0 1].
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 5.5, 2, 0 }, { -1.5, -1, 1 }, { 5.5, 1, -2 }, { -1.5, 0, 3 } });
        var affine = new Affine();

        MatrixAssert.ShouldBeClose(Forward(affine, Inputs, Weight, Bias, ForwardTest), expected, "Affine.Forward output",
            hint: "Expected inputs · weight + bias, with the bias added to every row.", diagnosis: Mistakes.AffineForward(Inputs, Weight, Bias));
    }

    [Test]
    public void Backward_input_gradient_is_dOut_times_the_transposed_weight()
    {
        // Row by row, dOut · Wᵀ: [1 0 2]·Wᵀ = [1·1 + 0·0 + 2·(-1), 1·2 + 0·1 + 2·0] = [-1 2], then [-1 1], [1 1], [1 3].
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 2 }, { -1, 1 }, { 1, 1 }, { 1, 3 } });

        MatrixAssert.ShouldBeClose(Backward(InputGradientTest).DInputs, expected, "Affine.Backward DInputs",
            hint: "Expected dOut · weightᵀ, shape (N, D).", diagnosis: Mistakes.AffineGradient(Inputs.RowCount));
    }

    [Test]
    public void Backward_weight_gradient_is_the_transposed_inputs_times_dOut()
    {
        // inputsᵀ · dOut: column d of the inputs against column h of dOut, e.g. [1 0 3 -2]·[1 -1 0 2] = -3 at [0, 0].
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { -3, 5, -3 }, { 3, -2, 3 } });
        var output = (Inputs * Weight).AddRowVector(Bias);

        MatrixAssert.ShouldBeClose(Backward(WeightGradientTest).DWeight, expected, "Affine.Backward DWeight",
            hint: "Expected inputsᵀ · dOut, shape (D, H).", diagnosis: Mistakes.AffineWeightGradient(Inputs, output, DOut));
    }

    [Test]
    public void Backward_bias_gradient_sums_dOut_over_the_batch()
    {
        // The column sums of dOut: [1 - 1 + 0 + 2, 0 + 3 + 1 - 1, 2 + 0 - 1 + 1].
        var expected = Vector<double>.Build.DenseOfArray([2, 3, 2]);

        MatrixAssert.ShouldBeClose(Backward(TestName(nameof(Backward_bias_gradient_sums_dOut_over_the_batch))).DBias, expected, "Affine.Backward DBias",
            hint: "dBias is dOut summed over the batch (its column sums).", diagnosis: Mistakes.AffineGradient(Inputs.RowCount));
    }

    [Test]
    public void Backward_matches_a_numeric_gradient_check()
    {
        var random = new Random(1);
        Matrix<double> RandomMatrix(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => random.NextDouble() * 2 - 1);
        var (inputs, weight, dOut) = (RandomMatrix(4, 3), RandomMatrix(3, 5), RandomMatrix(4, 5));
        var bias = Vector<double>.Build.Dense(5, _ => random.NextDouble());
        var affine = new Affine();
        static Matrix<double> Affine(Matrix<double> x, Matrix<double> w, Vector<double> b) => (x * w).AddRowVector(b);

        // Forward first: a gradient check of Backward is only fair if Forward computes the function being differentiated.
        var output = Forward(affine, inputs, weight, bias, GradientCheckTest);
        MatrixAssert.ShouldBeClose(output, Affine(inputs, weight, bias), "Affine.Forward output (checked before its gradients)",
            hint: "Forward is wrong, so this check of Backward cannot be trusted yet: fix Forward first (see the Forward tests).");
        var (dInputs, dWeight, dBias) = StudentCall.Run("Affine.Backward", () => affine.Backward(dOut), affine,
            Operands(inputs, weight, dOut), ReportedBy(GradientCheckTest));

        // The numeric gradients differentiate the test's own inputs · weight + bias, not your Forward.
        double Loss(Matrix<double> x, Matrix<double> w, Vector<double> b) => NumericGradient.Project(Affine(x, w, b), dOut);
        MatrixAssert.ShouldBeClose(dInputs, NumericGradient.Of(x => Loss(x, weight, bias), inputs.Clone()), "DInputs vs the numeric gradient", absolute: 1e-6,
            diagnosis: Mistakes.AffineGradient(inputs.RowCount));
        MatrixAssert.ShouldBeClose(dWeight, NumericGradient.Of(w => Loss(inputs, w, bias), weight.Clone()), "DWeight vs the numeric gradient", absolute: 1e-6,
            diagnosis: Mistakes.AffineWeightGradient(inputs, output, dOut));
        MatrixAssert.ShouldBeClose(dBias, NumericGradient.Of(b => Loss(inputs, weight, b), bias.Clone()), "DBias vs the numeric gradient", absolute: 1e-6,
            diagnosis: Mistakes.AffineGradient(inputs.RowCount));
    }

    /// <summary>The worked example's Forward then Backward, for the test named <paramref name="test"/>.</summary>
    private static (Matrix<double> DInputs, Matrix<double> DWeight, Vector<double> DBias) Backward(string test)
    {
        var affine = new Affine();
        Forward(affine, Inputs, Weight, Bias, test);
        return StudentCall.Run("Affine.Backward", () => affine.Backward(DOut), affine, Operands(Inputs, Weight, DOut), ReportedBy(test));
    }

    /// <summary>Forward as a step of another test: its crash is the Forward test's to report.</summary>
    private static Matrix<double> Forward(Affine affine, Matrix<double> inputs, Matrix<double> weight, Vector<double> bias, string test) =>
        StudentCall.Run("Affine.Forward", () => affine.Forward(inputs, weight, bias), affine,
            [("inputs", inputs), ("weight", weight)], _ => test == ForwardTest ? null : ForwardTest);

    // Not the output of Forward: it always has dOut's shape, so naming it could only make "dOut" ambiguous.
    private static (string, Matrix<double>)[] Operands(Matrix<double> inputs, Matrix<double> weight, Matrix<double> dOut) =>
        [("inputs", inputs), ("weight", weight), ("dOut", dOut)];

    /// <summary>
    /// Which test reports a crash in Backward: a shape error with the weight in it is DInputs' (dOut · weightᵀ), one
    /// with the inputs is DWeight's (inputsᵀ · dOut), any other the gradient check's, which checks all of Backward.
    /// </summary>
    private static Func<StudentCall.Crash, string?> ReportedBy(string test) => crash =>
    {
        var owner = crash.Operands.Contains("weight") ? InputGradientTest : crash.Operands.Contains("inputs") ? WeightGradientTest : GradientCheckTest;
        return owner == test ? null : owner;
    };

    private static string TestName(string method) => $"Task 1 Affine: {method.Replace('_', ' ')}";
}
