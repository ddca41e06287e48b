using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Task 3, reference solution: categorical cross-entropy with the softmax inside, stable for any logits.</summary>
public sealed class CrossEntropy
{
    private Matrix<double>? _probabilities;
    private Matrix<double>? _labels;

    /// <summary>Forward pass: the mean cross-entropy of the softmax of <paramref name="logits"/>.</summary>
    /// <param name="logits">Shape (N, K).</param>
    /// <param name="labels">Shape (N, K), one-hot.</param>
    /// <returns>The mean loss over the N samples.</returns>
    public double Forward(Matrix<double> logits, Matrix<double> labels)
    {
        // log softmax(z) = (z - max z) - log Σ exp(z - max z): nothing overflows, and no log of an underflowed 0.
        var shifted = logits.SubtractColumnVector(logits.RowMaxima());
        var logSumExp = shifted.PointwiseExp().RowSums().PointwiseLog();
        var logProbabilities = shifted.SubtractColumnVector(logSumExp);

        _probabilities = logProbabilities.PointwiseExp();
        _labels = labels;
        return -labels.PointwiseMultiply(logProbabilities).RowSums().Sum() / logits.RowCount;
    }

    /// <summary>Backward pass: <c>dOut · (softmax(logits) - labels) / N</c>.</summary>
    /// <param name="dOut">∂(final loss)/∂(this loss), 1.0 by default.</param>
    /// <returns>∂loss/∂logits, shape (N, K).</returns>
    public Matrix<double> Backward(double dOut = 1.0)
    {
        if (_probabilities is null || _labels is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        return (_probabilities - _labels) * (dOut / _labels.RowCount);
    }
}
