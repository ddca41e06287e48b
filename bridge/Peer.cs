using System.Reflection;
using System.Text;
using Coursework.Grading.Protocol;

namespace Coursework.Bridge;

/// <summary>
/// What student code threw on the other side of the bridge, as data: the exception's type name, its message and the
/// student's method it came from. It is shown in feedback (capped), never trusted for anything else.
/// </summary>
/// <param name="typeName">The full name of the exception's type, e.g. System.NotImplementedException.</param>
/// <param name="message">Its message, capped.</param>
/// <param name="where">" in ReLU.Backward (line 12 of ReLU.cs)", or empty.</param>
public sealed class RemoteException(string typeName, string message, string where) : Exception(message)
{
    /// <summary>The full name of the exception's type.</summary>
    public string TypeName { get; } = typeName;

    /// <summary>" in ReLU.Backward (line 12 of ReLU.cs)": where in the student's code it was thrown; empty if nowhere.</summary>
    public string Where { get; } = where;

    /// <summary>The type's short name, e.g. NotImplementedException.</summary>
    public string ShortTypeName => TypeName[(TypeName.LastIndexOf('.') + 1)..];
}

/// <summary>The other side of the bridge is gone (its process ended) or sent something that is not the protocol.</summary>
/// <param name="message">What happened.</param>
/// <param name="inner">The cause.</param>
public sealed class PeerGoneException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One end of the bridge: a duplex channel over two streams on which either side may call the other. A call waits
/// for its reply and, while it waits, serves the calls the other side makes back (a student's network calling the
/// reference layers it is graded with). One thread at a time: the protocol is strictly nested.
/// </summary>
public sealed class Peer
{
    /// <summary>The most characters of captured output one reply carries.</summary>
    public const int OutputLimit = Limits.OutputCharacters;

    /// <summary>The most characters of an exception message one reply carries.</summary>
    public const int MessageLimit = Limits.MessageCharacters;

    private enum Kind : byte { Ready = 1, New, Call, CallStatic, Return, Throw }

    private readonly BinaryReader _reader;
    private readonly BinaryWriter _writer;
    private readonly Dispatcher? _dispatcher;
    private readonly Func<string?>? _takeOutput;
    /// <summary>The large matrices sent and received as arguments and results, so that each crosses once (see <see cref="MatrixCache"/>).</summary>
    private readonly MatrixCache _matrices = new();
    private readonly Dictionary<int, WeakReference<MathNet.Numerics.LinearAlgebra.Matrix<double>>> _results = [];

    /// <summary>Creates one end.</summary>
    /// <param name="input">What the other side writes.</param>
    /// <param name="output">What the other side reads.</param>
    /// <param name="dispatcher">Serves the other side's calls; null if this side serves none.</param>
    /// <param name="takeOutput">Takes what student code printed since the last reply (the host side), or null.</param>
    internal Peer(Stream input, Stream output, Dispatcher? dispatcher, Func<string?>? takeOutput = null)
    {
        _reader = new BinaryReader(new BufferedStream(input, 1 << 16), Encoding.UTF8);
        _writer = new BinaryWriter(new BufferedStream(output, 1 << 16), Encoding.UTF8);
        _dispatcher = dispatcher;
        _takeOutput = takeOutput;
    }

    /// <summary>The peer this process's stand-ins (proxies) talk to.</summary>
    public static Peer? Current { get; set; }

    /// <summary>Called with what student code printed on the other side during a call.</summary>
    public Action<string>? OnOutput { get; set; }

    /// <summary>Tells the other side this one is ready (the host, once student code has loaded).</summary>
    public void SendReady()
    {
        _writer.Write((byte)Kind.Ready);
        _writer.Flush();
    }

    /// <summary>Waits for the other side to say it is ready.</summary>
    public void WaitForReady()
    {
        var kind = ReadKind();
        if (kind != Kind.Ready)
        {
            throw new PeerGoneException($"the other side sent message {(byte)kind} before it was ready");
        }
    }

    /// <summary>Serves the other side's calls until it closes the channel (the host's main loop).</summary>
    public void Serve()
    {
        while (true)
        {
            int next;
            try
            {
                next = _reader.BaseStream.ReadByte();
            }
            catch (IOException)
            {
                return;
            }

            if (next < 0)
            {
                return;
            }

            ServeOne((Kind)next);
        }
    }

    internal RemoteHandle New(string typeName, object?[] arguments) =>
        (RemoteHandle)Request(Kind.New, writer => writer.Write(typeName), arguments, typeof(RemoteHandle))!;

    internal object? Call(RemoteHandle target, string member, object?[] arguments, Type returnType) =>
        Request(Kind.Call, writer => { writer.Write(target.Id); writer.Write(member); }, arguments, returnType);

