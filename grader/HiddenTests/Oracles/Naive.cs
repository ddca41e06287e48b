namespace Coursework.Grading;

/// <summary>
/// Slow, obvious computations with explicit loops: the independent source of the hidden tests' expected values.
/// Nothing here uses the student's code or the kit's given helpers.
/// </summary>
public static class Naive
{
    /// <summary>inputs · weight + bias, shape (N, H).</summary>
    public static Matrix<double> Affine(Matrix<double> inputs, Matrix<double> weight, Vector<double> bias)
    {
        var result = Matrix<double>.Build.Dense(inputs.RowCount, weight.ColumnCount);
        for (var n = 0; n < inputs.RowCount; n++)
        {
            for (var h = 0; h < weight.ColumnCount; h++)
            {
                var sum = bias[h];
                for (var d = 0; d < inputs.ColumnCount; d++)
                {
                    sum += inputs[n, d] * weight[d, h];
                }

                result[n, h] = sum;
            }
        }

        return result;
    }

    /// <summary>max(0, x) element by element.</summary>
    public static Matrix<double> ReLU(Matrix<double> inputs)
    {
        var result = inputs.Clone();
        for (var i = 0; i < result.RowCount; i++)
        {
            for (var j = 0; j < result.ColumnCount; j++)
            {
                result[i, j] = Math.Max(0, result[i, j]);
            }
        }

        return result;
    }

    /// <summary>log softmax of each row, via the row maximum so that no exponential overflows.</summary>
    public static Matrix<double> LogSoftmax(Matrix<double> logits)
    {
        var result = logits.Clone();
        for (var n = 0; n < logits.RowCount; n++)
        {
            var max = double.NegativeInfinity;
            for (var k = 0; k < logits.ColumnCount; k++)
            {
                max = Math.Max(max, logits[n, k]);
            }

            var sum = 0.0;
            for (var k = 0; k < logits.ColumnCount; k++)
            {
                sum += Math.Exp(logits[n, k] - max);
            }

            for (var k = 0; k < logits.ColumnCount; k++)
            {
                result[n, k] = logits[n, k] - max - Math.Log(sum);
            }
        }

        return result;
    }

    /// <summary>Softmax of each row.</summary>
    public static Matrix<double> Softmax(Matrix<double> logits) => LogSoftmax(logits).PointwiseExp();

    /// <summary>Mean over the batch of -Σ_k labels · log softmax(logits).</summary>
    public static double CrossEntropy(Matrix<double> logits, Matrix<double> labels)
    {
        var logProbabilities = LogSoftmax(logits);
        var total = 0.0;
        for (var n = 0; n < logits.RowCount; n++)
        {
            for (var k = 0; k < logits.ColumnCount; k++)
            {
                total -= labels[n, k] * logProbabilities[n, k];
            }
        }

        return total / logits.RowCount;
    }

    /// <summary>The logits of the two-layer network: affine → ReLU → affine.</summary>
    public static Matrix<double> NetLogits(Matrix<double> inputs, Matrix<double> w1, Vector<double> b1, Matrix<double> w2, Vector<double> b2) =>
        Affine(ReLU(Affine(inputs, w1, b1)), w2, b2);

    /// <summary>The two-layer network's mean cross-entropy loss.</summary>
    public static double NetLoss(Matrix<double> inputs, Matrix<double> labels, Matrix<double> w1, Vector<double> b1, Matrix<double> w2, Vector<double> b2) =>
        CrossEntropy(NetLogits(inputs, w1, b1, w2, b2), labels);
}
