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
                TensorPrimitives.Add(x, y, r);
                return true;
            case ("SubtractArrays", [double[] x, double[] y, double[] r]):
                TensorPrimitives.Subtract(x, y, r);
                return true;
            case ("PointWiseMultiplyArrays", [double[] x, double[] y, double[] r]):
                TensorPrimitives.Multiply(x, y, r);
                return true;
            case ("PointWiseDivideArrays", [double[] x, double[] y, double[] r]):
                TensorPrimitives.Divide(x, y, r);
                return true;
            case ("ScaleArray", [double alpha, double[] x, double[] r]):
                TensorPrimitives.Multiply(x, alpha, r);
                return true;
            case ("AddVectorToScaledVector", [double[] y, double alpha, double[] x, double[] r]):
                // r = y + alpha · x
                TensorPrimitives.MultiplyAdd(x, alpha, y, r);
                return true;
            case ("DotProduct", [double[] x, double[] y]):
                result = TensorPrimitives.Dot(x, y);
                return true;
            default:
                return false;
        }
    }
}
