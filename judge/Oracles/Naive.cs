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

    /// <summary>1 / (1 + e^-x) element by element.</summary>
    public static Matrix<double> Sigmoid(Matrix<double> inputs)
    {
        var result = inputs.Clone();
        for (var i = 0; i < result.RowCount; i++)
        {
            for (var j = 0; j < result.ColumnCount; j++)
            {
                result[i, j] = 1.0 / (1.0 + Math.Exp(-inputs[i, j]));
            }
        }

        return result;
    }

    /// <summary>Mean over the N rows of -[y log p̂ + (1 - y) log(1 - p̂)], p̂ = p clipped to [1e-9, 1 - 1e-9]; shapes (N, 1).</summary>
    public static double BinaryCrossEntropy(Matrix<double> probabilities, Matrix<double> targets)
    {
        var total = 0.0;
        for (var n = 0; n < probabilities.RowCount; n++)
        {
            var p = Math.Min(Math.Max(probabilities[n, 0], 1e-9), 1 - 1e-9);
            total -= targets[n, 0] * Math.Log(p) + (1 - targets[n, 0]) * Math.Log(1 - p);
        }

        return total / probabilities.RowCount;
    }

    /// <summary>Per-column mean and population standard deviation; 1 where the deviation is below 1e-10.</summary>
    public static (Vector<double> Mean, Vector<double> Scale) ColumnStatistics(Matrix<double> features)
    {
        var (rows, columns) = (features.RowCount, features.ColumnCount);
        var mean = Vector<double>.Build.Dense(columns);
        var scale = Vector<double>.Build.Dense(columns);
        for (var j = 0; j < columns; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < rows; i++)
            {
                sum += features[i, j];
            }

            mean[j] = sum / rows;
            var squares = 0.0;
            for (var i = 0; i < rows; i++)
            {
                squares += (features[i, j] - mean[j]) * (features[i, j] - mean[j]);
            }

            var deviation = Math.Sqrt(squares / rows);
            scale[j] = deviation < 1e-10 ? 1.0 : deviation;
        }

        return (mean, scale);
    }

    /// <summary>(features - mean) / scale, column by column.</summary>
    public static Matrix<double> Standardize(Matrix<double> features, Vector<double> mean, Vector<double> scale)
    {
        var result = features.Clone();
        for (var i = 0; i < result.RowCount; i++)
        {
            for (var j = 0; j < result.ColumnCount; j++)
            {
                result[i, j] = (features[i, j] - mean[j]) / scale[j];
            }
        }

        return result;
    }

    /// <summary>x for x &gt; 0, slope · x otherwise, element by element.</summary>
    public static Matrix<double> LeakyReLU(Matrix<double> inputs, double slope)
    {
        var result = inputs.Clone();
        for (var i = 0; i < result.RowCount; i++)
        {
            for (var j = 0; j < result.ColumnCount; j++)
            {
                result[i, j] = inputs[i, j] > 0 ? inputs[i, j] : slope * inputs[i, j];
            }
        }

        return result;
    }

    /// <summary>Mean over all N·K elements of (predictions - targets)², no ½.</summary>
    public static double MeanSquaredError(Matrix<double> predictions, Matrix<double> targets)
    {
        var total = 0.0;
        for (var i = 0; i < predictions.RowCount; i++)
        {
            for (var j = 0; j < predictions.ColumnCount; j++)
            {
                total += (predictions[i, j] - targets[i, j]) * (predictions[i, j] - targets[i, j]);
            }
        }

        return total / (predictions.RowCount * predictions.ColumnCount);
    }

    /// <summary>The binary classifier's probabilities: sigmoid(affine → ReLU → affine), shape (N, 1).</summary>
    public static Matrix<double> BinaryNetProbabilities(Matrix<double> inputs, Matrix<double> w1, Vector<double> b1, Matrix<double> w2, Vector<double> b2) =>
        Sigmoid(NetLogits(inputs, w1, b1, w2, b2));

    /// <summary>The binary classifier's clipped binary cross-entropy.</summary>
    public static double BinaryNetLoss(Matrix<double> inputs, Matrix<double> targets, Matrix<double> w1, Vector<double> b1, Matrix<double> w2, Vector<double> b2) =>
        BinaryCrossEntropy(BinaryNetProbabilities(inputs, w1, b1, w2, b2), targets);

    /// <summary>The regression network's output: affine → leaky ReLU → affine → leaky ReLU → affine.</summary>
    public static Matrix<double> RegressionNetOutput(Matrix<double> inputs, IReadOnlyList<Matrix<double>> weights, IReadOnlyList<Vector<double>> biases, double slope) =>
        Affine(LeakyReLU(Affine(LeakyReLU(Affine(inputs, weights[0], biases[0]), slope), weights[1], biases[1]), slope), weights[2], biases[2]);

    /// <summary>The logits of a network with any number of layers: affine, then ReLU before every further affine.</summary>
    public static Matrix<double> DeepNetLogits(Matrix<double> inputs, IReadOnlyList<Matrix<double>> weights, IReadOnlyList<Vector<double>> biases)
    {
        var activations = Affine(inputs, weights[0], biases[0]);
        for (var layer = 1; layer < weights.Count; layer++)
        {
            activations = Affine(ReLU(activations), weights[layer], biases[layer]);
        }

        return activations;
    }
}
