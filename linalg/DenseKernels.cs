using System.Numerics;
using System.Numerics.Tensors;

namespace Coursework.LinearAlgebra;

/// <summary>
/// Matrix products on column-major arrays (MathNet's storage): C = alpha · op(A) · op(B) + beta · C.
/// </summary>
/// <remarks>
/// Two loop orders cover the transposes without copying A. When A is not transposed, each column of C is built
/// from contiguous columns of A (C[:, j] += op(B)[p, j] · A[:, p]), four columns of A per pass so that C is read
/// and written once per four. When A is transposed, each element of C is a dot product of two contiguous columns.
/// Large products split the columns of C between threads.
/// </remarks>
public static class DenseKernels
{
    /// <summary>Below this many multiply-adds a product runs on one thread: starting threads costs more.</summary>
    private const long ParallelThreshold = 1L << 20;

    /// <summary>C = alpha · op(A) · op(B) + beta · C.</summary>
    /// <param name="transposeA">Use Aᵀ.</param>
    /// <param name="transposeB">Use Bᵀ.</param>
    /// <param name="alpha">Scales the product.</param>
    /// <param name="a">A, column-major, <paramref name="rowsA"/> × <paramref name="columnsA"/>.</param>
    /// <param name="rowsA">Rows of A as stored.</param>
    /// <param name="columnsA">Columns of A as stored.</param>
    /// <param name="b">B, column-major, <paramref name="rowsB"/> × <paramref name="columnsB"/>.</param>
    /// <param name="rowsB">Rows of B as stored.</param>
    /// <param name="columnsB">Columns of B as stored.</param>
    /// <param name="beta">Scales C before the product is added; 0 ignores what C held (even NaN).</param>
    /// <param name="c">C, column-major, rows of op(A) × columns of op(B).</param>
    public static void Multiply(
        bool transposeA, bool transposeB, double alpha,
        double[] a, int rowsA, int columnsA, double[] b, int rowsB, int columnsB, double beta, double[] c)
    {
        var m = transposeA ? columnsA : rowsA;
        var k = transposeA ? rowsA : columnsA;
        var n = transposeB ? rowsB : columnsB;
        if ((transposeB ? columnsB : rowsB) != k)
        {
            throw new ArgumentException($"Matrix dimensions must agree: op(A) is {m}x{k}, op(B) is {(transposeB ? columnsB : rowsB)}x{n}.");
        }

        if (c.Length < (long)m * n)
        {
            throw new ArgumentException("The result array is too small.", nameof(c));
        }

        if (transposeA && transposeB)
        {
            // Rare here: make Bᵀ explicit once, then it is the Aᵀ · B case.
            var bt = new double[(long)k * n];
            for (var j = 0; j < n; j++)
            {
                for (var p = 0; p < k; p++)
                {
                    bt[j * k + p] = b[p * rowsB + j];
                }
            }

            (b, rowsB, columnsB, transposeB) = (bt, k, n, false);
        }

        void Columns(int from, int to)
        {
            if (transposeA)
            {
                DotColumns(alpha, a, k, b, beta, c, m, from, to);
            }
            else
            {
                AxpyColumns(transposeB, alpha, a, m, k, b, rowsB, beta, c, from, to);
            }
        }

        if ((long)m * n * k < ParallelThreshold || n < 2)
        {
            Columns(0, n);
            return;
        }

        var parts = Math.Min(Environment.ProcessorCount, n);
        Parallel.For(0, parts, part => Columns(part * n / parts, (part + 1) * n / parts));
    }

    /// <summary>Rows of C computed together: a panel of A this tall (times k columns) stays in cache across all of C's columns.</summary>
    private const int RowBlock = 128;

    /// <summary>C[:, j] = beta · C[:, j] + alpha · Σ_p op(B)[p, j] · A[:, p] for j in [from, to).</summary>
    private static void AxpyColumns(bool transposeB, double alpha, double[] a, int m, int k, double[] b, int rowsB, double beta, double[] c, int from, int to)
    {
        double B(int p, int j) => alpha * (transposeB ? b[p * rowsB + j] : b[j * rowsB + p]);
        for (var top = 0; top < m; top += RowBlock)
        {
            var height = Math.Min(RowBlock, m - top);
            for (var j = from; j < to; j++)
            {
                var column = c.AsSpan(j * m + top, height);
                if (beta == 0)
                {
                    column.Clear();
                }
                else if (beta != 1)
                {
                    TensorPrimitives.Multiply(column, beta, column);
                }

                var p = 0;
                for (; p + 4 <= k; p += 4)
                {
                    AddFourColumns(column, a, m, p, top, B(p, j), B(p + 1, j), B(p + 2, j), B(p + 3, j));
                }

                for (; p < k; p++)
                {
                    TensorPrimitives.MultiplyAdd(a.AsSpan(p * m + top, height), B(p, j), column, column);
                }
            }
        }
    }

