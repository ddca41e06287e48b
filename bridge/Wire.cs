using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Bridge;

/// <summary>A value the other side could not send or this side could not read: a broken or hostile peer.</summary>
/// <param name="message">What was wrong.</param>
public sealed class BridgeProtocolException(string message) : Exception(message);

/// <summary>An object that lives on the other side of the bridge, named by its number there.</summary>
/// <param name="Id">Its number in the other side's table.</param>
/// <param name="TypeName">Its class, e.g. "Standardizer".</param>
internal sealed record RemoteHandle(int Id, string TypeName);

/// <summary>
/// How values cross the bridge: numbers, strings, matrices, vectors, arrays, lists, tuples, seeded randomness and
/// handles to objects that stay on the side that made them. Reading is strict and bounded: a peer can send wrong
/// numbers, never an object of its choosing, and never more than the limits below.
/// </summary>
internal static class Wire
{
    /// <summary>The most elements one matrix, vector or array may have (64 MB of doubles).</summary>
    public const int MaxElements = 8 * 1024 * 1024;

    private const int MaxStringLength = 1 << 20;
    /// <summary>The most items one list may have.</summary>
    public const int MaxListItems = 1 << 20;
    private const int MaxDepth = 8;

    private enum Tag : byte
    {
        Null, Double, Int, Bool, String, Long, Matrix, Vector, IntArray, DoubleArray, List, Tuple, Handle, Random,
        MatrixToKeep, KeptMatrix, ReturnedMatrix,
    }

    /// <summary>Writes a value; <paramref name="handleFor"/> names objects that are not data (they stay here).</summary>
    /// <param name="writer">The stream.</param>
    /// <param name="value">The value.</param>
    /// <param name="handleFor">Registers an object of this side and returns its handle, or throws if there is none.</param>
    /// <param name="declared">The declared type, when known: a mutable list (IList) goes by handle, not by copy.</param>
    /// <param name="sent">Large matrices sent and received before: one that is unchanged goes by its number (see <see cref="MatrixCache"/>).</param>
    public static void Write(BinaryWriter writer, object? value, Func<object, RemoteHandle> handleFor, Type? declared = null, MatrixCache? sent = null)
    {
        switch (value)
        {
            case null:
                writer.Write((byte)Tag.Null);
                break;
            case double number:
                writer.Write((byte)Tag.Double);
                writer.Write(number);
                break;
            case int number:
                writer.Write((byte)Tag.Int);
                writer.Write(number);
                break;
            case bool flag:
                writer.Write((byte)Tag.Bool);
                writer.Write(flag);
                break;
            case long number:
                writer.Write((byte)Tag.Long);
                writer.Write(number);
                break;
            case string text:
                writer.Write((byte)Tag.String);
                writer.Write(text);
                break;
            case Matrix<double> matrix when sent is not null && matrix.AsColumnMajorArray() is { Length: >= MatrixCache.MinimumElements } data:
                switch (sent.TryReuse(matrix, data, out var kept))
                {
                    case MatrixCache.Reuse.Sent:
                        writer.Write((byte)Tag.KeptMatrix);
                        writer.Write(kept);
                        sent.Resent(kept);
                        break;
                    case MatrixCache.Reuse.Received:
                        writer.Write((byte)Tag.ReturnedMatrix);
                        writer.Write(kept);
                        break;
                    default:
                        writer.Write((byte)Tag.MatrixToKeep);
                        writer.Write(sent.Remember(matrix, data));
                        writer.Write(matrix.RowCount);
                        writer.Write(matrix.ColumnCount);
                        WriteDoubles(writer, data);
                        break;
                }

                break;
            case Matrix<double> matrix:
                writer.Write((byte)Tag.Matrix);
                writer.Write(matrix.RowCount);
                writer.Write(matrix.ColumnCount);
                WriteDoubles(writer, matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray());
                break;
            case Vector<double> vector:
                writer.Write((byte)Tag.Vector);
                writer.Write(vector.Count);
                WriteDoubles(writer, vector.AsArray() ?? vector.ToArray());
                break;
            case int[] numbers:
                writer.Write((byte)Tag.IntArray);
                writer.Write(numbers.Length);
                writer.Write(MemoryMarshal.AsBytes(numbers.AsSpan()));
                break;
            case double[] numbers:
                writer.Write((byte)Tag.DoubleArray);
                writer.Write(numbers.Length);
                WriteDoubles(writer, numbers);
                break;
            case Random random:
                writer.Write((byte)Tag.Random);
                var state = RandomState.Of(random);
                writer.Write(state.Length);
                writer.Write(MemoryMarshal.AsBytes(state.AsSpan()));
                break;
            case ITuple tuple:
                writer.Write((byte)Tag.Tuple);
                writer.Write(tuple.Length);
                for (var i = 0; i < tuple.Length; i++)
                {
                    Write(writer, tuple[i], handleFor, sent: sent);
                }

                break;
            case IEnumerable items when !IsMutableList(declared):
                var list = items.Cast<object?>().ToList();
                writer.Write((byte)Tag.List);
                writer.Write(list.Count);
                foreach (var item in list)
                {
                    Write(writer, item, handleFor, sent: sent);
                }

                break;
            default:
                var handle = handleFor(value);
                writer.Write((byte)Tag.Handle);
                writer.Write(handle.Id);
                writer.Write(handle.TypeName);
                break;
        }
    }

