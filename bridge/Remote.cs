using System.Collections;
using System.Reflection;

namespace Coursework.Bridge;

/// <summary>
/// A stand-in's link to its object on the other side of the bridge. The stand-in classes in Proxies/ have the
/// student API, and each member is one call through this.
/// </summary>
public sealed class Remote
{
    private readonly Peer _peer;
    private readonly RemoteHandle _handle;

    internal Remote(Peer peer, RemoteHandle handle) => (_peer, _handle) = (peer, handle);

    /// <summary>Creates an object of a class on the other side.</summary>
    /// <param name="typeName">The class's name, e.g. "Affine".</param>
    /// <param name="arguments">The constructor's arguments, all of them (defaults included).</param>
    /// <returns>The link to it.</returns>
    public static Remote New(string typeName, params object?[] arguments)
    {
        var peer = CurrentPeer();
        return new Remote(peer, peer.New(typeName, arguments));
    }

    /// <summary>Calls a public method or property accessor (get_X, set_X) of the object.</summary>
    /// <typeparam name="T">The declared return type.</typeparam>
    /// <param name="member">The method's name.</param>
    /// <param name="arguments">Its arguments, all of them.</param>
    /// <returns>What it returned, as data or as a stand-in.</returns>
    public T Call<T>(string member, params object?[] arguments) => (T)_peer.Call(_handle, member, arguments, typeof(T))!;

    /// <summary>Calls a method that returns nothing.</summary>
    /// <param name="member">The method's name.</param>
    /// <param name="arguments">Its arguments.</param>
    public void Invoke(string member, params object?[] arguments) => _peer.Call(_handle, member, arguments, typeof(object));

    /// <summary>Calls a static method of a class on the other side.</summary>
    /// <typeparam name="T">The declared return type.</typeparam>
    /// <param name="typeName">The class.</param>
    /// <param name="member">The method.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>What it returned.</returns>
    public static T CallStatic<T>(string typeName, string member, params object?[] arguments) =>
        (T)CurrentPeer().CallStatic(typeName, member, arguments, typeof(T))!;

    /// <summary>Whether a class is a stand-in (its frames are the bridge's, not the student's).</summary>
    /// <param name="type">A class, or a class nested in one (a lambda's closure, an iterator).</param>
    /// <returns>True for the classes in Proxies/.</returns>
    public static bool IsStandIn(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.GetField("_remote", BindingFlags.Instance | BindingFlags.NonPublic)?.FieldType == typeof(Remote);
    }

    private static Peer CurrentPeer() =>
        Peer.Current ?? throw new InvalidOperationException("no bridge is open in this process: the stand-in classes work only inside the grader");
}

/// <summary>A list that stays on the other side (a network's Weights): reading an element copies it here, writing one sends it there.</summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class RemoteList<T> : IList<T>
{
    private readonly Remote _remote;

    internal RemoteList(Remote remote) => _remote = remote;

    /// <inheritdoc />
    public int Count => _remote.Call<int>("get_Count");

    /// <inheritdoc />
    public bool IsReadOnly => _remote.Call<bool>("get_IsReadOnly");

    /// <inheritdoc />
    public T this[int index]
    {
        get => _remote.Call<T>("get_Item", index);
        set => _remote.Invoke("set_Item", index, value);
    }

    /// <inheritdoc />
    public int IndexOf(T item) => _remote.Call<int>(nameof(IndexOf), item);

    /// <inheritdoc />
    public void Insert(int index, T item) => _remote.Invoke(nameof(Insert), index, item);

    /// <inheritdoc />
    public void RemoveAt(int index) => _remote.Invoke(nameof(RemoveAt), index);

    /// <inheritdoc />
    public void Add(T item) => _remote.Invoke(nameof(Add), item);

    /// <inheritdoc />
    public void Clear() => _remote.Invoke(nameof(Clear));

    /// <inheritdoc />
    public bool Contains(T item) => _remote.Call<bool>(nameof(Contains), item);

    /// <inheritdoc />
    public void CopyTo(T[] array, int arrayIndex)
    {
        var count = Count;
        for (var i = 0; i < count; i++)
        {
            array[arrayIndex + i] = this[i];
        }
    }

    /// <inheritdoc />
    public bool Remove(T item) => _remote.Call<bool>(nameof(Remove), item);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        var count = Count;
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
