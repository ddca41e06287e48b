using System.Diagnostics;
using System.Reflection;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Bridge;

/// <summary>
/// Serves the other side's calls on this side's objects: creates objects of the classes it may, calls their public
/// members by name, and keeps each object it hands out in a table under a number (a handle).
/// </summary>
/// <param name="resolveType">The class a name stands for, or null if the other side may not use it.</param>
/// <param name="viaInterfaces">Also find members through the interfaces an object implements (a student's own IList).</param>
/// <param name="detectChangedArguments">Send back arguments the called code changed in place (the host does; the judge's reference code never does).</param>
/// <param name="isOwnCode">Whether a method belongs to the code whose exceptions are reported by where they came from.</param>
internal sealed class Dispatcher(Func<string, Type?> resolveType, bool viaInterfaces, bool detectChangedArguments, Func<MethodBase, bool> isOwnCode)
{
    /// <summary>How many returned matrices are watched for later changes (the latest ones).</summary>
    public const int WatchedResults = 16;

    private readonly Dictionary<int, object> _objects = [];
    private readonly Dictionary<object, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly List<(int Number, Matrix<double> Matrix, double[] Snapshot)> _returned = [];
    private int _returnedCount;

    public enum Operation { New, Instance, Static }

    public sealed record Request(Operation Operation, string? TypeName, int? Target, string Member, object?[] Arguments);

    public sealed record Error(string TypeName, string Message, string Where);

    /// <summary>What a call gave.</summary>
    /// <param name="Value">The value returned.</param>
    /// <param name="DeclaredType">The member's declared return type.</param>
    /// <param name="WriteBacks">The arguments the call changed in place.</param>
    /// <param name="Error">What it threw, or null.</param>
    /// <param name="ResultNumber">The number of a returned matrix this side watches (0: none).</param>
    /// <param name="ChangedResults">Matrices returned by earlier calls that this call changed in place, by their numbers.</param>
    public sealed record Outcome(object? Value, Type? DeclaredType, IReadOnlyList<(int Index, object? Value)> WriteBacks, Error? Error,
        int ResultNumber = 0, IReadOnlyList<(int Number, Matrix<double> Value)>? ChangedResults = null);

    /// <summary>The handle of one of this side's objects, registering it the first time.</summary>
    /// <param name="value">The object.</param>
    /// <returns>Its handle.</returns>
    public RemoteHandle HandleFor(object value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            id = _objects.Count + 1;
            _objects[id] = value;
            _ids[value] = id;
        }

