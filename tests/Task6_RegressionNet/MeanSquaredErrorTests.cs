using Coursework.Testing;

namespace Coursework.Tests.Task6_RegressionNet;

[GradedTask(6, "RegressionNet")]
public class MeanSquaredErrorTests
{
    // Errors (predictions - targets) are [[1, 0], [2, 3]]: squares 1, 0, 4, 9.
    private static readonly Matrix<double> Predictions = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 } });
    private static readonly Matrix<double> Targets = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 2 }, { 1, 1 } });

    [Test]
    public void Forward_is_the_mean_over_all_elements_of_the_squared_errors()
    {
        // (1 + 0 + 4 + 9) / 4 = 3.5; the mean over the N = 2 samples only would be 7, with a ½ it would be 1.75.
        MatrixAssert.ShouldBeClose(new MeanSquaredError().Forward(Predictions, Targets), 3.5, "MeanSquaredError.Forward",
            hint: "Expected the mean over all N·K elements of (prediction - target)², with no factor ½.");
    }

    [Test]
    public void Backward_is_twice_the_error_divided_by_the_number_of_elements()
    {
        // 2 · [[1, 0], [2, 3]] / 4.
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.5, 0 }, { 1, 1.5 } });
        var loss = new MeanSquaredError();
        loss.Forward(Predictions, Targets);

        MatrixAssert.ShouldBeClose(loss.Backward(), expected, "MeanSquaredError.Backward",
            hint: "The derivative of e² is 2e; divide by N·K, the number of elements averaged in Forward.");
    }

    [Test]
    public void Backward_scales_by_the_upstream_gradient()
    {
        var loss = new MeanSquaredError();
        loss.Forward(Predictions, Targets);

        MatrixAssert.ShouldBeClose(loss.Backward(3.0), Matrix<double>.Build.DenseOfArray(new double[,] { { 1.5, 0 }, { 3, 4.5 } }),
            "MeanSquaredError.Backward(dOut: 3)", hint: "Multiply the gradient by dOut.");
    }

    [Test]
    public void Backward_matches_a_numeric_gradient_check()
    {
        var random = new Random(9);
        var predictions = Matrix<double>.Build.Dense(4, 3, (_, _) => random.NextDouble() * 4 - 2);
        var targets = Matrix<double>.Build.Dense(4, 3, (_, _) => random.NextDouble() * 4 - 2);
        var loss = new MeanSquaredError();
        // The test's own mean over all N·K elements of (p - y)².
        double Loss(Matrix<double> p) => (p - targets).PointwisePower(2).Enumerate().Average();

        // Forward first: a gradient check of Backward is only fair if Forward computes the function being differentiated.
        MatrixAssert.ShouldBeClose(loss.Forward(predictions, targets), Loss(predictions), "MeanSquaredError.Forward (checked before its gradient)",
            hint: "Forward is wrong, so this check of Backward cannot be trusted yet: fix Forward first (see the Forward tests).");

        // The numeric gradient differentiates the test's own loss, not your Forward.
        var expected = NumericGradient.Of(Loss, predictions.Clone());

        MatrixAssert.ShouldBeClose(loss.Backward(), expected, "MeanSquaredError.Backward vs the numeric gradient", absolute: 1e-7);
    }
}
