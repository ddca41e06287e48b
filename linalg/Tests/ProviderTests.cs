using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Coursework.LinearAlgebra.Tests;

/// <summary>The fast provider gives what MathNet's managed provider gives, to rounding, on every path it takes over.</summary>
[NonParallelizable] // they swap MathNet's global provider
public class ProviderTests
{
    private static readonly ILinearAlgebraProvider Managed = ManagedLinearAlgebraProvider.Instance;
    private static readonly ILinearAlgebraProvider Fast = FastLinearAlgebraProvider.Create(Managed);

    // (m, k, n): 1×1, odd sizes that are not multiples of the vector width, tall-skinny, wide, the recipe's shapes
    // (1347 × 64 × 32 and 1347 × 32 × 10, whose transposes are the gradients), sizes that leave every kind of
    // partial register block (rows: 4 vectors, 1 vector, single rows; columns: 4, then 1), and one large enough to
    // run on several threads.
    private static readonly (int M, int K, int N)[] Shapes =
        [(1, 1, 1), (1, 5, 1), (3, 1, 7), (7, 13, 5), (9, 4, 17), (1347, 64, 32), (1347, 32, 10), (2, 300, 3), (65, 1, 129),
         (257, 33, 64), (32, 1347, 10), (64, 1347, 32), (45, 19, 6), (8, 8, 8), (33, 2, 4), (16, 9, 3), (300, 300, 300)];

    public static IEnumerable<TestCaseData> Products() =>
        from shape in Shapes
        from transposeA in new[] { false, true }
        from transposeB in new[] { false, true }
        from coefficients in new[] { (Alpha: 1.0, Beta: 0.0), (Alpha: -0.5, Beta: 0.0), (Alpha: 2.0, Beta: 1.0), (Alpha: 1.5, Beta: -0.75) }
        select new TestCaseData(shape.M, shape.K, shape.N, transposeA, transposeB, coefficients.Alpha, coefficients.Beta)
            .SetName($"Product {shape.M}x{shape.K}x{shape.N} transposeA={transposeA} transposeB={transposeB} alpha={coefficients.Alpha} beta={coefficients.Beta}");

    [TestCaseSource(nameof(Products))]
    public void MatrixMultiplyWithUpdate_matches_the_managed_provider(int m, int k, int n, bool transposeA, bool transposeB, double alpha, double beta)
    {
        var random = new Random(m * 1000 + k * 10 + n);
        var a = RandomArray(random, m * k);
        var b = RandomArray(random, k * n);
        var (rowsA, columnsA) = transposeA ? (k, m) : (m, k);
        var (rowsB, columnsB) = transposeB ? (n, k) : (k, n);
        var initial = RandomArray(random, m * n);
        if (beta == 0)
        {
            initial[0] = double.NaN; // beta = 0 must ignore what C held, NaN included
        }

        var expected = (double[])initial.Clone();
        var actual = (double[])initial.Clone();
        Managed.MatrixMultiplyWithUpdate(Op(transposeA), Op(transposeB), alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, expected);
        Fast.MatrixMultiplyWithUpdate(Op(transposeA), Op(transposeB), alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, actual);

        ShouldBeClose(actual, expected);
    }

    public static IEnumerable<TestCaseData> Widths() =>
        from shape in Shapes
        from transposeA in new[] { false, true }
        from transposeB in new[] { false, true }
        from width in new[] { 128, 256, 512 }
        select new TestCaseData(shape.M, shape.K, shape.N, transposeA, transposeB, width)
            .SetName($"Product {shape.M}x{shape.K}x{shape.N} transposeA={transposeA} transposeB={transposeB} with {width}-bit vectors");

    /// <summary>The kernels run with the widest vectors this processor has; the other widths must be right too.</summary>
    [TestCaseSource(nameof(Widths))]
    public void Every_vector_width_matches_the_managed_provider(int m, int k, int n, bool transposeA, bool transposeB, int width)
    {
        var random = new Random(m * 1000 + k * 10 + n + width);
        var a = RandomArray(random, m * k);
        var b = RandomArray(random, k * n);
        var (rowsA, columnsA) = transposeA ? (k, m) : (m, k);
        var (rowsB, columnsB) = transposeB ? (n, k) : (k, n);
        var expected = RandomArray(random, m * n);
        var actual = (double[])expected.Clone();
        const double alpha = 1.5, beta = -0.75;
        Managed.MatrixMultiplyWithUpdate(Op(transposeA), Op(transposeB), alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, expected);
        Action<bool, bool, double, double[], int, int, double[], int, int, double, double[]> multiply = width switch
        {
            128 => DenseKernels.Multiply<Simd128, Vector128<double>>,
            256 => DenseKernels.Multiply<Simd256, Vector256<double>>,
            _ => DenseKernels.Multiply<Simd512, Vector512<double>>,
        };
        multiply(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, actual);

        ShouldBeClose(actual, expected);
    }

