using System.Globalization;

namespace Coursework.Grading;

/// <summary>Checks that several tasks' hidden tests share: parameter shapes and Xavier-uniform initialisation.</summary>
public static class Checks
{
    /// <summary>Fails unless the matrix exists and has the shape (rows, columns).</summary>
    /// <param name="matrix">A parameter of the student's network.</param>
    /// <param name="rows">Expected rows.</param>
    /// <param name="columns">Expected columns.</param>
    /// <param name="name">The parameter's name in the docs, e.g. "W1".</param>
    public static void ShouldHaveShape(Matrix<double>? matrix, int rows, int columns, string name)
    {
        matrix.ShouldNotBeNull($"{name} is null after the constructor.");
        MatrixAssert.Shape(matrix).ShouldBe($"({rows}, {columns})", $"{name} has the wrong shape.");
    }

    /// <summary>Fails unless the weights look drawn from U(-a, a) with <c>a = sqrt(6 / (fanIn + fanOut))</c>.</summary>
    /// <param name="weights">Shape (fanIn, fanOut); large enough for the statistics to be stable (hundreds of elements).</param>
    /// <param name="fanIn">The layer's inputs.</param>
    /// <param name="fanOut">The layer's outputs.</param>
    /// <param name="name">The parameter's name in the docs.</param>
    public static void ShouldBeXavierUniform(Matrix<double> weights, int fanIn, int fanOut, string name)
    {
        var bound = Math.Sqrt(6.0 / (fanIn + fanOut));
        ShouldHaveShape(weights, fanIn, fanOut, name);
        MatrixAssert.ShouldBeFinite(weights, name);
        var values = weights.Enumerate().ToArray();
        var largest = values.Max(Math.Abs);
        var rule = OtherRule(values, fanIn, fanOut, name);
        largest.ShouldBeLessThanOrEqualTo(bound, rule ?? string.Create(CultureInfo.InvariantCulture,
            $"{name} holds {largest:G4}, outside the Xavier bound ±{bound:G4} = ±sqrt(6 / (fanIn + fanOut))."));
        largest.ShouldBeGreaterThan(0.8 * bound, rule ?? string.Create(CultureInfo.InvariantCulture,
            $"The largest |{name}| is {largest:G4}, far inside the Xavier bound {bound:G4}: is the range too narrow?"));
        var mean = values.Average();
        var deviation = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Math.Abs(mean).ShouldBeLessThan(0.15 * bound, $"The mean of {name} should be near 0 (uniform on ±bound).");
        deviation.ShouldBeInRange(0.85 * bound / Math.Sqrt(3), 1.15 * bound / Math.Sqrt(3),
            $"The spread of {name} does not look uniform on ±{bound:G4} (expected a standard deviation near bound/√3).");
    }

    /// <summary>
    /// The usual wrong initialisations, told from the weights: all zeros (the bound in integer division), all
    /// positive (NextDouble's [0, 1) not shifted), or uniform with another rule's bound. Null if none fits.
    /// </summary>
    private static string? OtherRule(double[] values, int fanIn, int fanOut, string name)
    {
        var largest = values.Max(Math.Abs);
        var xavier = string.Create(CultureInfo.InvariantCulture, $"Xavier's is U(-a, a) with a = sqrt(6 / (fanIn + fanOut)) = {Math.Sqrt(6.0 / (fanIn + fanOut)):G4} for fanIn = {fanIn}, fanOut = {fanOut}");
        if (largest == 0)
        {
            return $"{name} is all zeros: the bound came out as 0. In C#, 6 / (fanIn + fanOut) with whole numbers is whole-number division ({6 / (fanIn + fanOut)} here): write 6.0, or use Initializers.XavierUniform. {xavier}.";
        }

        if (values.All(v => v >= 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"Every element of {name} is ≥ 0 (up to {largest:G4}): Random.NextDouble() is in [0, 1) and must be mapped to [-a, a], e.g. (2u - 1) · a. {xavier}.");
        }

        var rules = new (string Rule, double Bound)[]
        {
            ("sqrt(6 / fanIn)", Math.Sqrt(6.0 / fanIn)), ("sqrt(6 / fanOut)", Math.Sqrt(6.0 / fanOut)), ("1 / sqrt(fanIn)", 1 / Math.Sqrt(fanIn)),
            ("sqrt(2 / (fanIn + fanOut)), the standard deviation of Xavier's normal variant", Math.Sqrt(2.0 / (fanIn + fanOut))),
            ("sqrt(1 / (fanIn + fanOut))", Math.Sqrt(1.0 / (fanIn + fanOut))), ("6 / (fanIn + fanOut), without the square root", 6.0 / (fanIn + fanOut)),
            ("1", 1.0),
        };
        foreach (var (candidate, bound) in rules)
        {
            if (largest <= bound * (1 + 1e-9) && largest >= bound * 0.97)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{name} looks drawn from U(-b, b) with b = {candidate} = {bound:G4} (its largest |element| is {largest:G4}). {xavier}.");
            }
        }

