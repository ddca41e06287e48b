using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Coursework.LinearAlgebra;

/// <summary>
/// Matrix products on column-major arrays (MathNet's storage): C = alpha · op(A) · op(B) + beta · C.
/// </summary>
/// <remarks>
/// <para>
/// Two register-blocked kernels cover the transposes without copying A. When A is not transposed, a block of C of
/// four vectors of rows by four columns stays in registers while p runs over the inner dimension: each step loads
/// four vectors from column p of A (contiguous), broadcasts four elements of op(B) and does sixteen fused
/// multiply-adds. The same kernel reads B or Bᵀ by swapping two strides. When A is transposed, each element of C is
/// a dot product of two contiguous columns, and a block of four by four of them runs in one pass over the columns.
/// </para>
/// <para>
/// The kernels are written once over <see cref="ISimd{TVector}"/> and run with the widest vectors the processor
/// accelerates (AVX-512, AVX2, or 128-bit SSE2/NEON). They are compiled fully optimized from the first call
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a test or a short demo never runs them unoptimized. Products of the coursework's size run on one thread: splitting
/// them costs more than it saves. Large ones split the rows (or columns) of C between threads.
/// </para>
/// </remarks>
public static class DenseKernels
{
    /// <summary>Below this many multiply-adds a product runs on one thread.</summary>
    private const long ParallelThreshold = 1L << 23;

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
        if (Vector512.IsHardwareAccelerated)
        {
            Multiply<Simd512, Vector512<double>>(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Multiply<Simd256, Vector256<double>>(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);
        }
        else
        {
            Multiply<Simd128, Vector128<double>>(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);
        }
    }

    /// <summary><see cref="Multiply(bool, bool, double, double[], int, int, double[], int, int, double, double[])"/> with one vector width (the tests try each).</summary>
    internal static void Multiply<TSimd, TVector>(
        bool transposeA, bool transposeB, double alpha,
        double[] a, int rowsA, int columnsA, double[] b, int rowsB, int columnsB, double beta, double[] c)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        var m = transposeA ? columnsA : rowsA;
        var k = transposeA ? rowsA : columnsA;
        var n = transposeB ? rowsB : columnsB;
        if ((transposeB ? columnsB : rowsB) != k)
        {
            throw new ArgumentException($"Matrix dimensions must agree: op(A) is {m}x{k}, op(B) is {(transposeB ? columnsB : rowsB)}x{n}.");
        }

        if (a.Length < (long)m * k || b.Length < (long)k * n)
        {
            throw new ArgumentException("An input array is smaller than its dimensions say.");
        }

        if (c.Length < (long)m * n)
        {
            throw new ArgumentException("The result array is too small.", nameof(c));
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            // An empty sum: C = beta · C.
            for (var i = 0; i < m * n; i++)
            {
                Save(ref c[i], 0, alpha, beta);
            }

            return;
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

            (b, transposeB) = (bt, false);
        }

        var parts = (long)m * n * k < ParallelThreshold ? 1 : Environment.ProcessorCount;
        if (transposeA)
        {
            // Aᵀ · B: dot products of columns; threads take columns of C.
            parts = Math.Min(parts, n / 4);
            if (parts <= 1)
            {
                DotProducts<TSimd, TVector>(alpha, a, b, k, beta, c, m, 0, n);
            }
            else
            {
                Parallel.For(0, parts, part => DotProducts<TSimd, TVector>(alpha, a, b, k, beta, c, m, part * n / parts, (part + 1) * n / parts));
            }

            return;
        }

