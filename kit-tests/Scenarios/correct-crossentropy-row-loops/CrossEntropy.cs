using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>A correct CrossEntropy that works row by row with log-sum-exp and caches the gradient itself.</summary>
public sealed class CrossEntropy
{
    private Matrix<double>? _gradientPerUnitLoss;

    /// <summary>Forward pass.</summary>
    public double Forward(Matrix<double> logits, Matrix<double> labels)
    {
        var n = logits.RowCount;
        var gradient = Matrix<double>.Build.Dense(n, logits.ColumnCount);
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = logits.Row(i);
            var max = row.Maximum();
            var logSumExp = max + Math.Log(row.Sum(z => Math.Exp(z - max)));
            for (var k = 0; k < row.Count; k++)
            {
                total += labels[i, k] * (logSumExp - row[k]);
                gradient[i, k] = (Math.Exp(row[k] - logSumExp) - labels[i, k]) / n;
            }
        }

        _gradientPerUnitLoss = gradient;
        return total / n;
    }

    /// <summary>Backward pass.</summary>
    public Matrix<double> Backward(double dOut = 1.0) =>
        dOut * (_gradientPerUnitLoss ?? throw new InvalidOperationException("Call Forward first."));
}
