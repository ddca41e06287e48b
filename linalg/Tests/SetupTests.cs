using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Coursework.LinearAlgebra.Tests;

/// <summary>
/// The kit's setup of MathNet (<see cref="FastLinearAlgebraProvider.Install"/>, which every program of the kit runs
/// when the exercises' code loads) and the given softmax, which works on MathNet's arrays directly.
/// </summary>
[NonParallelizable] // they change MathNet's global settings
public class SetupTests
{
    /// <summary>Install puts the fast provider in place once, however often it runs, and MathNet on one thread.</summary>
    [Test]
    public void Install_uses_the_fast_provider_once_and_one_thread()
    {
        var (provider, threads) = (LinearAlgebraControl.Provider, Control.MaxDegreeOfParallelism);
        try
        {
            LinearAlgebraControl.Provider = ManagedLinearAlgebraProvider.Instance;
            Control.MaxDegreeOfParallelism = 2;

            FastLinearAlgebraProvider.Install();
            var installed = LinearAlgebraControl.Provider;
            FastLinearAlgebraProvider.Install();

            installed.ShouldBeAssignableTo<FastLinearAlgebraProvider>();
            LinearAlgebraControl.Provider.ShouldBeSameAs(installed, "a second Install must not wrap the provider again");
            Control.MaxDegreeOfParallelism.ShouldBe(1);
        }
        finally
        {
            (LinearAlgebraControl.Provider, Control.MaxDegreeOfParallelism) = (provider, threads);
        }
    }

    /// <summary>
    /// MathNet's element-wise operations give the same bits on one thread as on several: Install changes their speed,
    /// never a result (on the recipe's hidden-layer shape, many times MathNet's 4,096-element ranges).
    /// </summary>
    [Test]
    public void Element_wise_operations_give_the_same_bits_on_one_thread_as_on_several()
    {
        var random = new Random(3);
        var matrix = Matrix<double>.Build.Dense(1347, 32, (_, _) => random.NextDouble() - 0.5);
        Matrix<double>[] Compute() =>
            [matrix.PointwiseMaximum(0.0), matrix.Map(x => x > 0 ? 1.0 : 0.0), matrix.PointwiseExp(), matrix.PointwiseAbs().PointwiseLog()];

        var threads = Control.MaxDegreeOfParallelism;
        try
        {
            Control.MaxDegreeOfParallelism = 2;
            var several = Compute();
            Control.MaxDegreeOfParallelism = 1;
            var one = Compute();
            for (var i = 0; i < one.Length; i++)
            {
                one[i].ToColumnMajorArray().ShouldBe(several[i].ToColumnMajorArray(), $"operation {i}");
            }
        }
        finally
        {
            Control.MaxDegreeOfParallelism = threads;
        }
    }

    /// <summary>
    /// The given <see cref="Softmax.Rows"/> (exp and row sums with SIMD) agrees to rounding with its MathNet spelling,
    /// <c>e = (z - max).PointwiseExp()</c> then <c>e / e.RowSums()</c>, on shapes that are and are not multiples of a
    /// vector, a single column, and logits of ±1000 (where nothing may overflow).
    /// </summary>
    /// <param name="rows">N.</param>
    /// <param name="columns">K.</param>
    /// <param name="scale">How far the logits spread around 0.</param>
    [TestCase(1, 1, 1.0)]
    [TestCase(7, 3, 5.0)]
    [TestCase(1347, 10, 3.0)]
    [TestCase(64, 1, 2.0)]
    [TestCase(33, 10, 1000.0)]
    public void Softmax_rows_agrees_with_the_MathNet_formula(int rows, int columns, double scale)
    {
        var random = new Random(rows + columns);
        var logits = Matrix<double>.Build.Dense(rows, columns, (_, _) => scale * ((2 * random.NextDouble()) - 1));
        var original = logits.Clone();

        var probabilities = Softmax.Rows(logits);

        var exponentials = logits.SubtractColumnVector(logits.RowMaxima()).PointwiseExp();
        var expected = exponentials.DivideByColumnVector(exponentials.RowSums());
        var actual = probabilities.ToColumnMajorArray();
        var wanted = expected.ToColumnMajorArray();
        for (var i = 0; i < wanted.Length; i++)
        {
            double.IsFinite(actual[i]).ShouldBeTrue($"element {i}");
            Math.Abs(actual[i] - wanted[i]).ShouldBeLessThanOrEqualTo(1e-14 * Math.Max(1e-300, wanted[i]), $"element {i}");
        }

        foreach (var sum in probabilities.RowSums())
        {
            sum.ShouldBe(1.0, 1e-14);
        }

        logits.ShouldBe(original, "the logits must stay as they were");
    }
}
