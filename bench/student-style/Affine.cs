using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

// Task 1 as a student writes it from the stub's hints: `*`, AddRowVector, Transpose, ColumnSums.
#pragma warning disable CS1591 // as in a student's file: no doc comments
public sealed class Affine
{
    private Matrix<double> x = null!;
    private Matrix<double> w = null!;

    public Matrix<double> Forward(Matrix<double> inputs, Matrix<double> weight, Vector<double> bias)
    {
        x = inputs;
        w = weight;
        var output = inputs * weight;
        return output.AddRowVector(bias);
    }

    public (Matrix<double> DInputs, Matrix<double> DWeight, Vector<double> DBias) Backward(Matrix<double> dOut)
    {
        if (x == null)
        {
            throw new InvalidOperationException("Forward first");
        }

        var dx = dOut * w.Transpose();
        var dw = x.Transpose() * dOut;
        var db = dOut.ColumnSums();
        return (dx, dw, db);
    }
}
