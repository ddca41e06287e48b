using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 5: the logistic sigmoid, applied element by element: <c>out = σ(x) = 1 / (1 + e^-x)</c>.
/// </summary>
/// <remarks>
/// It squashes any number into (0, 1), so the output of a network's last layer can be read as a probability.
/// It must stay finite for any input: σ(-1000) is 0 and σ(1000) is 1, never NaN. Its derivative has a short form
/// in terms of the output: <c>σ'(x) = σ(x) · (1 - σ(x))</c>. <see cref="Forward"/> caches what
/// <see cref="Backward"/> needs; neither method may modify its argument,
/// nor may Backward change the matrix Forward returned: it belongs to the caller.
/// </remarks>
public sealed class Sigmoid
{
    /// <summary>Forward pass: <c>out[i, j] = 1 / (1 + exp(-inputs[i, j]))</c>.</summary>
    /// <param name="inputs">Any shape (N, H).</param>
    /// <returns>The same shape as <paramref name="inputs"/>; every element in [0, 1].</returns>
    public Matrix<double> Forward(Matrix<double> inputs)
    {
        // TODO (task 5): compute σ of every element, cache what Backward needs, return the result.
        // Hint: Map applies a function to every element. Which form of σ stays finite for inputs of ±1000?
        throw new NotImplementedException("Task 5: Sigmoid.Forward is not implemented yet (exercises/Task5_BinaryClassifier/Sigmoid.cs).");
    }

    /// <summary>Backward pass: <c>dInputs = dOut ⊙ σ(x) ⊙ (1 - σ(x))</c>, x the inputs of the latest <see cref="Forward"/>.</summary>
    /// <param name="dOut">∂loss/∂out, the same shape as the inputs of the latest <see cref="Forward"/>.</param>
    /// <returns>∂loss/∂inputs, the same shape as <paramref name="dOut"/>.</returns>
    public Matrix<double> Backward(Matrix<double> dOut)
    {
        // TODO (task 5): multiply dOut element by element with the derivative of σ at the cached point.
        // Hint: if you cached the output s = σ(x), the derivative is s ⊙ (1 - s); do not apply σ to s again.
        throw new NotImplementedException("Task 5: Sigmoid.Backward is not implemented yet (exercises/Task5_BinaryClassifier/Sigmoid.cs).");
    }
}
