using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Stand-ins for NumPy broadcasting, which MathNet.Numerics does not have.
/// </summary>
/// <remarks>
/// MathNet already has most of what the tasks need: <c>A * B</c> (matrix product),
/// <c>A.Transpose()</c>, <c>A.TransposeThisAndMultiply(B)</c> (Aᵀ·B without building Aᵀ),
/// <c>A.TransposeAndMultiply(B)</c> (A·Bᵀ), <c>A.PointwiseMultiply(B)</c>, <c>A.PointwiseExp()</c>,
/// <c>A.PointwiseLog()</c>, <c>A.PointwiseMaximum(0.0)</c>, <c>A.Map(f)</c>, <c>A.RowSums()</c> (shape (N)),
/// <c>A.ColumnSums()</c> (shape (D)); a vector has <c>v.Sum()</c>. These helpers add the few broadcasts that are missing.
/// None of them modifies its arguments; each returns a new matrix or vector.
/// </remarks>
public static class MatrixExtensions
{
    /// <summary>Adds <paramref name="row"/> to every row: NumPy's <c>matrix + row</c>.</summary>
    /// <param name="matrix">Shape (N, H).</param>
    /// <param name="row">Shape (H).</param>
    /// <returns>Shape (N, H): <c>result[i, j] = matrix[i, j] + row[j]</c>.</returns>
    public static Matrix<double> AddRowVector(this Matrix<double> matrix, Vector<double> row)
    {
        RequireLength(row, matrix.ColumnCount, "row", "columns");
        return ColumnByColumn(matrix, (column, j, result) => TensorPrimitives.Add(column, row[j], result));
    }

    /// <summary>Subtracts <paramref name="row"/> from every row: NumPy's <c>matrix - row</c>.</summary>
    /// <param name="matrix">Shape (N, D).</param>
    /// <param name="row">Shape (D), e.g. the mean of each column.</param>
    /// <returns>Shape (N, D): <c>result[i, j] = matrix[i, j] - row[j]</c>.</returns>
    public static Matrix<double> SubtractRowVector(this Matrix<double> matrix, Vector<double> row)
    {
        RequireLength(row, matrix.ColumnCount, "row", "columns");
        return ColumnByColumn(matrix, (column, j, result) => TensorPrimitives.Subtract(column, row[j], result));
    }

    /// <summary>Divides every row by <paramref name="row"/>, element by element: NumPy's <c>matrix / row</c>.</summary>
    /// <param name="matrix">Shape (N, D).</param>
    /// <param name="row">Shape (D), e.g. the standard deviation of each column.</param>
    /// <returns>Shape (N, D): <c>result[i, j] = matrix[i, j] / row[j]</c>.</returns>
    public static Matrix<double> DivideByRowVector(this Matrix<double> matrix, Vector<double> row)
    {
        RequireLength(row, matrix.ColumnCount, "row", "columns");
        return ColumnByColumn(matrix, (column, j, result) => TensorPrimitives.Divide(column, row[j], result));
    }

    /// <summary>Subtracts <c>column[i]</c> from every element of row i: NumPy's <c>matrix - column[:, None]</c>.</summary>
    /// <param name="matrix">Shape (N, K).</param>
    /// <param name="column">Shape (N).</param>
    /// <returns>Shape (N, K): <c>result[i, j] = matrix[i, j] - column[i]</c>.</returns>
    public static Matrix<double> SubtractColumnVector(this Matrix<double> matrix, Vector<double> column)
    {
        RequireLength(column, matrix.RowCount, "column", "rows");
        var values = column.ToArray();
        return ColumnByColumn(matrix, (source, _, result) => TensorPrimitives.Subtract(source, values, result));
    }

    /// <summary>Divides every element of row i by <c>column[i]</c>: NumPy's <c>matrix / column[:, None]</c>.</summary>
    /// <param name="matrix">Shape (N, K).</param>
    /// <param name="column">Shape (N).</param>
    /// <returns>Shape (N, K): <c>result[i, j] = matrix[i, j] / column[i]</c>.</returns>
    public static Matrix<double> DivideByColumnVector(this Matrix<double> matrix, Vector<double> column)
    {
        RequireLength(column, matrix.RowCount, "column", "rows");
        var values = column.ToArray();
        return ColumnByColumn(matrix, (source, _, result) => TensorPrimitives.Divide(source, values, result));
    }

    /// <summary>The largest element of each row: NumPy's <c>matrix.max(axis=1)</c>.</summary>
    /// <param name="matrix">Shape (N, K), K ≥ 1.</param>
    /// <returns>Shape (N).</returns>
    public static Vector<double> RowMaxima(this Matrix<double> matrix)
    {
        var values = ColumnMajorValues(matrix);
        var rows = matrix.RowCount;
        var maxima = values.AsSpan(0, rows).ToArray();
        for (var j = 1; j < matrix.ColumnCount; j++)
        {
            TensorPrimitives.Max(maxima, values.AsSpan(j * rows, rows), maxima);
        }

        return Vector<double>.Build.Dense(maxima);
    }

    /// <summary>The column index of the largest element of each row: NumPy's <c>matrix.argmax(axis=1)</c>.</summary>
    /// <param name="matrix">Shape (N, K), K ≥ 1.</param>
    /// <returns>Length N; for class probabilities, the predicted class of each sample.</returns>
    public static int[] RowArgMax(this Matrix<double> matrix) =>
        matrix.EnumerateRows().Select(row => row.MaximumIndex()).ToArray();

    /// <summary>A new matrix built one column at a time from the same column of <paramref name="matrix"/>.</summary>
    /// <remarks>MathNet stores matrices column by column, so each column is one contiguous span: SIMD-friendly.</remarks>
    private static Matrix<double> ColumnByColumn(Matrix<double> matrix, ColumnOperation operation)
    {
        var source = ColumnMajorValues(matrix);
        var result = GC.AllocateUninitializedArray<double>(source.Length); // every element is written below
        var rows = matrix.RowCount;
        for (var j = 0; j < matrix.ColumnCount; j++)
        {
            operation(source.AsSpan(j * rows, rows), j, result.AsSpan(j * rows, rows));
        }

        return Matrix<double>.Build.Dense(rows, matrix.ColumnCount, result);
    }

    /// <summary>The elements column by column: a dense matrix's own array (read only here, never copied), or a copy.</summary>
    private static double[] ColumnMajorValues(Matrix<double> matrix) => matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray();

    private delegate void ColumnOperation(ReadOnlySpan<double> column, int index, Span<double> result);

    private static void RequireLength(Vector<double> vector, int expected, string name, string dimension)
    {
        if (vector.Count != expected)
        {
            throw new ArgumentException(
                $"The {name} vector has length {vector.Count}, but the matrix has {expected} {dimension}.", name);
        }
    }
}
