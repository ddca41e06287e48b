using Coursework.Testing;

namespace Coursework.Tests.Task5_BinaryClassifier;

[GradedTask(5, "BinaryClassifier")]
public class BinaryCrossEntropyTests
{
    // Notebook 001's example: probabilities [0.2, 0.1, 0.8, 0.9] for targets [1, 0, 1, 1].
    private static readonly Matrix<double> Probabilities = Column(0.2, 0.1, 0.8, 0.9);
    private static readonly Matrix<double> Targets = Column(1, 0, 1, 1);

    [Test]
    public void Forward_matches_the_notebook()
    {
        // -(ln 0.2 + ln 0.9 + ln 0.8 + ln 0.9) / 4, printed by the notebook as 0.5108256237659906.
        MatrixAssert.ShouldBeClose(new BinaryCrossEntropy().Forward(Probabilities, Targets), 0.5108256237659906,
            "BinaryCrossEntropy.Forward", hint: "Expected -(1/N) Σ [y log p + (1 - y) log(1 - p)].");
    }

    [Test]
    public void Backward_matches_the_notebook()
    {
        // (-y/p + (1 - y)/(1 - p)) / 4: -1/0.2/4 = -1.25, 1/0.9/4 = 0.2777…, -1/0.8/4 = -0.3125, -1/0.9/4 = -0.2777….
        var expected = Column(-1.25, 1 / 3.6, -0.3125, -1 / 3.6);
        var loss = new BinaryCrossEntropy();
        loss.Forward(Probabilities, Targets);

        MatrixAssert.ShouldBeClose(loss.Backward(), expected, "BinaryCrossEntropy.Backward", hint: "Did you divide by N?");
    }

    [Test]
    public void A_confidently_wrong_prediction_costs_minus_the_log_of_epsilon_not_infinity()
    {
        // p = 0 for a 1 and p = 1 for a 0: both are clipped, each costs -ln(1e-9) = 9 ln 10 ≈ 20.72.
        var loss = new BinaryCrossEntropy().Forward(Column(0, 1), Column(1, 0));

        MatrixAssert.ShouldBeClose(loss, 9 * Math.Log(10), "BinaryCrossEntropy.Forward for p = 0 with y = 1 and p = 1 with y = 0",
            relative: 1e-6, hint: "Clip the probabilities to [1e-9, 1 - 1e-9] before taking logarithms.");
    }

    [Test]
    public void A_confidently_right_prediction_costs_almost_nothing_and_is_not_NaN()
    {
        // p = 1 for a 1 and p = 0 for a 0: without clipping, 0 · log 0 is NaN; with it, each costs -ln(1 - 1e-9) ≈ 1e-9.
        var loss = new BinaryCrossEntropy().Forward(Column(1, 0), Column(1, 0));

        MatrixAssert.ShouldBeClose(loss, 0.0, "BinaryCrossEntropy.Forward for p = 1 with y = 1 and p = 0 with y = 0",
            absolute: 1e-8, hint: "0 · log(0) is NaN in floating point: clip first.");
    }

    [Test]
    public void Backward_is_finite_at_probabilities_of_0_and_1()
    {
        // With p̂ = 1e-9 for y = 1: -1/1e-9 / 2 = -5e8; with p̂ = 1 - 1e-9 for y = 0: 1/1e-9 / 2 = 5e8.
        var loss = new BinaryCrossEntropy();
        loss.Forward(Column(0, 1), Column(1, 0));

        MatrixAssert.ShouldBeClose(loss.Backward(), Column(-5e8, 5e8), "BinaryCrossEntropy.Backward at p = 0 and p = 1",
            relative: 1e-6, hint: "Use the clipped probabilities in Backward too; dividing by 0 gives ∞.");
    }

    [Test]
    public void Backward_matches_a_numeric_gradient_check()
    {
        var random = new Random(6);
        var probabilities = Matrix<double>.Build.Dense(5, 1, (_, _) => 0.05 + 0.9 * random.NextDouble());
        var targets = Column(1, 0, 0, 1, 1);
        var loss = new BinaryCrossEntropy();
        // The test's own mean binary cross-entropy (no clipping is needed: every p is in [0.05, 0.95]).
        double Loss(Matrix<double> p) => -Enumerable.Range(0, p.RowCount)
            .Sum(n => targets[n, 0] * Math.Log(p[n, 0]) + (1 - targets[n, 0]) * Math.Log(1 - p[n, 0])) / p.RowCount;

        // Forward first: a gradient check of Backward is only fair if Forward computes the function being differentiated.
        MatrixAssert.ShouldBeClose(loss.Forward(probabilities, targets), Loss(probabilities), "BinaryCrossEntropy.Forward (checked before its gradient)",
            hint: "Forward is wrong, so this check of Backward cannot be trusted yet: fix Forward first (see the Forward tests).");

        // The numeric gradient differentiates the test's own loss, not your Forward.
        var expected = NumericGradient.Of(Loss, probabilities.Clone(), step: 1e-6);

        MatrixAssert.ShouldBeClose(loss.Backward(), expected, "BinaryCrossEntropy.Backward vs the numeric gradient", absolute: 1e-6);
    }

    private static Matrix<double> Column(params double[] values) => Matrix<double>.Build.Dense(values.Length, 1, values);
}
