using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Testing;

/// <summary>
/// Centred finite differences: the slow, obviously correct way to get a gradient, used to check backward passes.
/// </summary>
// Hidden from stack traces: a failure points at the test that called it, not at this helper.
[System.Diagnostics.StackTraceHidden]
public static class NumericGradient
{
    /// <summary>The default step h; small enough for accuracy, large enough that rounding stays below 1e-9.</summary>
    public const double DefaultStep = 1e-5;

    /// <summary>
    /// ∂f/∂x for every element of <paramref name="x"/>: <c>(f(x + h·e_ij) - f(x - h·e_ij)) / 2h</c>.
    /// </summary>
    /// <param name="f">A scalar function of the matrix; it is called twice per element.</param>
    /// <param name="x">The point, shape (R, C). Nudged in place and restored, so pass a copy if f keeps it.</param>
    /// <param name="step">h.</param>
    /// <returns>Shape (R, C).</returns>
    public static Matrix<double> Of(Func<Matrix<double>, double> f, Matrix<double> x, double step = DefaultStep)
    {
        var gradient = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount);
        for (var i = 0; i < x.RowCount; i++)
        {
            for (var j = 0; j < x.ColumnCount; j++)
            {
                var original = x[i, j];
                x[i, j] = original + step;
                var plus = f(x);
                x[i, j] = original - step;
                var minus = f(x);
                x[i, j] = original;
                gradient[i, j] = (plus - minus) / (2 * step);
            }
        }

        return gradient;
    }

    /// <summary>∂f/∂v for every element of a vector, by centred differences.</summary>
    /// <param name="f">A scalar function of the vector.</param>
    /// <param name="v">The point, length L; nudged in place and restored.</param>
    /// <param name="step">h.</param>
    /// <returns>Length L.</returns>
    public static Vector<double> Of(Func<Vector<double>, double> f, Vector<double> v, double step = DefaultStep)
    {
        var asMatrix = v.ToColumnMatrix();
        return Of(m => f(m.Column(0)), asMatrix, step).Column(0);
    }

    /// <summary>
    /// The scalar <c>Σ upstream ⊙ output</c>: its gradient with respect to anything is exactly what a backward pass
    /// returns when given <paramref name="upstream"/> as dOut. This turns any layer into a scalar function to check.
    /// </summary>
    /// <param name="output">A layer's output, shape (R, C).</param>
    /// <param name="upstream">A gradient of the same shape.</param>
    /// <returns>The sum of the element-wise product.</returns>
    public static double Project(Matrix<double> output, Matrix<double> upstream) =>
        output.PointwiseMultiply(upstream).RowSums().Sum();
}
