using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Coursework.LinearAlgebra;

/// <summary>
/// The few vector operations the matrix-product kernels need, for one vector width. The kernels are generic over
/// this interface, so one kernel source runs as 512-, 256- or 128-bit code, whichever the processor accelerates;
/// the JIT compiles each width separately and inlines these calls.
/// </summary>
/// <typeparam name="TVector">Vector512, Vector256 or Vector128 of double.</typeparam>
internal interface ISimd<TVector>
    where TVector : struct
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Width { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Load(ref double source, nint offset);

    static abstract void Store(TVector value, ref double destination, nint offset);

    static abstract TVector Broadcast(double value);

    /// <summary><c>x · y + addend</c>, fused where the processor has FMA.</summary>
    static abstract TVector MultiplyAdd(TVector x, TVector y, TVector addend);

    static abstract TVector Multiply(TVector x, TVector y);

    static abstract double Sum(TVector value);
}

/// <summary>AVX-512: eight doubles.</summary>
internal readonly struct Simd512 : ISimd<Vector512<double>>
{
    public static int Width => Vector512<double>.Count;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double source, nint offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> x, Vector512<double> y, Vector512<double> addend) => Vector512.MultiplyAddEstimate(x, y, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> x, Vector512<double> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> value) => Vector512.Sum(value);
}

/// <summary>AVX2: four doubles.</summary>
internal readonly struct Simd256 : ISimd<Vector256<double>>
{
    public static int Width => Vector256<double>.Count;

    public static Vector256<double> Zero => Vector256<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source, nint offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> x, Vector256<double> y, Vector256<double> addend) => Vector256.MultiplyAddEstimate(x, y, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> x, Vector256<double> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<double> value) => Vector256.Sum(value);
}

/// <summary>SSE2 or Arm NEON, and the software fallback: two doubles.</summary>
internal readonly struct Simd128 : ISimd<Vector128<double>>
{
    public static int Width => Vector128<double>.Count;

    public static Vector128<double> Zero => Vector128<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(ref double source, nint offset) => Vector128.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<double> value, ref double destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Broadcast(double value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> x, Vector128<double> y, Vector128<double> addend) => Vector128.MultiplyAddEstimate(x, y, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> x, Vector128<double> y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector128<double> value) => Vector128.Sum(value);
}