    /// <summary>column += s0·A[:, p] + s1·A[:, p+1] + s2·A[:, p+2] + s3·A[:, p+3], rows from <paramref name="top"/> on.</summary>
    private static void AddFourColumns(Span<double> column, double[] a, int m, int p, int top, double s0, double s1, double s2, double s3)
    {
        var height = column.Length;
        var a0 = a.AsSpan(p * m + top, height);
        var a1 = a.AsSpan((p + 1) * m + top, height);
        var a2 = a.AsSpan((p + 2) * m + top, height);
        var a3 = a.AsSpan((p + 3) * m + top, height);
        var i = 0;
        if (Vector.IsHardwareAccelerated && height >= Vector<double>.Count)
        {
            var (v0, v1, v2, v3) = (new Vector<double>(s0), new Vector<double>(s1), new Vector<double>(s2), new Vector<double>(s3));
            var width = Vector<double>.Count;
            for (; i + width <= height; i += width)
            {
                var sum = new Vector<double>(column[i..]) + (new Vector<double>(a0[i..]) * v0) + (new Vector<double>(a1[i..]) * v1)
                          + (new Vector<double>(a2[i..]) * v2) + (new Vector<double>(a3[i..]) * v3);
                sum.CopyTo(column[i..]);
            }
        }

        for (; i < height; i++)
        {
            column[i] += (a0[i] * s0) + (a1[i] * s1) + (a2[i] * s2) + (a3[i] * s3);
        }
    }

    /// <summary>
    /// C[i, j] = beta · C[i, j] + alpha · (A[:, i] · B[:, j]) for j in [from, to): Aᵀ · B with contiguous columns,
    /// four columns of B per pass so that each column of A is read once for four results.
    /// </summary>
    private static void DotColumns(double alpha, double[] a, int k, double[] b, double beta, double[] c, int m, int from, int to)
    {
        var j = from;
        for (; j + 4 <= to; j += 4)
        {
            for (var i = 0; i < m; i++)
            {
                var (d0, d1, d2, d3) = FourDots(a.AsSpan(i * k, k), b.AsSpan(j * k, k), b.AsSpan((j + 1) * k, k), b.AsSpan((j + 2) * k, k), b.AsSpan((j + 3) * k, k));
                Store(c, j * m + i, alpha * d0, beta);
                Store(c, (j + 1) * m + i, alpha * d1, beta);
                Store(c, (j + 2) * m + i, alpha * d2, beta);
                Store(c, (j + 3) * m + i, alpha * d3, beta);
            }
        }

        for (; j < to; j++)
        {
            for (var i = 0; i < m; i++)
            {
                Store(c, j * m + i, alpha * TensorPrimitives.Dot(a.AsSpan(i * k, k), b.AsSpan(j * k, k)), beta);
            }
        }
    }

    private static void Store(double[] c, int index, double value, double beta) =>
        c[index] = beta == 0 ? value : (beta * c[index]) + value;

    private static (double, double, double, double) FourDots(ReadOnlySpan<double> x, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, ReadOnlySpan<double> y2, ReadOnlySpan<double> y3)
    {
        var (s0, s1, s2, s3) = (Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero);
        var width = Vector<double>.Count;
        var i = 0;
        for (; i + width <= x.Length; i += width)
        {
            var v = new Vector<double>(x[i..]);
            s0 += v * new Vector<double>(y0[i..]);
            s1 += v * new Vector<double>(y1[i..]);
            s2 += v * new Vector<double>(y2[i..]);
            s3 += v * new Vector<double>(y3[i..]);
        }

        var (d0, d1, d2, d3) = (Vector.Sum(s0), Vector.Sum(s1), Vector.Sum(s2), Vector.Sum(s3));
        for (; i < x.Length; i++)
        {
            d0 += x[i] * y0[i];
            d1 += x[i] * y1[i];
            d2 += x[i] * y2[i];
            d3 += x[i] * y3[i];
        }

        return (d0, d1, d2, d3);
    }
}
