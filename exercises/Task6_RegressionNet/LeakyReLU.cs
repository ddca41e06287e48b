using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 6: the leaky rectified linear unit, element by element: <c>out = x</c> for x &gt; 0, <c>Slope · x</c> otherwise.
/// </summary>
/// <remarks>
/// Unlike ReLU it lets a little gradient through for negative inputs, so a unit that is off still learns
/// (notebook 000 writes it as <c>np.maximum(0.1 * Z, Z)</c>). The derivative is 1 for x &gt; 0 and
/// <see cref="Slope"/> for x ≤ 0 (at exactly 0 it is taken to be <see cref="Slope"/>, as <c>x &gt; 0</c> decides).
/// <see cref="Forward"/> caches what <see cref="Backward"/> needs; neither method may modify its argument,
/// nor may Backward change the matrix Forward returned: it belongs to the caller.
/// </remarks>
public sealed class LeakyReLU
{
    /// <summary>Creates the layer.</summary>
    /// <param name="slope">The slope for inputs ≤ 0, usually small (notebook 000 uses 0.1); 0 gives the plain ReLU.</param>
    public LeakyReLU(double slope = 0.1) => Slope = slope;

    /// <summary>The slope for inputs ≤ 0.</summary>
    public double Slope { get; }

    /// <summary>Forward pass: <c>out[i, j] = inputs[i, j] &gt; 0 ? inputs[i, j] : Slope · inputs[i, j]</c>.</summary>
    /// <param name="inputs">Any shape (N, H).</param>
    /// <returns>The same shape as <paramref name="inputs"/>.</returns>
    public Matrix<double> Forward(Matrix<double> inputs)
    {
        // TODO (task 6): cache what Backward needs and return the leaky ReLU of every element.
        throw new NotImplementedException("Task 6: LeakyReLU.Forward is not implemented yet (exercises/Task6_RegressionNet/LeakyReLU.cs).");
    }

    /// <summary>Backward pass: <c>dOut</c> where the input was positive, <c>Slope · dOut</c> elsewhere.</summary>
    /// <param name="dOut">∂loss/∂out, the same shape as the inputs of the latest <see cref="Forward"/>.</param>
    /// <returns>∂loss/∂inputs, the same shape as <paramref name="dOut"/>.</returns>
    public Matrix<double> Backward(Matrix<double> dOut)
    {
        // TODO (task 6): multiply dOut element by element with the derivative at the cached inputs.
        throw new NotImplementedException("Task 6: LeakyReLU.Backward is not implemented yet (exercises/Task6_RegressionNet/LeakyReLU.cs).");
    }
}