    /// <summary>Reads a value as sent, before it is shaped to a type: tuples as object arrays, lists as List&lt;object?&gt;.</summary>
    /// <param name="reader">The stream.</param>
    /// <returns>The raw value.</returns>
    /// <param name="kept">The large matrices sent and received before, to resolve the other side's references to them.</param>
    public static object? ReadRaw(BinaryReader reader, MatrixCache? kept = null) => ReadRaw(reader, 0, kept);

    private static object? ReadRaw(BinaryReader reader, int depth, MatrixCache? kept)
    {
        if (depth > MaxDepth)
        {
            throw new BridgeProtocolException("values nested too deeply");
        }

        var tag = (Tag)reader.ReadByte();
        switch (tag)
        {
            case Tag.Null: return null;
            case Tag.Double: return reader.ReadDouble();
            case Tag.Int: return reader.ReadInt32();
            case Tag.Bool: return reader.ReadBoolean();
            case Tag.Long: return reader.ReadInt64();
            case Tag.String:
                return ReadText(reader, MaxStringLength);
            case Tag.Matrix:
                var (rows, columns) = (reader.ReadInt32(), reader.ReadInt32());
                if (rows < 0 || columns < 0 || (long)rows * columns > MaxElements)
                {
                    throw new BridgeProtocolException($"a matrix of shape ({rows}, {columns}), over the limit of {MaxElements} elements");
                }

                return Matrix<double>.Build.Dense(rows, columns, ReadDoubles(reader, rows * columns));
            case Tag.MatrixToKeep when kept is not null:
                var id = reader.ReadInt32();
                var (keptRows, keptColumns) = (reader.ReadInt32(), reader.ReadInt32());
                if (keptRows < 0 || keptColumns < 0 || (long)keptRows * keptColumns > MaxElements)
                {
                    throw new BridgeProtocolException($"a matrix of shape ({keptRows}, {keptColumns}), over the limit of {MaxElements} elements");
                }

                return kept.Keep(id, Matrix<double>.Build.Dense(keptRows, keptColumns, ReadDoubles(reader, keptRows * keptColumns)));
            case Tag.KeptMatrix when kept is not null:
                return kept.Kept(reader.ReadInt32());
            case Tag.ReturnedMatrix when kept is not null:
                return kept.Returned(reader.ReadInt32());
            case Tag.Vector:
                return Vector<double>.Build.Dense(ReadDoubles(reader, Count(reader)));
            case Tag.IntArray:
                var ints = new int[Count(reader)];
                ReadExactly(reader, MemoryMarshal.AsBytes(ints.AsSpan()));
                return ints;
            case Tag.DoubleArray:
                return ReadDoubles(reader, Count(reader));
            case Tag.Random:
                var state = new int[Count(reader)];
                ReadExactly(reader, MemoryMarshal.AsBytes(state.AsSpan()));
                return RandomState.Restore(state);
            case Tag.Tuple:
                var length = reader.ReadInt32();
                if (length is < 1 or > 8)
                {
                    throw new BridgeProtocolException($"a tuple of {length} items");
                }

                return Enumerable.Range(0, length).Select(_ => ReadRaw(reader, depth + 1, kept)).ToArray();
            case Tag.List:
                var count = reader.ReadInt32();
                if (count < 0 || count > MaxListItems)
                {
                    throw new BridgeProtocolException($"a list of {count} items");
                }

                var list = new List<object?>(count);
                for (var i = 0; i < count; i++)
                {
                    list.Add(ReadRaw(reader, depth + 1, kept));
                }

                return list;
            case Tag.Handle:
                return new RemoteHandle(reader.ReadInt32(), ReadText(reader, 200));
            default:
                throw new BridgeProtocolException($"an unknown value tag {(byte)tag}");
        }
    }

