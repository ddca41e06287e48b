using System.Reflection;

namespace Coursework.Bridge;

/// <summary>
/// The exact state of a seeded <see cref="Random"/>, so that a Random handed to student code on the other side of the
/// bridge draws the same numbers there as it would here, and goes on from where it stopped when it comes back.
/// </summary>
/// <remarks>
/// <c>new Random(seed)</c> keeps .NET's seeded generator (56 numbers and two indices) in private fields; this reads
/// and writes them. Only seeded Randoms have that state: an unseeded one is refused, with a message for the test's
/// author. A kit test checks that a restored Random draws what the original draws.
/// </remarks>
internal static class RandomState
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
    private const int SeedArrayLength = 56;

    /// <summary>The state as 58 numbers: the seed array, then the two indices.</summary>
    /// <param name="random">A Random created with a seed.</param>
    /// <returns>The state.</returns>
    public static int[] Of(Random random)
    {
        var (generator, _) = Generator(random);
        var seedArray = (int[])Field(generator, "_seedArray").GetValue(generator)!;
        return [.. seedArray, (int)Field(generator, "_inext").GetValue(generator)!, (int)Field(generator, "_inextp").GetValue(generator)!];
    }

    /// <summary>A Random in the given state.</summary>
    /// <param name="state">From <see cref="Of"/>.</param>
    /// <returns>A new Random.</returns>
    public static Random Restore(int[] state)
    {
        var random = new Random(0);
        Set(random, state);
        return random;
    }

    /// <summary>Puts a Random into the given state.</summary>
    /// <param name="random">A seeded Random.</param>
    /// <param name="state">From <see cref="Of"/>.</param>
    public static void Set(Random random, int[] state)
    {
        if (state.Length != SeedArrayLength + 2 || state[^2] is < 0 or >= SeedArrayLength || state[^1] is < 0 or >= SeedArrayLength)
        {
            throw new BridgeProtocolException("a Random's state that is not one");
        }

        var (generator, store) = Generator(random);
        Field(generator, "_seedArray").SetValue(generator, state[..SeedArrayLength]);
        Field(generator, "_inext").SetValue(generator, state[^2]);
        Field(generator, "_inextp").SetValue(generator, state[^1]);
        store(generator);
    }

    /// <summary>The boxed generator struct and how to put it back.</summary>
    private static (object Generator, Action<object> Store) Generator(Random random)
    {
        if (random.GetType() != typeof(Random))
        {
            throw new InvalidOperationException($"only a System.Random created with a seed can cross the bridge, not a {random.GetType().Name}");
        }

        var implementation = Field(random, "_impl").GetValue(random)!;
        if (implementation.GetType().GetField("_prng", Private) is not { } prng)
        {
            throw new InvalidOperationException("only a Random created with a seed (new Random(seed)) can cross the bridge: an unseeded one has no state to copy");
        }

        return (prng.GetValue(implementation)!, boxed => prng.SetValue(implementation, boxed));
    }

    private static FieldInfo Field(object owner, string name) =>
        owner.GetType().GetField(name, Private)
        ?? throw new InvalidOperationException($"this .NET version's Random has no field {name}: the bridge cannot copy its state");
}