    internal object? CallStatic(string typeName, string member, object?[] arguments, Type returnType) =>
        Request(Kind.CallStatic, writer => { writer.Write(typeName); writer.Write(member); }, arguments, returnType);

    private object? Request(Kind kind, Action<BinaryWriter> header, object?[] arguments, Type returnType)
    {
        try
        {
            _writer.Write((byte)kind);
            header(_writer);
            WriteArguments(arguments);
            _writer.Flush();
        }
        catch (IOException exception)
        {
            throw new PeerGoneException("the other side stopped reading", exception);
        }

        try
        {
            return AwaitReply(arguments, returnType);
        }
        catch (EndOfStreamException exception)
        {
            throw new PeerGoneException("the other side closed the channel in the middle of a reply", exception);
        }
        catch (IOException exception)
        {
            throw new PeerGoneException("the other side closed the channel", exception);
        }
    }

    private object? AwaitReply(object?[] arguments, Type returnType)
    {
        while (true)
        {
            var reply = ReadKind();
            switch (reply)
            {
                case Kind.Return:
                    var raw = Wire.ReadRaw(_reader, _matrices);
                    var number = _reader.ReadInt32();
                    ApplyWriteBacks(arguments);
                    ApplyChangedResults();
                    TakeOutput();
                    if (returnType == typeof(RemoteHandle))
                    {
                        return raw as RemoteHandle ?? throw new BridgeProtocolException("a constructor that returned no object");
                    }

                    var result = Wire.Convert(raw, returnType, Wrap);
                    RememberResult(number, result);
                    return result;
                case Kind.Throw:
                    var (type, message, where) = (Wire.ReadText(_reader, 1000), Wire.ReadText(_reader, 4 * MessageLimit + 1000), Wire.ReadText(_reader, 1000));
                    ApplyChangedResults();
                    TakeOutput();
                    throw new RemoteException(Cap(type, 200), Cap(message, MessageLimit), Cap(where, 400));
                case Kind.New or Kind.Call or Kind.CallStatic:
                    ServeOne(reply);
                    break;
                default:
                    throw new BridgeProtocolException($"message {(byte)reply} where a reply was expected");
            }
        }
    }

    private void ServeOne(Kind kind)
    {
        if (_dispatcher is null)
        {
            throw new BridgeProtocolException("a call to a side that serves none");
        }

        var request = kind switch
        {
            Kind.New => new Dispatcher.Request(Dispatcher.Operation.New, Wire.ReadText(_reader, 200), null, ".ctor", ReadArguments()),
            Kind.Call => ReadCall(),
            Kind.CallStatic => new Dispatcher.Request(Dispatcher.Operation.Static, Wire.ReadText(_reader, 200), null, Wire.ReadText(_reader, 200), ReadArguments()),
            _ => throw new BridgeProtocolException($"message {(byte)kind} where a call was expected"),
        };

        var outcome = _dispatcher.Handle(request, Wrap);
        var output = _takeOutput?.Invoke();
        if (outcome.Error is { } error)
        {
            _writer.Write((byte)Kind.Throw);
            _writer.Write(Cap(error.TypeName, 200));
            _writer.Write(Cap(error.Message, MessageLimit));
            _writer.Write(Cap(error.Where, 400));
            WriteChangedResults(outcome);
            WriteOutput(output);
        }
        else
        {
            _writer.Write((byte)Kind.Return);
            Wire.Write(_writer, outcome.Value, _dispatcher.HandleFor, outcome.DeclaredType, _matrices);
            _writer.Write(outcome.ResultNumber);
            _writer.Write(outcome.WriteBacks.Count);
            foreach (var (index, value) in outcome.WriteBacks)
            {
                _writer.Write(index);
                Wire.Write(_writer, value, _dispatcher.HandleFor);
            }

            WriteChangedResults(outcome);
            WriteOutput(output);
        }

        _writer.Flush();
    }

    private Dispatcher.Request ReadCall()
    {
        var id = _reader.ReadInt32();
        return new Dispatcher.Request(Dispatcher.Operation.Instance, null, id, Wire.ReadText(_reader, 200), ReadArguments());
    }

    private void WriteArguments(object?[] arguments)
    {
        _writer.Write(arguments.Length);
        foreach (var argument in arguments)
        {
            Wire.Write(_writer, argument, _ => throw new InvalidOperationException("only data can be passed to the other side, not objects"), sent: _matrices);
        }
    }

    private object?[] ReadArguments()
    {
        var count = _reader.ReadInt32();
        if (count is < 0 or > 16)
        {
            throw new BridgeProtocolException($"a call with {count} arguments");
        }

        return Enumerable.Range(0, count).Select(_ => Wire.ReadRaw(_reader, _matrices)).ToArray();
    }