        return new RemoteHandle(id, value.GetType().Name);
    }

    /// <summary>Runs one call; what it throws is returned as an error, never thrown here.</summary>
    /// <param name="request">The call.</param>
    /// <param name="wrapHandle">Makes stand-ins for handles of the other side's objects.</param>
    /// <returns>The value, its declared type, the arguments changed in place, or the error.</returns>
    public Outcome Handle(Request request, Func<RemoteHandle, Type, object?> wrapHandle)
    {
        object? target = null;
        Type type;
        if (request.Operation == Operation.Instance)
        {
            if (request.Target is not { } id || !_objects.TryGetValue(id, out target))
            {
                throw new BridgeProtocolException($"a call on object {request.Target}, which does not exist");
            }

            type = target.GetType();
        }
        else
        {
            type = resolveType(request.TypeName ?? "") ?? throw new BridgeProtocolException($"a class '{request.TypeName}' that cannot be used here");
        }

        var (member, arguments) = Resolve(type, request, wrapHandle);
        var snapshots = detectChangedArguments ? arguments.Select(Snapshot).ToArray() : [];
        try
        {
            var value = member switch
            {
                ConstructorInfo constructor => constructor.Invoke(arguments),
                MethodInfo method => method.Invoke(target, arguments),
                _ => throw new InvalidOperationException(),
            };
            var declared = member is MethodInfo info ? info.ReturnType : type;
            var result = Materialized(value, declared);
            return new Outcome(result, declared, ChangedArguments(arguments, snapshots), null, Watch(result), ChangedResults());
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            return new Outcome(null, null, [], Describe(inner), ChangedResults: ChangedResults());
        }
        catch (Exception exception) when (exception is not BridgeProtocolException)
        {
            // Thrown while a lazy sequence was enumerated: the student's iterator, not the call, threw.
            return new Outcome(null, null, [], Describe(exception), ChangedResults: ChangedResults());
        }
    }

    /// <summary>
    /// A matrix the called code returned is the caller's: if later calls change it in place (a Backward that turns
    /// Forward's output into its mask), the caller's copy must change too, as it would in one process. The latest
    /// returned matrices are watched for that, by number.
    /// </summary>
    private int Watch(object? result)
    {
        if (!detectChangedArguments || result is not Matrix<double> matrix)
        {
            return 0;
        }

        if (_returned.Count == WatchedResults)
        {
            _returned.RemoveAt(0);
        }

        _returned.Add((++_returnedCount, matrix, matrix.ToColumnMajorArray()));
        return _returnedCount;
    }

    /// <summary>The watched matrices that changed since they were returned (none when this side does not watch).</summary>
    private List<(int, Matrix<double>)> ChangedResults()
    {
        var changed = new List<(int, Matrix<double>)>();
        for (var i = 0; i < _returned.Count; i++)
        {
            var (number, matrix, snapshot) = _returned[i];
            var now = matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray();
            if (!Same(now, snapshot))
            {
                changed.Add((number, matrix));
                _returned[i] = (number, matrix, (double[])now.Clone());
            }
        }

        return changed;
    }

    /// <summary>
    /// The members a call may mean, by class, operation, name and number of arguments. Held here, strongly: .NET keeps
    /// its own reflection cache of a class weakly, so that with the garbage a training makes it is collected again and
    /// again, and each method's invoker was compiled anew (and finalized) on every call.
    /// </summary>
    private readonly Dictionary<(Type, Operation, string, int), (MethodBase Member, ParameterInfo[] Parameters)[]> _candidates = [];

    private (MethodBase Member, object?[] Arguments) Resolve(Type type, Request request, Func<RemoteHandle, Type, object?> wrapHandle)
    {
        var key = (type, request.Operation, request.Member, request.Arguments.Length);
        if (!_candidates.TryGetValue(key, out var candidates))
        {
            _candidates[key] = candidates = Candidates(type, request)
                .Where(c => (request.Operation == Operation.New || c.Name == request.Member) && c.GetParameters().Length == request.Arguments.Length)
                .Where(c => c is not MethodInfo { DeclaringType: { } declaring } || declaring != typeof(object))
                .Select(c => (c, c.GetParameters()))
                .ToArray();
        }

        foreach (var (candidate, parameters) in candidates)
        {
            try
            {
                var arguments = new object?[parameters.Length];
                for (var i = 0; i < parameters.Length; i++)
                {
                    arguments[i] = Wire.Convert(request.Arguments[i], parameters[i].ParameterType, wrapHandle);
                }

                return (candidate, arguments);
            }
            catch (BridgeProtocolException)
            {
                // another overload may fit
            }
        }

        throw new BridgeProtocolException($"no public member {type.Name}.{request.Member} taking {request.Arguments.Length} such arguments");
    }

    private IEnumerable<MethodBase> Candidates(Type type, Request request) => request.Operation switch
    {
        Operation.New => type.GetConstructors(BindingFlags.Public | BindingFlags.Instance),
        Operation.Static => type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly),
        _ => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | (viaInterfaces ? 0 : BindingFlags.DeclaredOnly))
            .Concat(viaInterfaces ? type.GetInterfaces().SelectMany(i => i.GetMethods()) : []),
    };

    /// <summary>A lazy sequence (an iterator) enumerated here, so that what it throws is the call's error.</summary>
    private static object? Materialized(object? value, Type declared)
    {
        if (value is not System.Collections.IEnumerable sequence || value is string or Matrix<double> or Vector<double> or Array || Wire.IsMutableList(declared))
        {
            return value;
        }

        var items = new List<object?>();
        foreach (var item in sequence)
        {
            items.Add(item);
            if (items.Count > Wire.MaxListItems)
            {
                throw new InvalidOperationException($"the sequence has more than {Wire.MaxListItems} items");
            }
        }

        return items;
    }

    private static object? Snapshot(object? argument) => argument switch
    {
        Matrix<double> matrix => matrix.ToColumnMajorArray(),
        Vector<double> vector => vector.ToArray(),
        _ => null,
    };

    private static List<(int, object?)> ChangedArguments(object?[] arguments, object?[] snapshots)
    {
        var changed = new List<(int, object?)>();
        for (var i = 0; i < snapshots.Length; i++)
        {
            switch (arguments[i], snapshots[i])
            {
                case (Matrix<double> matrix, double[] before) when !Same(matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray(), before):
                case (Vector<double> vector, double[] earlier) when !Same(vector.AsArray() ?? vector.ToArray(), earlier):
                case (Random, _):
                    changed.Add((i, arguments[i]));
                    break;
            }
        }

        return changed;
    }

    /// <summary>Bitwise, so that a NaN written into an argument counts as a change too.</summary>
    private static bool Same(double[] now, double[] before) =>
        now.Length == before.Length && System.Runtime.InteropServices.MemoryMarshal.AsBytes(now.AsSpan()).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(before.AsSpan()));

    private static string Place(StackFrame frame)
    {
        var found = frame.GetMethod()!;
        var owner = found.DeclaringType!;
        var name = found.IsConstructor ? $"the {owner.Name} constructor" : $"{owner.Name}.{found.Name}";
        var line = frame.GetFileLineNumber() > 0 ? $" (line {frame.GetFileLineNumber()} of {Path.GetFileName(frame.GetFileName())})" : string.Empty;
        return name + line;
    }

    /// <summary>An exception as data: its type, message and the innermost method of this side's own code it came through.</summary>
    private Error Describe(Exception exception)
    {
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .Where(f => f.GetMethod() is { } method && isOwnCode(method)).ToList();
        var where = frames.Count > 0 ? $" in {Place(frames[0])}" : string.Empty;
        // Thrown in one class, called from another (a network that shares one layer object between two layers
        // crashes inside the layer): the outermost caller of the code's own is where the mistake may be.
        if (frames.Count > 1 && frames[^1].GetMethod()?.DeclaringType != frames[0].GetMethod()?.DeclaringType)
        {
            where += $", called from {Place(frames[^1])}";
        }

        var message = exception is RemoteException remote
            ? $"{remote.ShortTypeName} from the reference class{remote.Where} that your code calls: {remote.Message}"
            : exception.Message;
        return new Error(exception is RemoteException inner ? inner.TypeName : exception.GetType().FullName ?? exception.GetType().Name, message, where);
    }
}
