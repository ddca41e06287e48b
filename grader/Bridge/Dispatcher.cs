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
    private readonly Dictionary<int, object> _objects = [];
    private readonly Dictionary<object, int> _ids = new(ReferenceEqualityComparer.Instance);

    public enum Operation { New, Instance, Static }

    public sealed record Request(Operation Operation, string? TypeName, int? Target, string Member, object?[] Arguments);

    public sealed record Error(string TypeName, string Message, string Where);

    public sealed record Outcome(object? Value, Type? DeclaredType, IReadOnlyList<(int Index, object? Value)> WriteBacks, Error? Error);

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
            return new Outcome(Materialized(value, declared), declared, ChangedArguments(arguments, snapshots), null);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            return new Outcome(null, null, [], Describe(inner));
        }
        catch (Exception exception) when (exception is not BridgeProtocolException)
        {
            // Thrown while a lazy sequence was enumerated: the student's iterator, not the call, threw.
            return new Outcome(null, null, [], Describe(exception));
        }
    }

    private (MethodBase Member, object?[] Arguments) Resolve(Type type, Request request, Func<RemoteHandle, Type, object?> wrapHandle)
    {
        IEnumerable<MethodBase> candidates = request.Operation switch
        {
            Operation.New => type.GetConstructors(BindingFlags.Public | BindingFlags.Instance),
            Operation.Static => type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly),
            _ => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | (viaInterfaces ? 0 : BindingFlags.DeclaredOnly))
                .Concat(viaInterfaces ? type.GetInterfaces().SelectMany(i => i.GetMethods()) : []),
        };

        foreach (var candidate in candidates.Where(c => (request.Operation == Operation.New || c.Name == request.Member) && c.GetParameters().Length == request.Arguments.Length))
        {
            if (candidate is MethodInfo { DeclaringType: { } declaring } && declaring == typeof(object))
            {
                continue;
            }

            try
            {
                var parameters = candidate.GetParameters();
                var arguments = request.Arguments.Select((raw, i) => Wire.Convert(raw, parameters[i].ParameterType, wrapHandle)).ToArray();
                return (candidate, arguments);
            }
            catch (BridgeProtocolException)
            {
                // another overload may fit
            }
        }

        throw new BridgeProtocolException($"no public member {type.Name}.{request.Member} taking {request.Arguments.Length} such arguments");
    }

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

    /// <summary>An exception as data: its type, message and the innermost method of this side's own code it came through.</summary>
    private Error Describe(Exception exception)
    {
        var frame = new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetMethod() is { } method && isOwnCode(method));
        var where = string.Empty;
        if (frame?.GetMethod() is { DeclaringType: { } owner } found)
        {
            var name = found.IsConstructor ? $"the {owner.Name} constructor" : $"{owner.Name}.{found.Name}";
            var line = frame.GetFileLineNumber() > 0 ? $" (line {frame.GetFileLineNumber()} of {Path.GetFileName(frame.GetFileName())})" : string.Empty;
            where = $" in {name}{line}";
        }

        var message = exception is RemoteException remote
            ? $"{remote.ShortTypeName} from the reference class{remote.Where} that your code calls: {remote.Message}"
            : exception.Message;
        return new Error(exception is RemoteException inner ? inner.TypeName : exception.GetType().FullName ?? exception.GetType().Name, message, where);
    }
}