        return null;
    }
}

/// <summary>Expected parameter updates, for networks whose parameters are handled as lists (W1, W2, … or Weights[l]).</summary>
public static class Parameters
{
    /// <summary>A copy of the array with one element replaced: the parameter list with one parameter nudged.</summary>
    /// <typeparam name="T">A parameter type.</typeparam>
    /// <param name="items">The parameters, unchanged.</param>
    /// <param name="index">Which one to replace.</param>
    /// <param name="item">Its replacement.</param>
    /// <returns>A new array.</returns>
    public static T[] Replacing<T>(this T[] items, int index, T item)
    {
        var copy = (T[])items.Clone();
        copy[index] = item;
        return copy;
    }

    /// <summary>
    /// The parameters that one step of gradient descent must give: <c>p - learningRate · ∂loss/∂p</c> for every weight
    /// and bias, each gradient by centred differences of an independent loss.
    /// </summary>
    /// <param name="loss">The loss as a function of all weights and biases, computed independently of the student's code.</param>
    /// <param name="weights">The weights before the step, first layer first; not modified.</param>
    /// <param name="biases">The biases before the step, one per weight matrix; not modified.</param>
    /// <param name="learningRate">The step size.</param>
    /// <param name="samples">N, the samples of the step's batch (named in the messages).</param>
    /// <returns>The expected step, with what it started from.</returns>
    public static ExpectedStep AfterOneStep(
        Func<Matrix<double>[], Vector<double>[], double> loss, Matrix<double>[] weights, Vector<double>[] biases, double learningRate, int samples)
    {
        var (w0, b0) = (weights.Select(w => w.Clone()).ToArray(), biases.Select(b => b.Clone()).ToArray());
        return new ExpectedStep(loss, w0, b0, learningRate, samples,
            w0.Select((w, layer) => w - learningRate * NumericGradient.Of(x => loss(w0.Replacing(layer, x), b0), w.Clone())).ToArray(),
            b0.Select((b, layer) => b - learningRate * NumericGradient.Of(x => loss(w0, b0.Replacing(layer, x)), b.Clone())).ToArray());
    }

