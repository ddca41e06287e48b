using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Coursework.Grading.Commands;

/// <summary>Parsers for numeric options: invariant culture, and an error that names the option rather than a .NET type.</summary>
internal static class OptionValues
{
    /// <summary>The option's value read with the invariant culture; a parse error naming the option otherwise.</summary>
    /// <param name="result">System.CommandLine's tokens for the option.</param>
    /// <param name="option">The option's name, for the message.</param>
    /// <param name="styles">What the number may look like.</param>
    /// <param name="kind">What the option expects, e.g. "a whole number".</param>
    public static T Number<T>(ArgumentResult result, string option, NumberStyles styles, string kind)
        where T : struct, INumberBase<T>
    {
        var token = string.Join(' ', result.Tokens.Select(t => t.Value));
        if (T.TryParse(token, styles, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"{option} must be {kind}, not '{token}'");
        return default;
    }

    /// <summary>The option's value as one of an enum's names, in lower case on the command line; a one-line parse error naming the choices otherwise.</summary>
    /// <param name="result">System.CommandLine's tokens for the option.</param>
    /// <param name="option">The option's name, for the message.</param>
    public static T? OneOf<T>(ArgumentResult result, string option)
        where T : struct, Enum
    {
        var token = string.Join(' ', result.Tokens.Select(t => t.Value));
        foreach (var value in Enum.GetValues<T>())
        {
            if (value.ToString().Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError($"{option} must be {string.Join(" or ", Enum.GetNames<T>().Select(name => name.ToLowerInvariant()))}, not '{token}'");
        return null;
    }
}