    /// <summary>The other side changed some arguments in place (a bug the tests look for): this side's copies change the same way.</summary>
    private void ApplyWriteBacks(object?[] arguments)
    {
        var count = _reader.ReadInt32();
        if (count < 0 || count > arguments.Length)
        {
            throw new BridgeProtocolException($"{count} changed arguments of {arguments.Length}");
        }

        for (var i = 0; i < count; i++)
        {
            var index = _reader.ReadInt32();
            var value = Wire.ReadRaw(_reader);
            switch (index >= 0 && index < arguments.Length ? arguments[index] : null, value)
            {
                case (MathNet.Numerics.LinearAlgebra.Matrix<double> original, MathNet.Numerics.LinearAlgebra.Matrix<double> changed)
                    when original.RowCount == changed.RowCount && original.ColumnCount == changed.ColumnCount:
                    changed.CopyTo(original);
                    break;
                case (MathNet.Numerics.LinearAlgebra.Vector<double> original, MathNet.Numerics.LinearAlgebra.Vector<double> changed)
                    when original.Count == changed.Count:
                    changed.CopyTo(original);
                    break;
                case (Random original, Random changed):
                    RandomState.Set(original, RandomState.Of(changed));
                    break;
                default:
                    throw new BridgeProtocolException($"a changed argument {index} that does not fit the one sent");
            }
        }
    }

    private void WriteChangedResults(Dispatcher.Outcome outcome)
    {
        var changed = outcome.ChangedResults ?? [];
        _writer.Write(changed.Count);
        foreach (var (number, value) in changed)
        {
            _writer.Write(number);
            Wire.Write(_writer, value, _ => throw new InvalidOperationException("a matrix holds no objects"));
        }
    }

    /// <summary>A matrix the other side returned, kept (weakly) under its number, so that later changes to it reach this copy.</summary>
    private void RememberResult(int number, object? result)
    {
        if (number <= 0 || result is not MathNet.Numerics.LinearAlgebra.Matrix<double> matrix)
        {
            return;
        }

        _results[number] = new WeakReference<MathNet.Numerics.LinearAlgebra.Matrix<double>>(matrix);
        _results.Remove(number - Dispatcher.WatchedResults);
    }

    /// <summary>
    /// The other side's code changed matrices it had returned earlier (its own outputs) in place: this side's copies
    /// change the same way, so that a test sees what a caller in one process would see.
    /// </summary>
    private void ApplyChangedResults()
    {
        var count = _reader.ReadInt32();
        if (count < 0 || count > Dispatcher.WatchedResults)
        {
            throw new BridgeProtocolException($"{count} changed results, beyond the {Dispatcher.WatchedResults} watched");
        }

        for (var i = 0; i < count; i++)
        {
            var number = _reader.ReadInt32();
            if (Wire.ReadRaw(_reader) is not MathNet.Numerics.LinearAlgebra.Matrix<double> changed)
            {
                throw new BridgeProtocolException("a changed result that is not a matrix");
            }

            if (_results.TryGetValue(number, out var reference) && reference.TryGetTarget(out var original)
                && original.RowCount == changed.RowCount && original.ColumnCount == changed.ColumnCount)
            {
                changed.CopyTo(original);
            }
        }
    }

    private void WriteOutput(string? output)
    {
        _writer.Write(output is not null);
        if (output is not null)
        {
            _writer.Write(Cap(output, OutputLimit));
        }
    }

    private void TakeOutput()
    {
        if (_reader.ReadBoolean())
        {
            var output = Cap(Wire.ReadText(_reader, 4 * OutputLimit + 1000), OutputLimit);
            OnOutput?.Invoke(output);
        }
    }

    /// <summary>The stand-ins' constructors, held strongly (see Dispatcher's member cache for why).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ConstructorInfo?> StandInConstructors = new();

    /// <summary>A stand-in on this side for an object of the other side: a proxy class, or a list.</summary>
    private object? Wrap(RemoteHandle handle, Type target)
    {
        var remote = new Remote(this, handle);
        if (Wire.IsMutableList(target))
        {
            return Activator.CreateInstance(typeof(RemoteList<>).MakeGenericType(target.GetGenericArguments()), BindingFlags.Instance | BindingFlags.NonPublic, null, [remote], null);
        }

        var constructor = StandInConstructors.GetOrAdd(target, type => type.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, [typeof(Remote)]));
        return constructor?.Invoke([remote]);
    }

    private Kind ReadKind()
    {
        try
        {
            var next = _reader.BaseStream.ReadByte();
            return next >= 0 ? (Kind)next : throw new PeerGoneException("the other side closed the channel");
        }
        catch (IOException exception)
        {
            throw new PeerGoneException("the other side closed the channel", exception);
        }
    }

    private static string Cap(string text, int limit) =>
        text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit), $"… ({text.Length - limit} more characters not shown)");
}