    /// <summary>
    /// Fails unless every weight and bias after a Step is close to its expected value. All parameters are checked, so
    /// the message says which are wrong and which are right (a W2 updated before backpropagation leaves W2 right and
    /// W1 wrong), with the learning rate and the batch size, and names the usual mistakes of each wrong one.
    /// </summary>
    /// <param name="weights">The network's weights after its Step.</param>
    /// <param name="biases">The network's biases after its Step.</param>
    /// <param name="expected">From <see cref="AfterOneStep"/>.</param>
    /// <param name="name">A layer's weight and bias names in the docs, e.g. ("W1", "B1") for layer 0.</param>
    /// <param name="hint">The general cause, when no usual mistake matches.</param>
    /// <param name="moreMistakes">Adds a network's own usual mistakes to a parameter's diagnosis: (layer, is the bias, diagnosis).</param>
    public static void ShouldHaveStepped(IReadOnlyList<Matrix<double>?> weights, IReadOnlyList<Vector<double>?> biases,
        ExpectedStep expected, Func<int, (string Weight, string Bias)> name, string hint, Action<int, bool, Diagnosis>? moreMistakes = null)
    {
        Diagnosis Mistakes(int layer, bool isBias, string parameter)
        {
            var diagnosis = expected.Mistakes(layer, isBias, parameter);
            moreMistakes?.Invoke(layer, isBias, diagnosis);
            return diagnosis;
        }

        var (right, wrong, messages) = (new List<string>(), new List<string>(), new List<string>());
        for (var layer = 0; layer < expected.Weights.Length; layer++)
        {
            var (weightName, biasName) = name(layer);
            Check(weightName, () => MatrixAssert.ShouldBeClose(weights[layer], expected.Weights[layer], $"{weightName} after one Step", absolute: 1e-7,
                hint: hint, diagnosis: Mistakes(layer, isBias: false, weightName)));
            Check(biasName, () => MatrixAssert.ShouldBeClose(biases[layer], expected.Biases[layer], $"{biasName} after one Step", absolute: 1e-7,
                hint: hint, diagnosis: Mistakes(layer, isBias: true, biasName)));
        }

        if (wrong.Count > 0)
        {
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"After one Step with learning rate {expected.LearningRate} on {expected.Samples} samples, {string.Join(", ", wrong)} {(wrong.Count == 1 ? "is" : "are")} wrong");
            summary += right.Count > 0 ? $" ({string.Join(", ", right)} right). " : ". ";
            throw new ShouldAssertException(summary + string.Join(" ", messages.Take(2)) + (messages.Count > 2 ? $" ({messages.Count - 2} more like it.)" : ""));
        }

        void Check(string parameter, Action check)
        {
            try
            {
                check();
                right.Add(parameter);
            }
            catch (ShouldAssertException failure)
            {
                wrong.Add(parameter);
                messages.Add(failure.Message);
            }
        }
    }

    /// <summary>The names W1, B1, W2, B2, … of the two- and three-layer networks' parameters.</summary>
    /// <param name="layer">From 0.</param>
    /// <returns>E.g. ("W1", "B1") for layer 0.</returns>
    public static (string Weight, string Bias) Numbered(int layer) => ($"W{layer + 1}", $"B{layer + 1}");
}

/// <summary>One step of gradient descent as it must be: where it starts, its loss and learning rate, and where it ends.</summary>
/// <param name="Loss">The loss of all weights and biases, independent of the student's code.</param>
/// <param name="WeightsBefore">The weights before the step.</param>
/// <param name="BiasesBefore">The biases before the step.</param>
/// <param name="LearningRate">The step size.</param>
/// <param name="Samples">N, the batch's samples.</param>
/// <param name="Weights">The weights after the step.</param>
/// <param name="Biases">The biases after the step.</param>
public sealed record ExpectedStep(
    Func<Matrix<double>[], Vector<double>[], double> Loss, Matrix<double>[] WeightsBefore, Vector<double>[] BiasesBefore,
    double LearningRate, int Samples, Matrix<double>[] Weights, Vector<double>[] Biases)
{
    /// <summary>
    /// The usual wrong updates of one parameter: not updated, moved up the gradient, without the learning rate, the
    /// gradient N times too large or small.
    /// </summary>
    /// <param name="layer">From 0.</param>
    /// <param name="isBias">The bias of that layer, else its weight.</param>
    /// <param name="name">Its name in the docs.</param>
    /// <returns>The diagnosis for the parameter's value after the step.</returns>
    public Diagnosis Mistakes(int layer, bool isBias, string name)
    {
        var before = isBias ? BiasesBefore[layer].ToRowMatrix() : WeightsBefore[layer];
        var after = isBias ? Biases[layer].ToRowMatrix() : Weights[layer];
        var step = after - before; // -learningRate · gradient
        var rate = LearningRate.ToString(CultureInfo.InvariantCulture);
        var diagnosis = Diagnosis.Of()
            .Candidate($"{name} before the Step", $"Step did not update {name}", () => before)
            .Candidate($"{name} plus learningRate · gradient", "that is gradient ascent: subtract the learning rate times the gradient", () => before - step)
            .Candidate($"{name} minus the gradient without the learning rate {rate}", "multiply the gradient by the learning rate", () => before + step / LearningRate);
        if (Samples > 1)
        {
            diagnosis
                .Candidate($"{name} minus learningRate · N · gradient, N = {Samples}", "the gradient is N times too large: the mean loss divides by N once, in the loss's Backward", () => before + Samples * step)
                .Candidate($"{name} minus learningRate · gradient / N, N = {Samples}", "the gradient is divided by N twice: only the loss's Backward divides by N, the layers sum over the batch", () => before + step / Samples);
        }

        return diagnosis;
    }
}

