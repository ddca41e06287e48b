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
}
