using Coursework.Testing;

namespace Coursework.Tests.Task1_Affine;

[GradedTask(1, "Affine")]
public class AffineTests
{
    // Worked by hand: inputs (2, 2), weight (2, 3), bias (3).
    private static readonly Matrix<double> Inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 0, -1 } });
    private static readonly Matrix<double> Weight = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, -1 }, { 2, 1, 0 } });
    private static readonly Vector<double> Bias = Vector<double>.Build.DenseOfArray([0.5, 0, 1]);
    private static readonly Matrix<double> DOut = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 2 }, { -1, 3, 0 } });

    [Test]
    public void Forward_multiplies_by_the_weight_and_adds_the_bias_to_every_row()
    {
        // [1 2]·W = [5 2 -1], [0 -1]·W = [-2 -1 0]; then + [0.5 0 1].
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 5.5, 2, 0 }, { -1.5, -1, 1 } });

        MatrixAssert.ShouldBeClose(new Affine().Forward(Inputs, Weight, Bias), expected, "Affine.Forward output",
            hint: "Expected inputs · weight + bias, with the bias added to every row.");
    }

    [Test]
    public void Backward_input_gradient_is_dOut_times_the_transposed_weight()
    {
        // Row 1: [1 0 2]·Wᵀ = [1·1 + 0·0 + 2·(-1), 1·2 + 0·1 + 2·0] = [-1 2]; row 2: [-1 3 0]·Wᵀ = [-1 1].
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 2 }, { -1, 1 } });
        var affine = new Affine();
        affine.Forward(Inputs, Weight, Bias);

        MatrixAssert.ShouldBeClose(affine.Backward(DOut).DInputs, expected, "Affine.Backward DInputs",
            hint: "Expected dOut · weightᵀ, shape (N, D).");
    }

    [Test]
    public void Backward_weight_gradient_is_the_transposed_inputs_times_dOut()
    {
        // inputsᵀ·dOut: [[1·1 + 0·(-1), 1·0 + 0·3, 1·2 + 0·0], [2·1 + (-1)(-1), 2·0 + (-1)·3, 2·2 + 0]] = [[1 0 2], [3 -3 4]].
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 2 }, { 3, -3, 4 } });
        var affine = new Affine();
        affine.Forward(Inputs, Weight, Bias);

        MatrixAssert.ShouldBeClose(affine.Backward(DOut).DWeight, expected, "Affine.Backward DWeight",
            hint: "Expected inputsᵀ · dOut, shape (D, H).");
    }

    [Test]
    public void Backward_bias_gradient_sums_dOut_over_the_batch()
    {
        var expected = Vector<double>.Build.DenseOfArray([0, 3, 2]);
        var affine = new Affine();
        affine.Forward(Inputs, Weight, Bias);

        MatrixAssert.ShouldBeClose(affine.Backward(DOut).DBias, expected, "Affine.Backward DBias",
            hint: "dBias is dOut summed over the batch (its column sums), not averaged: the loss has already divided by N.");
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
        MatrixAssert.ShouldBeClose(affine.Forward(inputs, weight, bias), Affine(inputs, weight, bias), "Affine.Forward output (checked before its gradients)",
            hint: "Forward is wrong, so this check of Backward cannot be trusted yet: fix Forward first (see the Forward tests).");
        var (dInputs, dWeight, dBias) = affine.Backward(dOut);

        // The numeric gradients differentiate the test's own inputs · weight + bias, not your Forward.
        double Loss(Matrix<double> x, Matrix<double> w, Vector<double> b) => NumericGradient.Project(Affine(x, w, b), dOut);
        MatrixAssert.ShouldBeClose(dInputs, NumericGradient.Of(x => Loss(x, weight, bias), inputs.Clone()), "DInputs vs the numeric gradient", absolute: 1e-6);
        MatrixAssert.ShouldBeClose(dWeight, NumericGradient.Of(w => Loss(inputs, w, bias), weight.Clone()), "DWeight vs the numeric gradient", absolute: 1e-6);
        MatrixAssert.ShouldBeClose(dBias, NumericGradient.Of(b => Loss(inputs, weight, b), bias.Clone()), "DBias vs the numeric gradient", absolute: 1e-6);
    }
}