/// <summary>
/// Held-out data for the training tests, written independently of the student's code and of the given
/// <c>Dataset.Split</c>: a seeded shuffle of the rows, one-hot labels, accuracy.
/// </summary>
public static class HeldOut
{
    /// <summary>The row indices 0..count-1 in an order shuffled by <c>new Random(seed)</c>.</summary>
    /// <param name="count">Number of rows.</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>A permutation.</returns>
    public static int[] ShuffledRows(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    /// <summary>A seeded split: the first <paramref name="testFraction"/> of the shuffled rows (rounded up) for testing, the rest for training.</summary>
    /// <param name="data">The dataset.</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <param name="testFraction">E.g. 0.25.</param>
    /// <returns>The test rows and the training rows.</returns>
    public static ((Matrix<double> Features, int[] Labels) Test, (Matrix<double> Features, int[] Labels) Train) TestAndTrain(Dataset data, int seed, double testFraction)
    {
        var order = ShuffledRows(data.Count, seed);
        var testCount = (int)Math.Ceiling(testFraction * data.Count);
        return (Rows(data, order[..testCount]), Rows(data, order[testCount..]));
    }

    /// <summary>Some rows of a dataset, in the given order.</summary>
    /// <param name="data">The dataset.</param>
    /// <param name="rows">Row indices.</param>
    /// <returns>Features (rows.Length, D) and labels.</returns>
    public static (Matrix<double> Features, int[] Labels) Rows(Dataset data, int[] rows) =>
        (Matrix<double>.Build.DenseOfRowVectors(rows.Select(data.Features.Row)), rows.Select(r => data.Labels[r]).ToArray());

    /// <summary>Labels as one-hot rows.</summary>
    /// <param name="labels">Length N.</param>
    /// <param name="classes">K.</param>
    /// <returns>Shape (N, K).</returns>
    public static Matrix<double> OneHot(int[] labels, int classes) =>
        Matrix<double>.Build.Dense(labels.Length, classes, (n, k) => labels[n] == k ? 1.0 : 0.0);

    /// <summary>The most probable class of each row.</summary>
    /// <param name="probabilities">Shape (N, K).</param>
    /// <returns>Length N.</returns>
    public static int[] ArgMax(Matrix<double> probabilities) =>
        Enumerable.Range(0, probabilities.RowCount).Select(n => probabilities.Row(n).MaximumIndex()).ToArray();

    /// <summary>The share of equal labels.</summary>
    /// <param name="expected">Length N.</param>
    /// <param name="predicted">Length N.</param>
    /// <returns>In [0, 1].</returns>
    public static double Accuracy(int[] expected, int[] predicted) =>
        predicted.Where((label, n) => label == expected[n]).Count() / (double)expected.Length;
}
