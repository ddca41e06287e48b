using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 2: the rectified linear unit, applied element by element: <c>out = max(0, inputs)</c>.
/// </summary>
/// <remarks>
/// <see cref="Forward"/> caches what <see cref="Backward"/> needs. The derivative at exactly 0 is taken
/// to be 0 (as <c>inputs &gt; 0</c> in NumPy). Neither method may modify its argument,
/// nor may Backward change the matrix Forward returned: it belongs to the caller (the next layer caches it as its input).
/// </remarks>
public sealed class ReLU
{
    /// <summary>Forward pass: <c>out[i, j] = max(0, inputs[i, j])</c>.</summary>
    /// <param name="inputs">Any shape (N, H).</param>
    /// <returns>The same shape as <paramref name="inputs"/>.</returns>
    public Matrix<double> Forward(Matrix<double> inputs)
    {
        // TODO (task 2): cache what Backward needs and return the element-wise maximum with 0.
        throw new NotImplementedException("Task 2: ReLU.Forward is not implemented yet (exercises/Task2_ReLU/ReLU.cs).");
    }

    /// <summary>Backward pass: lets the gradient through where the input was positive, blocks it elsewhere.</summary>
    /// <param name="dOut">∂loss/∂out, the same shape as the inputs of the latest <see cref="Forward"/>.</param>
    /// <returns>∂loss/∂inputs, the same shape as <paramref name="dOut"/>.</returns>
    public Matrix<double> Backward(Matrix<double> dOut)
    {
        // TODO (task 2): multiply dOut element by element with the derivative of max(0, x).
        throw new NotImplementedException("Task 2: ReLU.Backward is not implemented yet (exercises/Task2_ReLU/ReLU.cs).");
    }
}
