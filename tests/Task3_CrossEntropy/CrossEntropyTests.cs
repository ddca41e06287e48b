using Coursework.Testing;

namespace Coursework.Tests.Task3_CrossEntropy;

[GradedTask(3, "CrossEntropy")]
public class CrossEntropyTests
{
    /// <summary>The test that reports a crash of Forward; the others that need Forward point to it.</summary>
    private static string ForwardTest => TestName(nameof(Forward_is_the_mean_over_the_batch_of_minus_the_log_probability_of_the_right_class));

    /// <summary>The test that reports a crash of Backward; the others that need Backward point to it.</summary>
    private static string BackwardTest => TestName(nameof(Backward_is_softmax_minus_labels_divided_by_the_batch_size));

    [Test]
    public void Forward_of_equal_logits_is_the_log_of_the_number_of_classes()
    {
        // softmax of equal logits is 1/K for every class, so the loss is -log(1/K) = log K for every sample.
        var logits = Matrix<double>.Build.Dense(2, 4, 3.0);
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0, 0 }, { 0, 0, 1, 0 } });

        MatrixAssert.ShouldBeClose(Forward(new CrossEntropy(), logits, labels, TestName(nameof(Forward_of_equal_logits_is_the_log_of_the_number_of_classes))),
            Math.Log(4), "CrossEntropy.Forward for equal logits");
    }

    [Test]
    public void Forward_is_the_mean_over_the_batch_of_minus_the_log_probability_of_the_right_class()
    {
        // Row 1: logits [ln 1, ln 3] → probabilities [1/4, 3/4], label class 1 → -ln(3/4).
        // Row 2: logits [ln 2, ln 2] → [1/2, 1/2], label class 0 → -ln(1/2). Mean of the two.
        var logits = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, Math.Log(3) }, { Math.Log(2), Math.Log(2) } });
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { 1, 0 } });
        var expected = (-Math.Log(0.75) - Math.Log(0.5)) / 2;

        MatrixAssert.ShouldBeClose(Forward(new CrossEntropy(), logits, labels, ForwardTest), expected, "CrossEntropy.Forward",
            hint: "Divide the summed loss by N, the number of samples.");
    }

    [Test]
    public void Forward_stays_finite_for_very_large_logits()
    {
        // Probabilities [e^-1000, 1, …] ≈ [0, 1, 0]; the right class is the first, so the loss is 1000 (not ∞ or NaN).
        var logits = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1000, -1000 } });
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0 } });

        MatrixAssert.ShouldBeClose(Forward(new CrossEntropy(), logits, labels, TestName(nameof(Forward_stays_finite_for_very_large_logits))), 1000.0,
            "CrossEntropy.Forward for logits of ±1000",
            hint: "Subtract each row's maximum before exp, and take log softmax as (z - max) - log Σ exp(z - max).",
            diagnosis: Diagnosis.Of().WhenNotFinite(() => Mistakes.WhyCrossEntropyIsNotFinite((z, y) => new CrossEntropy().Forward(z, y), e => e is not NotImplementedException)));
    }

    [Test]
    public void Backward_is_softmax_minus_labels_divided_by_the_batch_size()
    {
        // Same logits as above: probabilities [[1/4, 3/4], [1/2, 1/2]]; minus labels, divided by N = 2.
        var logits = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, Math.Log(3) }, { Math.Log(2), Math.Log(2) } });
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { 1, 0 } });
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.125, -0.125 }, { -0.25, 0.25 } });
        var loss = new CrossEntropy();
        Forward(loss, logits, labels, BackwardTest);

        MatrixAssert.ShouldBeClose(Backward(loss, logits, labels, BackwardTest), expected, "CrossEntropy.Backward", hint: "Expected (softmax(logits) - labels) / N.",
            diagnosis: Mistakes.CrossEntropyGradient(logits, labels));
    }

    [Test]
    public void Backward_matches_a_numeric_gradient_check()
    {
        var random = new Random(3);
        var logits = Matrix<double>.Build.Dense(3, 4, (_, _) => random.NextDouble() * 4 - 2);
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 0, 0 }, { 0, 0, 0, 1 }, { 1, 0, 0, 0 } });
        var loss = new CrossEntropy();
        // The test's own mean cross-entropy: -(1/N) Σ (z[label] - log Σ exp z), row by row.
        double Loss(Matrix<double> z) => -Enumerable.Range(0, z.RowCount)
            .Sum(n => z.Row(n) * labels.Row(n) - Math.Log(z.Row(n).Select(Math.Exp).Sum())) / z.RowCount;

        // Forward first: a gradient check of Backward is only fair if Forward computes the function being differentiated.
        var test = TestName(nameof(Backward_matches_a_numeric_gradient_check));
        MatrixAssert.ShouldBeClose(Forward(loss, logits, labels, test), Loss(logits), "CrossEntropy.Forward (checked before its gradient)",
            hint: "Forward is wrong, so this check of Backward cannot be trusted yet: fix Forward first (see the Forward tests).");

        // The numeric gradient differentiates the test's own loss, not your Forward.
        var expected = NumericGradient.Of(Loss, logits.Clone());

        MatrixAssert.ShouldBeClose(Backward(loss, logits, labels, test), expected, "CrossEntropy.Backward vs the numeric gradient", absolute: 1e-6,
            diagnosis: Mistakes.CrossEntropyGradient(logits, labels));
    }

    /// <summary>Forward in a test: a crash is explained in terms of the student's code, and reported by the Forward test alone.</summary>
    private static double Forward(CrossEntropy loss, Matrix<double> logits, Matrix<double> labels, string test) =>
        StudentCall.Run("CrossEntropy.Forward", () => loss.Forward(logits, labels), loss, [("logits", logits), ("labels", labels)],
            _ => test == ForwardTest ? null : ForwardTest);

    /// <summary>Backward in a test: a crash is explained, and reported by the first Backward test alone.</summary>
    private static Matrix<double> Backward(CrossEntropy loss, Matrix<double> logits, Matrix<double> labels, string test) =>
        StudentCall.Run("CrossEntropy.Backward", () => loss.Backward(), loss, [("logits", logits), ("labels", labels)],
            _ => test == BackwardTest ? null : BackwardTest);

    private static string TestName(string method) => $"Task 3 CrossEntropy: {method.Replace('_', ' ')}";
}
