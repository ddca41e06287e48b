using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>A correct Affine written with explicit loops and copies of its inputs.</summary>
public sealed class Affine
{
    private double[,] _inputs = new double[0, 0];
    private double[,] _weight = new double[0, 0];

    /// <summary>Forward pass.</summary>
    public Matrix<double> Forward(Matrix<double> inputs, Matrix<double> weight, Vector<double> bias)
    {
        _inputs = inputs.ToArray();
        _weight = weight.ToArray();
        var output = new double[inputs.RowCount, weight.ColumnCount];
        for (var n = 0; n < inputs.RowCount; n++)
        {
            for (var h = 0; h < weight.ColumnCount; h++)
            {
                var sum = bias[h];
                for (var d = 0; d < inputs.ColumnCount; d++)
                {
                    sum += _inputs[n, d] * _weight[d, h];
                }

                output[n, h] = sum;
            }
        }

        return Matrix<double>.Build.DenseOfArray(output);
    }

    /// <summary>Backward pass.</summary>
    public (Matrix<double> DInputs, Matrix<double> DWeight, Vector<double> DBias) Backward(Matrix<double> dOut)
    {
        int rows = _inputs.GetLength(0), features = _inputs.GetLength(1), outputs = _weight.GetLength(1);
        var dInputs = new double[rows, features];
        var dWeight = new double[features, outputs];
        var dBias = new double[outputs];
        for (var n = 0; n < rows; n++)
        {
            for (var h = 0; h < outputs; h++)
            {
                var g = dOut[n, h];
                dBias[h] += g;
                for (var d = 0; d < features; d++)
                {
                    dInputs[n, d] += g * _weight[d, h];
                    dWeight[d, h] += _inputs[n, d] * g;
                }
            }
        }

        return (Matrix<double>.Build.DenseOfArray(dInputs), Matrix<double>.Build.DenseOfArray(dWeight), Vector<double>.Build.DenseOfArray(dBias));
    }
}
