using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Softmax cross-entropy, stabilised with one shift for the whole batch instead of one per row.</summary>
public sealed class CrossEntropy
{
    private Matrix<double>? _probabilities;
    private Matrix<double>? _labels;

    /// <summary>The mean loss.</summary>
    /// <param name="logits">Shape (N, K).</param>
    /// <param name="labels">Shape (N, K), one-hot.</param>
    /// <returns>The mean over the batch.</returns>
    public double Forward(Matrix<double> logits, Matrix<double> labels)
    {
        // The bug: the largest logit of the whole batch, where each row needs its own maximum.
        var shifted = logits - logits.Enumerate().Max();
        var logSums = shifted.PointwiseExp().RowSums().PointwiseLog();
        var logProbabilities = Matrix<double>.Build.Dense(logits.RowCount, logits.ColumnCount, (n, k) => shifted[n, k] - logSums[n]);
        _probabilities = logProbabilities.PointwiseExp();
        _labels = labels;
        return -labels.PointwiseMultiply(logProbabilities).RowSums().Sum() / logits.RowCount;
    }

    /// <summary>The gradient of the latest loss.</summary>
    /// <param name="dOut">∂final/∂loss.</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Backward(double dOut = 1.0) =>
        (_probabilities! - _labels!) * (dOut / _labels!.RowCount);
}
