using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Bridge;

/// <summary>
/// Large matrices cross the bridge once, not every time: a training set passed to every Step, and a layer's output
/// that the caller passes straight on to the next layer (a network's Affine, ReLU and CrossEntropy are stand-ins for
/// the judge's reference layers: each output comes from the judge and goes back to it). Every large matrix either
/// side sends gets the next number of that side's sequence; the receiver keeps it under that number. A matrix
/// sent again unchanged (by a hash of its values) goes as "the one I sent you as number n"; a matrix
/// received and sent back unchanged goes as "the one you sent me as number n". Only the latest
/// <see cref="Window"/> numbers of each side count: both sides see every number in order, so both know which have
/// gone. One cache per peer, so a new host starts empty.
/// </summary>
public sealed class MatrixCache
{
    /// <summary>Matrices this large (64 kB) and larger are kept.</summary>
    public const int MinimumElements = 8192;

    /// <summary>How many of a side's latest matrices are kept (a peer that names an older one is broken or hostile).</summary>
    public const int Window = 8;

    private readonly Numbered _sent = new();
    private readonly Numbered _received = new();

    /// <summary>How a matrix about to be sent can go.</summary>
    public enum Reuse
    {
        /// <summary>Whole, to be kept under the next number.</summary>
        None,

        /// <summary>By the number this side sent it under.</summary>
        Sent,

        /// <summary>By the number the other side sent it under.</summary>
        Received,
    }

    /// <summary>Whether this matrix can go by number: it was sent or received before and is unchanged since.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="data">Its column-major array.</param>
    /// <param name="id">Its number.</param>
    /// <returns>Which side's number, or <see cref="Reuse.None"/> to send it whole.</returns>
    public Reuse TryReuse(Matrix<double> matrix, double[] data, out int id)
    {
        if (_sent.Find(matrix, data) is { } sent)
        {
            id = sent;
            return Reuse.Sent;
        }

        if (_received.Find(matrix, data) is { } received)
        {
            id = received;
            return Reuse.Received;
        }

        id = 0;
        return Reuse.None;
    }

    /// <summary>Records a matrix about to be sent whole, for the other side to keep.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="data">Its column-major array.</param>
    /// <returns>Its number.</returns>
    public int Remember(Matrix<double> matrix, double[] data) => _sent.Add(matrix, Hash(data));

    /// <summary>Keeps a matrix the other side sent whole under its number, which must be the next of its sequence.</summary>
    /// <param name="id">Its number.</param>
    /// <param name="matrix">The matrix, as handed to this side's code.</param>
    /// <returns>The matrix.</returns>
    public Matrix<double> Keep(int id, Matrix<double> matrix)
    {
        if (id != _received.Count + 1)
        {
            throw new BridgeProtocolException($"a matrix to keep as number {id} where {_received.Count + 1} was next");
        }

        _received.Add(matrix, Hash(matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray()));
        return matrix;
    }

    /// <summary>A matrix the other side sent under <paramref name="id"/> and refers to again: the same object as then.</summary>
    /// <param name="id">Its number in the other side's sequence.</param>
    /// <returns>The matrix.</returns>
    public Matrix<double> Kept(int id) => _received.Renumber(id);

    /// <summary>Records that a matrix this side sent as <paramref name="id"/> goes again by that number (the other side then numbers it anew too).</summary>
    /// <param name="id">Its number in this side's sequence.</param>
    public void Resent(int id) => _sent.Renumber(id);

    /// <summary>
    /// A matrix this side sent under <paramref name="id"/> that the other side sends back unchanged: the same object,
    /// as in one process (if this side's code changed it since, it arrives changed, as it would there).
    /// </summary>
    /// <param name="id">Its number in this side's sequence.</param>
    /// <returns>The matrix.</returns>
    public Matrix<double> Returned(int id) => _sent.Get(id);

    /// <summary>
    /// One side's numbered matrices, the latest <see cref="Window"/> of them, each with a hash of its values when it was
    /// numbered (a copy would be exact, but copies of every large matrix that crosses, kept alive, made training through
    /// the bridge three times slower in garbage collection). A matrix referred to again is numbered anew, on both sides
    /// alike, so that a training set passed to every Step stays kept.
    /// </summary>
    private sealed class Numbered
    {
        private readonly (Matrix<double> Matrix, ulong Hash)?[] _slots = new (Matrix<double>, ulong)?[Window];
        private readonly ConditionalWeakTable<Matrix<double>, StrongBox<int>> _numbers = new();

        /// <summary>How many numbers have been given.</summary>
        public int Count { get; private set; }

        public int Add(Matrix<double> matrix, ulong hash)
        {
            var id = ++Count;
            _slots[id % Window] = (matrix, hash);
            _numbers.AddOrUpdate(matrix, new StrongBox<int>(id));
            return id;
        }

        /// <summary>The number of this matrix if it is still kept and its values hash as when it was numbered.</summary>
        public int? Find(Matrix<double> matrix, double[] data) =>
            _numbers.TryGetValue(matrix, out var number) && IsKept(number.Value) && _slots[number.Value % Window] is var (kept, hash)
            && ReferenceEquals(kept, matrix) && Hash(data) == hash
                ? number.Value
                : null;

        /// <summary>The matrix numbered <paramref name="id"/>, numbered anew as the latest.</summary>
        public Matrix<double> Renumber(int id)
        {
            var (matrix, hash) = IsKept(id) && _slots[id % Window] is { } slot
                ? slot
                : throw new BridgeProtocolException($"a reference to matrix {id}, which is not kept (of {Count}, the latest {Window} are)");
            _slots[id % Window] = null;
            Add(matrix, hash);
            return matrix;
        }

        /// <summary>The matrix numbered <paramref name="id"/>.</summary>
        public Matrix<double> Get(int id) =>
            IsKept(id) && _slots[id % Window] is { } slot
                ? slot.Matrix
                : throw new BridgeProtocolException($"a reference to matrix {id}, which is not kept (of {Count}, the latest {Window} are)");

        private bool IsKept(int id) => id >= 1 && id <= Count && id > Count - Window;
    }

    /// <summary>A 64-bit hash of a matrix's values, bit for bit (so that a NaN written in counts as a change).</summary>
    /// <param name="data">The column-major values.</param>
    /// <returns>The hash.</returns>
    internal static ulong Hash(double[] data) => System.IO.Hashing.XxHash3.HashToUInt64(MemoryMarshal.AsBytes(data.AsSpan()));
}
