using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Bridge;

/// <summary>
/// Large matrices passed as arguments again and again (a training set, one Step per epoch) cross the bridge once: the
/// sender remembers what it sent and, while the matrix is unchanged (compared bit for bit with a copy), sends only its
/// number; the receiver keeps the matrix under that number and hands the same object to the code it calls, as a
/// caller in one process would. One cache per peer and direction, so a new host starts empty.
/// </summary>
public sealed class MatrixCache
{
    /// <summary>Matrices this large (64 kB) and larger are kept.</summary>
    public const int MinimumElements = 8192;

    /// <summary>The most matrices one side keeps for the other; a peer that asks for more is broken or hostile.</summary>
    public const int MaximumKept = 32;

    private readonly ConditionalWeakTable<Matrix<double>, Sent> _sent = new();
    private readonly Dictionary<int, Matrix<double>> _kept = [];
    private int _sentCount;

    /// <summary>Whether this matrix was sent before and is unchanged since; then <paramref name="id"/> names it.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="data">Its column-major array.</param>
    /// <param name="id">Its number on the other side.</param>
    /// <returns>True to send the number only.</returns>
    public bool TryReuse(Matrix<double> matrix, double[] data, out int id)
    {
        if (_sent.TryGetValue(matrix, out var sent) && MemoryMarshal.AsBytes(data.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(sent.Snapshot.AsSpan())))
        {
            id = sent.Id;
            return true;
        }

        id = 0;
        return false;
    }

    /// <summary>Records a matrix sent whole, to be kept by the other side; past the limit, under a number it will not keep.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="data">Its column-major array.</param>
    /// <returns>Its number, or 0: not kept.</returns>
    public int Remember(Matrix<double> matrix, double[] data)
    {
        if (_sentCount >= MaximumKept && !_sent.TryGetValue(matrix, out _))
        {
            return 0;
        }

        var id = _sent.TryGetValue(matrix, out var earlier) ? earlier.Id : ++_sentCount;
        _sent.AddOrUpdate(matrix, new Sent(id, (double[])data.Clone()));
        return id;
    }

    /// <summary>Keeps a matrix the other side sent under its number (0: not to be kept).</summary>
    /// <param name="id">Its number.</param>
    /// <param name="matrix">The matrix.</param>
    /// <returns>The matrix.</returns>
    public Matrix<double> Keep(int id, Matrix<double> matrix)
    {
        if (id != 0)
        {
            if (id < 0 || id > MaximumKept)
            {
                throw new BridgeProtocolException($"a matrix to keep as number {id}, beyond the {MaximumKept} a side keeps");
            }

            _kept[id] = matrix;
        }

        return matrix;
    }

    /// <summary>A matrix kept earlier.</summary>
    /// <param name="id">Its number.</param>
    /// <returns>The same object as before.</returns>
    public Matrix<double> Kept(int id) =>
        _kept.TryGetValue(id, out var matrix) ? matrix : throw new BridgeProtocolException($"a reference to kept matrix {id}, which was never sent");

    private sealed record Sent(int Id, double[] Snapshot);
}
