using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>A student's own helper file beside the task files, with a missing semicolon.</summary>
internal static class Helpers
{
    public static string Shape(Matrix<double> matrix) => $"({matrix.RowCount}, {matrix.ColumnCount})"
}