    [Test]
    public void An_empty_inner_dimension_scales_C_by_beta()
    {
        var c = new[] { 1.0, double.NaN, 3.0, 4.0 };
        Fast.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 2.0, [], 2, 0, [], 0, 2, 0.0, c);
        c.ShouldBe([0.0, 0.0, 0.0, 0.0]);
        c = [1.0, 2.0, 3.0, 4.0];
        Fast.MatrixMultiplyWithUpdate(Transpose.Transpose, Transpose.DontTranspose, 2.0, [], 0, 2, [], 0, 2, -1.0, c);
        c.ShouldBe([-1.0, -2.0, -3.0, -4.0]);
    }

    [Test]
    public void MatrixMultiply_matches_the_managed_provider()
    {
        var random = new Random(5);
        var (a, b) = (RandomArray(random, 37 * 19), RandomArray(random, 19 * 23));
        var (expected, actual) = (new double[37 * 23], new double[37 * 23]);

        Managed.MatrixMultiply(a, 37, 19, b, 19, 23, expected);
        Fast.MatrixMultiply(a, 37, 19, b, 19, 23, actual);

        ShouldBeClose(actual, expected);
    }

    /// <summary>1001 elements fit one piece; 40,000 (a 1347 × 32 matrix is 43,104) take three, the last one partial.</summary>
    [TestCase(1001)]
    [TestCase(40_000)]
    public void Element_wise_operations_match_the_managed_provider(int length)
    {
        var random = new Random(6);
        var (x, y) = (RandomArray(random, length), RandomArray(random, length));
        foreach (var (name, operation) in new (string, Action<ILinearAlgebraProvider, double[]>)[]
                 {
                     ("AddArrays", (p, r) => p.AddArrays(x, y, r)),
                     ("SubtractArrays", (p, r) => p.SubtractArrays(x, y, r)),
                     ("PointWiseMultiplyArrays", (p, r) => p.PointWiseMultiplyArrays(x, y, r)),
                     ("PointWiseDivideArrays", (p, r) => p.PointWiseDivideArrays(x, y, r)),
                     ("ScaleArray", (p, r) => p.ScaleArray(-1.25, x, r)),
                     ("AddVectorToScaledVector", (p, r) => p.AddVectorToScaledVector(y, 0.5, x, r)),
                 })
        {
            var (expected, actual) = (new double[length], new double[length]);
            operation(Managed, expected);
            operation(Fast, actual);
            ShouldBeClose(actual, expected, name);
        }

        Fast.DotProduct(x, y).ShouldBe(Managed.DotProduct(x, y), 1e-9);
    }

    [Test]
    public void Calls_it_does_not_handle_go_to_the_managed_provider()
    {
        // A float product and an LU solve are not sped up; they must still work.
        var (x, y, r) = (new float[] { 1, 2 }, new float[] { 3, 4 }, new float[2]);
        Fast.AddArrays(x, y, r);
        r.ShouldBe([4f, 6f]);

        // Column-major [[4, 6], [3, 3]] · x = [10, 12]: from the second row x0 + x1 = 4, so 4·x0 + 6·(4 - x0) = 10,
        // x0 = 7 and x1 = -3.
        var rhs = new double[] { 10, 12 };
        Fast.LUSolve(1, [4, 3, 6, 3], 2, rhs);
        rhs[0].ShouldBe(7, 1e-12);
        rhs[1].ShouldBe(-3, 1e-12);
    }

    [Test]
    public void Matrix_operations_route_through_the_provider_and_agree_with_the_managed_one()
    {
        var random = new Random(7);
        var a = Matrix<double>.Build.Dense(50, 20, (_, _) => random.NextDouble() - 0.5);
        var b = Matrix<double>.Build.Dense(50, 30, (_, _) => random.NextDouble() - 0.5);
        var c = Matrix<double>.Build.Dense(30, 20, (_, _) => random.NextDouble() - 0.5);
        Matrix<double>[] Compute() => [a.TransposeThisAndMultiply(b), b.TransposeAndMultiply(c.Transpose()), b * c, a + a, a - 2 * a, a.PointwiseMultiply(a)];

        var original = LinearAlgebraControl.Provider;
        try
        {
            LinearAlgebraControl.Provider = Managed;
            var expected = Compute();
            LinearAlgebraControl.Provider = Fast;
            var actual = Compute();
            for (var i = 0; i < expected.Length; i++)
            {
                ShouldBeClose(actual[i].ToColumnMajorArray(), expected[i].ToColumnMajorArray(), $"operation {i}");
            }
        }
        finally
        {
            LinearAlgebraControl.Provider = original;
        }
    }

    private static Transpose Op(bool transpose) => transpose ? Transpose.Transpose : Transpose.DontTranspose;

    private static double[] RandomArray(Random random, int length) => Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();

    private static void ShouldBeClose(double[] actual, double[] expected, string what = "result")
    {
        actual.Length.ShouldBe(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Math.Abs(actual[i] - expected[i]).ShouldBeLessThanOrEqualTo(1e-10 * (1 + Math.Abs(expected[i])), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