        // op(B)[p, j] is b[p · strideP + j · strideJ].
        var (strideP, strideJ) = transposeB ? (rowsB, 1) : (1, rowsB);
        var block = 4 * TSimd.Width;
        var blocks = (m + block - 1) / block;
        parts = Math.Min(parts, blocks);
        if (parts <= 1)
        {
            Combinations<TSimd, TVector>(alpha, a, m, k, b, strideP, strideJ, n, beta, c, 0, m);
        }
        else
        {
            // Threads take rows of C, in whole blocks.
            Parallel.For(0, parts, part => Combinations<TSimd, TVector>(
                alpha, a, m, k, b, strideP, strideJ, n, beta, c,
                Math.Min(m, (int)(part * blocks / parts) * block), Math.Min(m, (int)((part + 1) * blocks / parts) * block)));
        }
    }

    /// <summary>
    /// Rows [<paramref name="top"/>, <paramref name="bottom"/>) of C = alpha · A · op(B) + beta · C, with A m × k
    /// column-major and op(B)[p, j] = b[p · strideP + j · strideJ]: each column of C a combination of columns of A.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Combinations<TSimd, TVector>(
        double alpha, double[] a, int m, int k, double[] b, int strideP, int strideJ, int n, double beta, double[] c, int top, int bottom)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        var width = TSimd.Width;
        ref var a0 = ref a[0];
        ref var b0 = ref b[0];
        ref var c0 = ref c[0];
        var i = top;
        for (; i + (4 * width) <= bottom; i += 4 * width)
        {
            var j = 0;
            for (; j + 4 <= n; j += 4)
            {
                Block4x4<TSimd, TVector>(alpha, ref Unsafe.Add(ref a0, i), m, k, ref Unsafe.Add(ref b0, (nint)j * strideJ), strideP, strideJ, beta, ref Unsafe.Add(ref c0, ((nint)j * m) + i));
            }

            for (; j < n; j++)
            {
                Block4x1<TSimd, TVector>(alpha, ref Unsafe.Add(ref a0, i), m, k, ref Unsafe.Add(ref b0, (nint)j * strideJ), strideP, beta, ref Unsafe.Add(ref c0, ((nint)j * m) + i));
            }
        }

        for (; i + width <= bottom; i += width)
        {
            var j = 0;
            for (; j + 4 <= n; j += 4)
            {
                Block1x4<TSimd, TVector>(alpha, ref Unsafe.Add(ref a0, i), m, k, ref Unsafe.Add(ref b0, (nint)j * strideJ), strideP, strideJ, beta, ref Unsafe.Add(ref c0, ((nint)j * m) + i));
            }

            for (; j < n; j++)
            {
                Block1x1<TSimd, TVector>(alpha, ref Unsafe.Add(ref a0, i), m, k, ref Unsafe.Add(ref b0, (nint)j * strideJ), strideP, beta, ref Unsafe.Add(ref c0, ((nint)j * m) + i));
            }
        }

        // The last rows, fewer than one vector: one element at a time.
        for (; i < bottom; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var p = 0; p < k; p++)
                {
                    sum += a[((nint)p * m) + i] * b[((nint)p * strideP) + ((nint)j * strideJ)];
                }

                ref var target = ref c[((nint)j * m) + i];
                target = beta == 0 ? alpha * sum : (beta * target) + (alpha * sum);
            }
        }
    }

    /// <summary>Four vectors of rows by four columns of C, from <paramref name="a"/> (A[i, 0]), <paramref name="b"/> (op(B)[0, j]) and <paramref name="c"/> (C[i, j]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x4<TSimd, TVector>(double alpha, ref double a, int m, int k, ref double b, nint strideP, nint strideJ, double beta, ref double c)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        nint w = TSimd.Width;
        var (c00, c10, c20, c30) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        var (c01, c11, c21, c31) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        var (c02, c12, c22, c32) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        var (c03, c13, c23, c33) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        ref var column = ref a;
        ref var row = ref b;
        for (var p = 0; p < k; p++)
        {
            var a0 = TSimd.Load(ref column, 0);
            var a1 = TSimd.Load(ref column, w);
            var a2 = TSimd.Load(ref column, 2 * w);
            var a3 = TSimd.Load(ref column, 3 * w);
            var b0 = TSimd.Broadcast(row);
            c00 = TSimd.MultiplyAdd(a0, b0, c00);
            c10 = TSimd.MultiplyAdd(a1, b0, c10);
            c20 = TSimd.MultiplyAdd(a2, b0, c20);
            c30 = TSimd.MultiplyAdd(a3, b0, c30);
            var b1 = TSimd.Broadcast(Unsafe.Add(ref row, strideJ));
            c01 = TSimd.MultiplyAdd(a0, b1, c01);
            c11 = TSimd.MultiplyAdd(a1, b1, c11);
            c21 = TSimd.MultiplyAdd(a2, b1, c21);
            c31 = TSimd.MultiplyAdd(a3, b1, c31);
            var b2 = TSimd.Broadcast(Unsafe.Add(ref row, 2 * strideJ));
            c02 = TSimd.MultiplyAdd(a0, b2, c02);
            c12 = TSimd.MultiplyAdd(a1, b2, c12);
            c22 = TSimd.MultiplyAdd(a2, b2, c22);
            c32 = TSimd.MultiplyAdd(a3, b2, c32);
            var b3 = TSimd.Broadcast(Unsafe.Add(ref row, 3 * strideJ));
            c03 = TSimd.MultiplyAdd(a0, b3, c03);
            c13 = TSimd.MultiplyAdd(a1, b3, c13);
            c23 = TSimd.MultiplyAdd(a2, b3, c23);
            c33 = TSimd.MultiplyAdd(a3, b3, c33);
            column = ref Unsafe.Add(ref column, m);
            row = ref Unsafe.Add(ref row, strideP);
        }

        ref var c1 = ref Unsafe.Add(ref c, m);
        ref var c2 = ref Unsafe.Add(ref c1, m);
        ref var c3 = ref Unsafe.Add(ref c2, m);
        Save<TSimd, TVector>(c00, alpha, beta, ref c, 0);
        Save<TSimd, TVector>(c10, alpha, beta, ref c, w);
        Save<TSimd, TVector>(c20, alpha, beta, ref c, 2 * w);
        Save<TSimd, TVector>(c30, alpha, beta, ref c, 3 * w);
        Save<TSimd, TVector>(c01, alpha, beta, ref c1, 0);
        Save<TSimd, TVector>(c11, alpha, beta, ref c1, w);
        Save<TSimd, TVector>(c21, alpha, beta, ref c1, 2 * w);
        Save<TSimd, TVector>(c31, alpha, beta, ref c1, 3 * w);
        Save<TSimd, TVector>(c02, alpha, beta, ref c2, 0);
        Save<TSimd, TVector>(c12, alpha, beta, ref c2, w);
        Save<TSimd, TVector>(c22, alpha, beta, ref c2, 2 * w);
        Save<TSimd, TVector>(c32, alpha, beta, ref c2, 3 * w);
        Save<TSimd, TVector>(c03, alpha, beta, ref c3, 0);
        Save<TSimd, TVector>(c13, alpha, beta, ref c3, w);
        Save<TSimd, TVector>(c23, alpha, beta, ref c3, 2 * w);
        Save<TSimd, TVector>(c33, alpha, beta, ref c3, 3 * w);
    }

    /// <summary>Four vectors of rows by one column of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x1<TSimd, TVector>(double alpha, ref double a, int m, int k, ref double b, nint strideP, double beta, ref double c)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        nint w = TSimd.Width;
        var (c0, c1, c2, c3) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        ref var column = ref a;
        ref var element = ref b;
        for (var p = 0; p < k; p++)
        {
            var scale = TSimd.Broadcast(element);
            c0 = TSimd.MultiplyAdd(TSimd.Load(ref column, 0), scale, c0);
            c1 = TSimd.MultiplyAdd(TSimd.Load(ref column, w), scale, c1);
            c2 = TSimd.MultiplyAdd(TSimd.Load(ref column, 2 * w), scale, c2);
            c3 = TSimd.MultiplyAdd(TSimd.Load(ref column, 3 * w), scale, c3);
            column = ref Unsafe.Add(ref column, m);
            element = ref Unsafe.Add(ref element, strideP);
        }

        Save<TSimd, TVector>(c0, alpha, beta, ref c, 0);
        Save<TSimd, TVector>(c1, alpha, beta, ref c, w);
        Save<TSimd, TVector>(c2, alpha, beta, ref c, 2 * w);
        Save<TSimd, TVector>(c3, alpha, beta, ref c, 3 * w);
    }

    /// <summary>One vector of rows by four columns of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x4<TSimd, TVector>(double alpha, ref double a, int m, int k, ref double b, nint strideP, nint strideJ, double beta, ref double c)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        var (c0, c1, c2, c3) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        ref var column = ref a;
        ref var row = ref b;
        for (var p = 0; p < k; p++)
        {
            var a0 = TSimd.Load(ref column, 0);
            c0 = TSimd.MultiplyAdd(a0, TSimd.Broadcast(row), c0);
            c1 = TSimd.MultiplyAdd(a0, TSimd.Broadcast(Unsafe.Add(ref row, strideJ)), c1);
            c2 = TSimd.MultiplyAdd(a0, TSimd.Broadcast(Unsafe.Add(ref row, 2 * strideJ)), c2);
            c3 = TSimd.MultiplyAdd(a0, TSimd.Broadcast(Unsafe.Add(ref row, 3 * strideJ)), c3);
            column = ref Unsafe.Add(ref column, m);
            row = ref Unsafe.Add(ref row, strideP);
        }

        Save<TSimd, TVector>(c0, alpha, beta, ref c, 0);
        Save<TSimd, TVector>(c1, alpha, beta, ref c, m);
        Save<TSimd, TVector>(c2, alpha, beta, ref c, 2 * (nint)m);
        Save<TSimd, TVector>(c3, alpha, beta, ref c, 3 * (nint)m);
    }

    /// <summary>One vector of rows by one column of C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x1<TSimd, TVector>(double alpha, ref double a, int m, int k, ref double b, nint strideP, double beta, ref double c)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        var sum = TSimd.Zero;
        ref var column = ref a;
        ref var element = ref b;
        for (var p = 0; p < k; p++)
        {
            sum = TSimd.MultiplyAdd(TSimd.Load(ref column, 0), TSimd.Broadcast(element), sum);
            column = ref Unsafe.Add(ref column, m);
            element = ref Unsafe.Add(ref element, strideP);
        }

        Save<TSimd, TVector>(sum, alpha, beta, ref c, 0);
    }

    /// <summary>C[offset..] = alpha · sum + beta · C[offset..], one vector; beta = 0 does not read C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Save<TSimd, TVector>(TVector sum, double alpha, double beta, ref double c, nint offset)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        var value = TSimd.Multiply(sum, TSimd.Broadcast(alpha));
        if (beta != 0)
        {
            value = TSimd.MultiplyAdd(TSimd.Load(ref c, offset), TSimd.Broadcast(beta), value);
        }

        TSimd.Store(value, ref c, offset);
    }

    /// <summary>
    /// Columns [<paramref name="from"/>, <paramref name="to"/>) of C = alpha · Aᵀ · B + beta · C, with A k × m and
    /// B k × n column-major: C[i, j] is the dot product of columns i of A and j of B, both contiguous.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotProducts<TSimd, TVector>(double alpha, double[] a, double[] b, int k, double beta, double[] c, int m, int from, int to)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        ref var a0 = ref a[0];
        ref var b0 = ref b[0];
        var j0 = from;
        for (; j0 + 4 <= to; j0 += 4)
        {
            var i = 0;
            for (; i + 4 <= m; i += 4)
            {
                Dot4x4<TSimd, TVector>(ref Unsafe.Add(ref a0, (nint)i * k), ref Unsafe.Add(ref b0, (nint)j0 * k), k, alpha, beta, ref c[(j0 * m) + i], m);
            }

            for (; i < m; i++)
            {
                Dot1x4<TSimd, TVector>(ref Unsafe.Add(ref a0, (nint)i * k), ref Unsafe.Add(ref b0, (nint)j0 * k), k, alpha, beta, ref c[(j0 * m) + i], m);
            }
        }

        for (; j0 < to; j0++)
        {
            var i = 0;
            for (; i + 4 <= m; i += 4)
            {
                // Four columns of A against one of B is Bᵀ against four of A: the same kernel, C transposed.
                Dot1x4<TSimd, TVector>(ref Unsafe.Add(ref b0, (nint)j0 * k), ref Unsafe.Add(ref a0, (nint)i * k), k, alpha, beta, ref c[(j0 * m) + i], 1);
            }

            for (; i < m; i++)
            {
                Dot1x1<TSimd, TVector>(ref Unsafe.Add(ref a0, (nint)i * k), ref Unsafe.Add(ref b0, (nint)j0 * k), k, alpha, beta, ref c[(j0 * m) + i]);
            }
        }
    }

    /// <summary>C[i..i+4, j..j+4] from columns i..i+4 of A and j..j+4 of B (each <paramref name="k"/> long, one after the other).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x4<TSimd, TVector>(ref double a, ref double b, int k, double alpha, double beta, ref double c, int m)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        var (s00, s10, s20, s30) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        var (s01, s11, s21, s31) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        var (s02, s12, s22, s32) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        var (s03, s13, s23, s33) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        nint stride = k;
        ref var a1 = ref Unsafe.Add(ref a, stride);
        ref var a2 = ref Unsafe.Add(ref a1, stride);
        ref var a3 = ref Unsafe.Add(ref a2, stride);
        ref var b1 = ref Unsafe.Add(ref b, stride);
        ref var b2 = ref Unsafe.Add(ref b1, stride);
        ref var b3 = ref Unsafe.Add(ref b2, stride);
        nint w = TSimd.Width;
        nint p = 0;
        for (; p + w <= k; p += w)
        {
            var x0 = TSimd.Load(ref a, p);
            var x1 = TSimd.Load(ref a1, p);
            var x2 = TSimd.Load(ref a2, p);
            var x3 = TSimd.Load(ref a3, p);
            var y = TSimd.Load(ref b, p);
            s00 = TSimd.MultiplyAdd(x0, y, s00);
            s10 = TSimd.MultiplyAdd(x1, y, s10);
            s20 = TSimd.MultiplyAdd(x2, y, s20);
            s30 = TSimd.MultiplyAdd(x3, y, s30);
            y = TSimd.Load(ref b1, p);
            s01 = TSimd.MultiplyAdd(x0, y, s01);
            s11 = TSimd.MultiplyAdd(x1, y, s11);
            s21 = TSimd.MultiplyAdd(x2, y, s21);
            s31 = TSimd.MultiplyAdd(x3, y, s31);
            y = TSimd.Load(ref b2, p);
            s02 = TSimd.MultiplyAdd(x0, y, s02);
            s12 = TSimd.MultiplyAdd(x1, y, s12);
            s22 = TSimd.MultiplyAdd(x2, y, s22);
            s32 = TSimd.MultiplyAdd(x3, y, s32);
            y = TSimd.Load(ref b3, p);
            s03 = TSimd.MultiplyAdd(x0, y, s03);
            s13 = TSimd.MultiplyAdd(x1, y, s13);
            s23 = TSimd.MultiplyAdd(x2, y, s23);
            s33 = TSimd.MultiplyAdd(x3, y, s33);
        }

        ReadOnlySpan<double> sums =
        [
            TSimd.Sum(s00), TSimd.Sum(s10), TSimd.Sum(s20), TSimd.Sum(s30),
            TSimd.Sum(s01), TSimd.Sum(s11), TSimd.Sum(s21), TSimd.Sum(s31),
            TSimd.Sum(s02), TSimd.Sum(s12), TSimd.Sum(s22), TSimd.Sum(s32),
            TSimd.Sum(s03), TSimd.Sum(s13), TSimd.Sum(s23), TSimd.Sum(s33),
        ];
        for (var j = 0; j < 4; j++)
        {
            for (var i = 0; i < 4; i++)
            {
                var sum = sums[(j * 4) + i];
                for (var q = p; q < k; q++)
                {
                    sum += Unsafe.Add(ref a, (i * stride) + q) * Unsafe.Add(ref b, (j * stride) + q);
                }

                Save(ref Unsafe.Add(ref c, (j * (nint)m) + i), sum, alpha, beta);
            }
        }
    }

    /// <summary>
    /// Four results from column <paramref name="a"/> against four consecutive columns of <paramref name="b"/>,
    /// stored <paramref name="step"/> apart from <paramref name="c"/> on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot1x4<TSimd, TVector>(ref double a, ref double b, int k, double alpha, double beta, ref double c, int step)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        var (s0, s1, s2, s3) = (TSimd.Zero, TSimd.Zero, TSimd.Zero, TSimd.Zero);
        nint stride = k;
        ref var b1 = ref Unsafe.Add(ref b, stride);
        ref var b2 = ref Unsafe.Add(ref b1, stride);
        ref var b3 = ref Unsafe.Add(ref b2, stride);
        nint w = TSimd.Width;
        nint p = 0;
        for (; p + w <= k; p += w)
        {
            var x = TSimd.Load(ref a, p);
            s0 = TSimd.MultiplyAdd(x, TSimd.Load(ref b, p), s0);
            s1 = TSimd.MultiplyAdd(x, TSimd.Load(ref b1, p), s1);
            s2 = TSimd.MultiplyAdd(x, TSimd.Load(ref b2, p), s2);
            s3 = TSimd.MultiplyAdd(x, TSimd.Load(ref b3, p), s3);
        }

        ReadOnlySpan<double> sums = [TSimd.Sum(s0), TSimd.Sum(s1), TSimd.Sum(s2), TSimd.Sum(s3)];
        for (var j = 0; j < 4; j++)
        {
            var sum = sums[j];
            for (var q = p; q < k; q++)
            {
                sum += Unsafe.Add(ref a, q) * Unsafe.Add(ref b, (j * stride) + q);
            }

            Save(ref Unsafe.Add(ref c, j * (nint)step), sum, alpha, beta);
        }
    }

    /// <summary>One result: the dot product of two columns <paramref name="k"/> long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot1x1<TSimd, TVector>(ref double a, ref double b, int k, double alpha, double beta, ref double c)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        var s = TSimd.Zero;
        nint w = TSimd.Width;
        nint p = 0;
        for (; p + w <= k; p += w)
        {
            s = TSimd.MultiplyAdd(TSimd.Load(ref a, p), TSimd.Load(ref b, p), s);
        }

        var sum = TSimd.Sum(s);
        for (; p < k; p++)
        {
            sum += Unsafe.Add(ref a, p) * Unsafe.Add(ref b, p);
        }

        Save(ref c, sum, alpha, beta);
    }

    /// <summary>C[i, j] = alpha · sum + beta · C[i, j]; beta = 0 does not read C.</summary>
    private static void Save(ref double c, double sum, double alpha, double beta) =>
        c = beta == 0 ? alpha * sum : (beta * c) + (alpha * sum);
}
