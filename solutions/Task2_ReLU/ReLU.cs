using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Task 2, reference solution: the rectified linear unit, <c>out = max(0, inputs)</c>.</summary>
public sealed class ReLU
{
    private Matrix<double>? _inputs;

    /// <summary>Forward pass: <c>out[i, j] = max(0, inputs[i, j])</c>.</summary>
    /// <param name="inputs">Any shape (N, H).</param>
    /// <returns>The same shape as <paramref name="inputs"/>.</returns>
    public Matrix<double> Forward(Matrix<double> inputs)
    {
        _inputs = inputs;

        // inputs.PointwiseMaximum(0.0) says the same, but MathNet calls a function per element. MathNet keeps a
        // matrix's elements column by column in one array, so TensorPrimitives can take max(0, x) of a whole column
        // with SIMD instructions. (Column by column rather than all at once: for outputs over 256 kB TensorPrimitives
        // writes around the cache, and the next layer would then have to read them back from memory.)
        var values = inputs.AsColumnMajorArray() ?? inputs.ToColumnMajorArray(); // a dense matrix's own array, read only
        var outputs = new double[values.Length];
        var rows = inputs.RowCount;
        for (var j = 0; j < inputs.ColumnCount; j++)
        {
            TensorPrimitives.Max(values.AsSpan(j * rows, rows), 0.0, outputs.AsSpan(j * rows, rows));
        }

        return Matrix<double>.Build.Dense(inputs.RowCount, inputs.ColumnCount, outputs);
    }

    /// <summary>Backward pass: lets the gradient through where the input was positive.</summary>
    /// <param name="dOut">∂loss/∂out, the shape of the latest inputs.</param>
    /// <returns>∂loss/∂inputs, the same shape as <paramref name="dOut"/>.</returns>
    public Matrix<double> Backward(Matrix<double> dOut)
    {
        if (_inputs is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        if (dOut.RowCount != _inputs.RowCount || dOut.ColumnCount != _inputs.ColumnCount)
        {
            throw new ArgumentException("dOut must have the shape of the inputs of the latest Forward.", nameof(dOut));
        }

        // dOut.PointwiseMultiply(_inputs.Map(x => x > 0 ? 1.0 : 0.0)) says the same; this does it in one loop over
        // the column-major arrays, without a function call per element: each gradient times the derivative of
        // max(0, x), 1 where the input was positive and 0 elsewhere. (With the integers 1 and 0 the compiler can
        // turn the comparison into a number without a jump, which matters when the signs are unpredictable.)
        var inputs = _inputs.AsColumnMajorArray() ?? _inputs.ToColumnMajorArray(); // a dense matrix's own array, read only
        var dInputs = dOut.ToColumnMajorArray(); // a copy: dOut stays as it was
        for (var i = 0; i < dInputs.Length; i++)
        {
            dInputs[i] *= inputs[i] > 0 ? 1 : 0;
        }

        return Matrix<double>.Build.Dense(dOut.RowCount, dOut.ColumnCount, dInputs);
    }
}