    /// <summary>Shapes a raw value into the type the receiving code declares; anything that does not fit is a protocol error.</summary>
    /// <param name="raw">From <see cref="ReadRaw(BinaryReader)"/>.</param>
    /// <param name="target">The declared type.</param>
    /// <param name="wrapHandle">Turns a handle into a stand-in of the target type (a proxy), or null if it cannot.</param>
    /// <returns>A value of the target type.</returns>
    public static object? Convert(object? raw, Type target, Func<RemoteHandle, Type, object?> wrapHandle)
    {
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        switch (raw)
        {
            case null when !target.IsValueType || underlying != target:
                return null;
            case RemoteHandle handle:
                return wrapHandle(handle, target) ?? throw Mismatch(raw, target);
            case int number when underlying == typeof(double):
                return (double)number;
            case object?[] items when underlying.IsValueType && typeof(ITuple).IsAssignableFrom(underlying):
                var types = underlying.GetGenericArguments();
                if (types.Length != items.Length)
                {
                    throw Mismatch(raw, target);
                }

                return TupleConstructor(underlying).Invoke(items.Select((item, i) => Convert(item, types[i], wrapHandle)).ToArray());
            case List<object?> items when ElementType(target) is { } element:
                var array = Array.CreateInstance(element, items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    array.SetValue(Convert(items[i], element, wrapHandle), i);
                }

                return target.IsAssignableFrom(array.GetType()) ? array : Activator.CreateInstance(typeof(List<>).MakeGenericType(element), array);
            case not null when target.IsInstanceOfType(raw):
                return raw;
            default:
                throw Mismatch(raw, target);
        }
    }

    /// <summary>The constructors of the tuple types received, held strongly (see Dispatcher's member cache for why).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.ConstructorInfo> TupleConstructors = new();

    private static System.Reflection.ConstructorInfo TupleConstructor(Type tuple) =>
        TupleConstructors.GetOrAdd(tuple, type => type.GetConstructor(type.GetGenericArguments()) ?? throw new BridgeProtocolException($"no constructor for {type.Name}"));

    /// <summary>Whether a declared type is a list the receiver may change (IList&lt;T&gt;): such a list stays where it is and goes by handle.</summary>
    /// <param name="declared">A declared type, or null.</param>
    /// <returns>True for IList&lt;T&gt;.</returns>
    public static bool IsMutableList(Type? declared) =>
        declared is { IsGenericType: true } && declared.GetGenericTypeDefinition() == typeof(IList<>);

    /// <summary>The element type of an array, or of a list or sequence interface that an array or List&lt;T&gt; satisfies.</summary>
    private static Type? ElementType(Type target)
    {
        if (target.IsArray)
        {
            return target.GetElementType();
        }

        if (!target.IsGenericType)
        {
            return null;
        }

        var definition = target.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) ||
               definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>) || definition == typeof(IList<>)
            ? target.GetGenericArguments()[0]
            : null;
    }

    private static BridgeProtocolException Mismatch(object? raw, Type target) =>
        new($"a {Describe(raw)} where a {target.Name} was expected");

    private static string Describe(object? raw) => raw switch
    {
        null => "null",
        RemoteHandle handle => $"handle to a {handle.TypeName}",
        object?[] => "tuple",
        List<object?> => "list",
        _ => raw.GetType().Name,
    };

    /// <summary>A string written by BinaryWriter.Write(string), refused if its UTF-8 form is longer than the limit.</summary>
    /// <param name="reader">The stream.</param>
    /// <param name="maxBytes">The most bytes it may have.</param>
    /// <returns>The string.</returns>
    public static string ReadText(BinaryReader reader, int maxBytes)
    {
        var length = reader.Read7BitEncodedInt();
        if (length < 0 || length > maxBytes)
        {
            throw new BridgeProtocolException($"a text of {length} bytes, over the limit of {maxBytes}");
        }

        var bytes = new byte[length];
        ReadExactly(reader, bytes);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count >= 0 && count <= MaxElements ? count : throw new BridgeProtocolException($"an array of {count} elements, over the limit of {MaxElements}");
    }

    private static void WriteDoubles(BinaryWriter writer, double[] values) => writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));

    private static double[] ReadDoubles(BinaryReader reader, int count)
    {
        // Not zeroed first (a network on stand-ins receives megabytes an epoch): every byte is read into it, or the read
        // throws and the array is dropped.
        var values = GC.AllocateUninitializedArray<double>(count);
        ReadExactly(reader, MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static void ReadExactly(BinaryReader reader, Span<byte> buffer) => reader.BaseStream.ReadExactly(buffer);
}
