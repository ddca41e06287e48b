namespace Coursework.Grading.Tasks;

/// <summary>Hidden tests of task 3, <see cref="CrossEntropy"/>.</summary>
[GradedTask(3)]
public sealed class CrossEntropyHiddenTests
{
    [GradedTest(weight: 2)]
    public void Forward_matches_an_independent_computation_on_random_logits(GradingContext context)
    {
        for (var i = 0; i < 3; i++)
        {
            var (n, k) = (context.Random.Next(1, 9), context.Random.Next(2, 8));
            var (logits, labels) = (context.Uniform(n, k, -4, 4), context.OneHot(n, k));
            MatrixAssert.ShouldBeClose(new CrossEntropy().Forward(logits, labels), Naive.CrossEntropy(logits, labels),
                $"CrossEntropy.Forward loss for logits ({n}, {k})", hint: "Expected -(1/N) Σ log softmax(logits)[n, label n].", diagnosis: LossMistakes(logits, labels));
        }
    }

    [GradedTest]
    public void The_loss_is_the_mean_over_the_batch_not_the_sum(GradingContext context)
    {
        // Three copies of one sample: the mean loss is that sample's loss, the sum would be three times it.
        var (logits, labels) = (context.Uniform(1, 4, -2, 2), context.OneHot(1, 4));
        var tripled = new CrossEntropy().Forward(Stack(logits, 3), Stack(labels, 3));
        MatrixAssert.ShouldBeClose(tripled, Naive.CrossEntropy(logits, labels), "the loss of a batch holding the same sample three times",
            hint: "Divide by N: the loss is the mean over the batch.", diagnosis: LossMistakes(Stack(logits, 3), Stack(labels, 3)));
    }

