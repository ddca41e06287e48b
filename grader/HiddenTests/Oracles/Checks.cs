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
        largest.ShouldBeLessThanOrEqualTo(bound, string.Create(CultureInfo.InvariantCulture,
            $"{name} holds {largest:G4}, outside the Xavier bound ±{bound:G4} = ±sqrt(6 / (fanIn + fanOut))."));
        largest.ShouldBeGreaterThan(0.8 * bound, string.Create(CultureInfo.InvariantCulture,
            $"The largest |{name}| is {largest:G4}, far inside the Xavier bound {bound:G4}: is the range too narrow?"));
        var mean = values.Average();
        var deviation = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Math.Abs(mean).ShouldBeLessThan(0.15 * bound, $"The mean of {name} should be near 0 (uniform on ±bound).");
        deviation.ShouldBeInRange(0.85 * bound / Math.Sqrt(3), 1.15 * bound / Math.Sqrt(3),
            $"The spread of {name} does not look uniform on ±{bound:G4} (expected a standard deviation near bound/√3).");
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
    /// <returns>The expected weights and biases after the step.</returns>
    public static (Matrix<double>[] Weights, Vector<double>[] Biases) AfterOneStep(
        Func<Matrix<double>[], Vector<double>[], double> loss, Matrix<double>[] weights, Vector<double>[] biases, double learningRate) =>
    (
        weights.Select((w, layer) => w - learningRate * NumericGradient.Of(x => loss(weights.Replacing(layer, x), biases), w.Clone())).ToArray(),
        biases.Select((b, layer) => b - learningRate * NumericGradient.Of(x => loss(weights, biases.Replacing(layer, x)), b.Clone())).ToArray()
    );

    /// <summary>Fails unless every weight and bias after a Step is close to its expected value; checks layer by layer, weight first.</summary>
    /// <param name="weights">The network's weights after its Step.</param>
    /// <param name="biases">The network's biases after its Step.</param>
    /// <param name="expected">From <see cref="AfterOneStep"/>.</param>
    /// <param name="name">A layer's weight and bias names in the docs, e.g. ("W1", "B1") for layer 0.</param>
    /// <param name="hint">The likely cause, for every message.</param>
    public static void ShouldHaveStepped(IReadOnlyList<Matrix<double>> weights, IReadOnlyList<Vector<double>> biases,
        (Matrix<double>[] Weights, Vector<double>[] Biases) expected, Func<int, (string Weight, string Bias)> name, string hint)
    {
        for (var layer = 0; layer < expected.Weights.Length; layer++)
        {
            MatrixAssert.ShouldBeClose(weights[layer], expected.Weights[layer], $"{name(layer).Weight} after one Step", absolute: 1e-7, hint: hint);
            MatrixAssert.ShouldBeClose(biases[layer], expected.Biases[layer], $"{name(layer).Bias} after one Step", absolute: 1e-7, hint: hint);
        }
    }

    /// <summary>The names W1, B1, W2, B2, … of the two- and three-layer networks' parameters.</summary>
    /// <param name="layer">From 0.</param>
    /// <returns>E.g. ("W1", "B1") for layer 0.</returns>
    public static (string Weight, string Bias) Numbered(int layer) => ($"W{layer + 1}", $"B{layer + 1}");
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
