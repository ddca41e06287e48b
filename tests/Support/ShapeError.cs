using System.Globalization;
using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Testing;

/// <summary>
/// Turns MathNet's "Matrix dimensions must agree: op1 is 2x3, op2 is 2x3." into a sentence about the student's own
/// matrices: "dOut (2, 3) · weight (2, 3): the inner sizes differ (3 ≠ 2); did you mean weightᵀ?". The operands are
/// named by matching their shapes with the matrices of the call; a shape that no matrix of the call has means that
/// the code used a matrix cached by another call (one layer object used for two layers).
/// </summary>
public static class ShapeError
{
    /// <summary>The sentence, or null if the message is not MathNet's message about two operands' shapes.</summary>
    /// <param name="message">The exception's message.</param>
    /// <param name="operands">The matrices of the call, by the names the docs use, e.g. ("dOut", dOut); may be empty.</param>
    /// <param name="sourceLine">The student's line that threw, if known: it tells a plain product from TransposeThisAndMultiply.</param>
    /// <returns>E.g. "dOut (2, 3) · weight (2, 3): the inner sizes differ (3 ≠ 2); did you mean weightᵀ?".</returns>
    public static string? Explain(string message, IReadOnlyList<(string Name, Matrix<double> Value)> operands, string? sourceLine = null)
    {
        var match = Dimensions().Match(message);
        if (!match.Success)
        {
            return null;
        }

        int Size(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        var (a, b) = ((Rows: Size(1), Columns: Size(2)), (Rows: Size(3), Columns: Size(4)));
        var (nameA, nameB) = (Name(a, operands), Name(b, operands));
        // MathNet names the operands as passed, before the transpose a method applies: the line says which method it was.
        var line = sourceLine ?? string.Empty;
        var (transposeA, transposeB) = (line.Contains("TransposeThisAndMultiply", StringComparison.Ordinal), line.Contains("TransposeAndMultiply", StringComparison.Ordinal));
        var product = transposeA ? $"{nameA}ᵀ {Shape(a)} · {nameB} {Shape(b)}"
            : transposeB ? $"{nameA} {Shape(a)} · {nameB}ᵀ {Shape(b)}"
            : line.Contains('*', StringComparison.Ordinal) || line.Contains("Multiply", StringComparison.Ordinal) ? $"{nameA} {Shape(a)} · {nameB} {Shape(b)}"
            : null;
        var (left, right) = (transposeA ? (a.Columns, a.Rows) : a, transposeB ? (b.Columns, b.Rows) : b);
        // Without the line, the product's form is unknown; what fits is still a fact about the two shapes.
        var sentence = product is null
            ? $"{nameA} {Shape(a)} and {nameB} {Shape(b)} do not fit a product"
            : Invariant($"{product}: the inner sizes differ ({left.Item2} ≠ {right.Item1})");

        if (operands.Count > 0 && (!Known(a, operands) || !Known(b, operands)))
        {
            var call = string.Join(", ", operands.Select(o => $"{o.Name} {Shape(o.Value)}"));
            return $"{sentence}. That shape is none of this call's matrices ({call}): unless it is a result computed on the way, the code used a matrix " +
                "cached by another call, e.g. one layer object used for two layers (its cache then holds the other layer's inputs)";
        }

        // Not where the line transposes an operand already: a transpose suggested on top of it would mislead.
        if (!transposeA && !transposeB && Known(a, operands) && Known(b, operands))
        {
            if (a.Columns == b.Columns)
            {
                return $"{sentence}; did you mean {nameB}ᵀ?";
            }

            if (a.Rows == b.Rows)
            {
                return $"{sentence}; did you mean {nameA}ᵀ?";
            }

            if (b.Columns == a.Rows)
            {
                return $"{sentence}; did you mean the other order, {nameB} · {nameA}?";
            }
        }

        return sentence;
    }

    /// <summary>The names of the call's matrices whose shapes are those of the two operands in the message; empty if it is not a shape error.</summary>
    /// <param name="message">The exception's message.</param>
    /// <param name="operands">The matrices of the call, by name.</param>
    /// <returns>E.g. ["dOut", "weight"].</returns>
    public static IReadOnlyList<string> Involved(string message, IReadOnlyList<(string Name, Matrix<double> Value)> operands)
    {
        var match = Dimensions().Match(message);
        if (!match.Success)
        {
            return [];
        }

        var sizes = match.Groups.Values.Skip(1).Select(g => int.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray();
        return operands.Where(o => (o.Value.RowCount, o.Value.ColumnCount) == (sizes[0], sizes[1]) || (o.Value.RowCount, o.Value.ColumnCount) == (sizes[2], sizes[3]))
            .Select(o => o.Name).ToList();
    }

    /// <summary>"dOut", "dOut or the output of Forward" when two matrices of the call share the shape, or "a matrix".</summary>
    private static string Name((int Rows, int Columns) shape, IReadOnlyList<(string Name, Matrix<double> Value)> operands)
    {
        var names = operands.Where(o => o.Value.RowCount == shape.Rows && o.Value.ColumnCount == shape.Columns).Select(o => o.Name).ToList();
        return names.Count == 0 ? "a matrix" : string.Join(" or ", names);
    }

    private static bool Known((int Rows, int Columns) shape, IReadOnlyList<(string Name, Matrix<double> Value)> operands) =>
        operands.Any(o => o.Value.RowCount == shape.Rows && o.Value.ColumnCount == shape.Columns);

    private static string Shape((int Rows, int Columns) shape) => Invariant($"({shape.Rows}, {shape.Columns})");

    private static string Shape(Matrix<double> matrix) => Invariant($"({matrix.RowCount}, {matrix.ColumnCount})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // A plain Regex, not a generated one: watch compiles tests/ with Roslyn alone, without the SDK's source generators.
    private static readonly Regex DimensionsPattern = new(@"^Matrix dimensions must agree: op1 is (\d+)x(\d+), op2 is (\d+)x(\d+)", RegexOptions.Compiled);

    private static Regex Dimensions() => DimensionsPattern;
}