    [GradedTest(weight: 2)]
    public void The_loss_is_finite_and_exact_for_logits_of_a_thousand()
    {
        // Row 1: the right class has logit 0 and another has 1000: loss = 1000 + log(1 + e^-1000) = 1000.
        // Row 2: the right class has 1000, the others 0 and -1000: loss = log(1 + e^-1000 + e^-2000) = 0 (to double precision).
        var logits = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1000, -5 }, { 1000, 0, -1000 } });
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0 }, { 1, 0, 0 } });
        MatrixAssert.ShouldBeClose(new CrossEntropy().Forward(logits, labels), 500.0, "CrossEntropy.Forward for logits of ±1000",
            hint: "Compute log softmax as (z - max z) - log Σ exp(z - max z); exp(1000) overflows and log(0) is -∞.",
            diagnosis: LossMistakes(logits, labels).WhenNotFinite(WhyNotFinite));

        // Rows whose largest logits differ by a thousand: shifting every row by the largest logit of the whole batch
        // (1000) leaves row 2 with exp(-998) and smaller, which is 0 in double precision, and log 0 = -∞.
        var (uneven, unevenLabels) = (Matrix<double>.Build.DenseOfArray(new double[,] { { 1000, 0, -5 }, { 0, 1, 2 } }),
            Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0 }, { 0, 0, 1 } }));
        var expected = (Math.Log(1 + Math.Exp(-1000) + Math.Exp(-1005)) + Math.Log(1 + Math.E + Math.Exp(2)) - 2) / 2;
        MatrixAssert.ShouldBeClose(MatrixAssert.Finite(new CrossEntropy().Forward(uneven, unevenLabels), "CrossEntropy.Forward for logits [[1000, 0, -5], [0, 1, 2]]",
                "Shift each row by its own maximum: one shift for the whole batch (its largest logit, 1000) underflows every exponential of the second row to 0."),
            expected, "CrossEntropy.Forward for logits [[1000, 0, -5], [0, 1, 2]]",
            hint: "Expected the mean over the 2 rows of -log softmax(z)[label], each row's softmax shifted by that row's own maximum.");
    }

    [GradedTest(weight: 2)]
    public void Backward_matches_finite_differences(GradingContext context)
    {
        for (var i = 0; i < 3; i++)
        {
            var (n, k) = (context.Random.Next(1, 7), context.Random.Next(2, 6));
            var (logits, labels) = (context.Uniform(n, k, -3, 3), context.OneHot(n, k));
            var loss = new CrossEntropy();
            loss.Forward(logits, labels);
            var expected = NumericGradient.Of(z => Naive.CrossEntropy(z, labels), logits.Clone());
            MatrixAssert.ShouldBeClose(loss.Backward(), expected, $"CrossEntropy.Backward for logits ({n}, {k})",
                absolute: 1e-6, hint: "Expected (softmax(logits) - labels) / N.", diagnosis: GradientMistakes(logits, labels, 1.0));
        }
    }

    [GradedTest]
    public void Backward_scales_by_the_upstream_gradient(GradingContext context)
    {
        var (logits, labels) = (context.Uniform(3, 4, -2, 2), context.OneHot(3, 4));
        var loss = new CrossEntropy();
        loss.Forward(logits, labels);
        var expected = NumericGradient.Of(z => Naive.CrossEntropy(z, labels), logits.Clone()) * 2.5;
        MatrixAssert.ShouldBeClose(loss.Backward(2.5), expected, "CrossEntropy.Backward(dOut: 2.5)", absolute: 1e-6, hint: "Multiply the gradient by dOut.",
            diagnosis: GradientMistakes(logits, labels, 2.5));
    }

    [GradedTest]
    public void Backward_is_finite_for_logits_of_a_thousand()
    {
        var logits = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1000, -1000 } });
        var labels = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0 } });
        var loss = new CrossEntropy();
        loss.Forward(logits, labels);
        MatrixAssert.ShouldBeClose(loss.Backward(), Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 1, 0 } }),
            "CrossEntropy.Backward for logits of ±1000", absolute: 1e-9, hint: "Use the stable softmax (shift by the row maximum) for the probabilities too.",
            diagnosis: GradientMistakes(logits, labels, 1.0).WhenNotFinite(WhyNotFinite));

        // Rows whose largest logits differ by a thousand (see the loss test above): each row needs its own shift.
        var uneven = Matrix<double>.Build.DenseOfArray(new double[,] { { 1000, 0, -5 }, { 0, 1, 2 } });
        var unevenLabels = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0 }, { 0, 0, 1 } });
        var second = new[] { 1.0, Math.E, Math.Exp(2) }.Select(e => e / (1 + Math.E + Math.Exp(2))).ToArray();
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0, 0 }, { second[0] / 2, second[1] / 2, (second[2] - 1) / 2 } });
        var softmax = new CrossEntropy();
        softmax.Forward(uneven, unevenLabels);
        var gradient = softmax.Backward();
        MatrixAssert.ShouldBeFinite(gradient, "CrossEntropy.Backward for logits [[1000, 0, -5], [0, 1, 2]]",
            "Shift each row by its own maximum: one shift for the whole batch underflows the second row's exponentials to 0, and its probabilities become infinite or NaN.");
        MatrixAssert.ShouldBeClose(gradient, expected, "CrossEntropy.Backward for logits [[1000, 0, -5], [0, 1, 2]]", absolute: 1e-9,
            hint: "Expected (softmax(z) - labels) / N with N = 2 rows, each row's softmax shifted by that row's own maximum.");
    }

    [GradedTest]
    public void Forward_leaves_logits_and_labels_unmodified(GradingContext context)
    {
        var (logits, labels) = (context.Uniform(3, 4, -2, 2), context.OneHot(3, 4));
        var (logitsBefore, labelsBefore) = (logits.Clone(), labels.Clone());
        var loss = new CrossEntropy();
        loss.Forward(logits, labels);
        loss.Backward();
        MatrixAssert.ShouldBeClose(logits, logitsBefore, "logits after Forward and Backward", absolute: 0, relative: 0, hint: "The row maximum was subtracted in place.");
        MatrixAssert.ShouldBeClose(labels, labelsBefore, "labels after Forward and Backward", absolute: 0, relative: 0, hint: "The labels were modified in place.");
    }

    [GradedTest]
    public void Backward_uses_the_latest_Forward_call(GradingContext context)
    {
        var loss = new CrossEntropy();
        loss.Forward(context.Uniform(5, 3), context.OneHot(5, 3));
        var (logits, labels) = (context.Uniform(2, 4), context.OneHot(2, 4));
        loss.Forward(logits, labels);
        MatrixAssert.ShouldBeClose(loss.Backward(), NumericGradient.Of(z => Naive.CrossEntropy(z, labels), logits.Clone()),
            "CrossEntropy.Backward after two Forward calls", absolute: 1e-6, hint: "Backward must use what the latest Forward cached.",
            diagnosis: GradientMistakes(logits, labels, 1.0));

        // (No stale-cache candidate here: the first call's gradient has another shape, (5, 3), and fails on its shape.)
    }

    /// <summary>Which numerical-stability mistake made a value not finite, told by two more cases (shared with the public tests).</summary>
    private static string WhyNotFinite() => Mistakes.WhyCrossEntropyIsNotFinite(
        (logits, labels) => new CrossEntropy().Forward(logits, labels), exception => exception is Coursework.Bridge.RemoteException or ShouldAssertException);

    /// <summary>The usual wrong losses: a sum, a mean over the wrong count, no minus sign, softmax down the columns.</summary>
    private static Diagnosis LossMistakes(Matrix<double> logits, Matrix<double> labels)
    {
        var (n, k) = (logits.RowCount, logits.ColumnCount);
        return Diagnosis.Of()
            .Factor(n, $"times N = {n}", "the loss is the mean over the batch: divide the sum by N")
            .Factor(1.0 / k, $"divided by K = {k}", "divide by the number of samples N, not the number of classes K")
            .Factor(1.0 / (n * k), $"divided by N·K = {n * k}", "the mean is over the N samples only: each sample's loss is a sum over its K classes")
            .Negated("the loss is minus the mean log-probability of the right class")
            .Candidate("the loss of a softmax over each column instead of each row", "each sample is a row: take the softmax (and the maximum) along each row",
                () => Naive.CrossEntropy(logits.Transpose(), labels.Transpose()) * k / n);
    }

    /// <summary>The usual wrong gradients: the missing 1/N or dOut, 1/K, no labels subtracted, softmax down the columns.</summary>
    private static Diagnosis GradientMistakes(Matrix<double> logits, Matrix<double> labels, double dOut)
    {
        var (n, k) = (logits.RowCount, logits.ColumnCount);
        var diagnosis = Diagnosis.Of();
        if (dOut != 1)
        {
            diagnosis.Factor(1 / dOut, $"not multiplied by dOut = {dOut.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "multiply the gradient by the dOut argument (the chain rule)");
        }

        if (n > 1)
        {
            diagnosis.Factor(n, $"times N = {n}", "the loss is the mean over the batch, so its gradient divides by N: (softmax - labels) / N");
        }

        if (n > 1 && dOut != 1)
        {
            diagnosis.Factor(n / dOut, $"times N = {n} and not multiplied by dOut", "divide by N and multiply by dOut");
        }

        if (n != k)
        {
            diagnosis.Factor((double)n / k, $"divided by K = {k} instead of N = {n}", "the loss is the mean over the N rows: divide by N, the batch size, not K, the number of classes");
        }

        return diagnosis
            .Negated("the gradient of the loss is softmax - labels, not labels - softmax")
            .Candidate("(exp(z - max z) - labels) · dOut / N, with exponentials that are not divided by their row's sum",
                Mistakes.UnnormalisedCause,
                () => (logits.SubtractColumnVector(logits.RowMaxima()).PointwiseExp() - labels) * (dOut / n))
            .Candidate("softmax(logits) · dOut / N without the labels subtracted", "the gradient is (softmax - labels) · dOut / N",
                () => Naive.Softmax(logits) * (dOut / n))
            .Candidate("a softmax over each column instead of each row", "each sample is a row: take the softmax along each row",
                () => (Naive.Softmax(logits.Transpose()).Transpose() - labels) * (dOut / n))
            .WithSizes(n, k);
    }

    private static Matrix<double> Stack(Matrix<double> row, int times) =>
        Matrix<double>.Build.DenseOfRowVectors(Enumerable.Repeat(row.Row(0), times));
}
