using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Coursework.Testing;

namespace Coursework.Tests;

/// <summary>
/// Calls the student's code for a test and turns what it throws into a sentence about the student's code: where it
/// threw (method, line and the line's text), MathNet's shape errors in terms of the call's own matrices
/// (<see cref="ShapeError"/>), and a NullReferenceException on a field that nothing assigns (the compiler's CS0649).
/// A crash that another test reports (a Backward line that computes another gradient) makes this test inconclusive
/// with a pointer to that test, so that one mistake fails one test. NotImplementedException passes through unchanged:
/// the skeleton's message says which TODO is left.
/// </summary>
// Hidden from stack traces: a failure points at the test that called it, not at this helper.
[StackTraceHidden]
public static class StudentCall
{
    /// <summary>Runs one call of the student's code.</summary>
    /// <typeparam name="T">What the call returns.</typeparam>
    /// <param name="method">Names the call in messages, e.g. "Affine.Backward".</param>
    /// <param name="call">The call.</param>
    /// <param name="layer">The student's object, whose fields are checked for null after a NullReferenceException; null for none.</param>
    /// <param name="operands">The call's matrices (and what it cached), by the names the docs use, to name the operands of a shape error.</param>
    /// <param name="reportedBy">
    /// Given the crash's explanation, the name of the test that reports it instead of this one, or null if this one
    /// does. Null: this test reports every crash.
    /// </param>
    /// <returns>What the call returned.</returns>
    public static T Run<T>(string method, Func<T> call, object? layer = null, (string Name, Matrix<double> Value)[]? operands = null,
        Func<Crash, string?>? reportedBy = null)
    {
        try
        {
            return call();
        }
        catch (Exception exception) when (exception is not (NotImplementedException or ShouldAssertException or AssertionException or InconclusiveException))
        {
            var crash = Describe(method, exception, layer, operands ?? []);
            if (reportedBy?.Invoke(crash) is { } other)
            {
                Assert.Inconclusive($"{method} threw before this test could check its result; the test '{other}' reports why: {crash.Message}");
            }

            throw new ShouldAssertException(crash.Message, exception);
        }
    }

    /// <summary>What the student's code threw, explained.</summary>
    /// <param name="Message">The sentence for the student.</param>
    /// <param name="Operands">The names of the call's matrices that a shape error involves; empty for other errors.</param>
    /// <param name="NullFields">The student's fields that were null when a NullReferenceException was thrown.</param>
    public sealed record Crash(string Message, IReadOnlyList<string> Operands, IReadOnlyList<string> NullFields);

    private static Crash Describe(string method, Exception exception, object? layer, (string Name, Matrix<double> Value)[] operands)
    {
        var frame = new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly.GetName().Name == "Coursework.Exercises");
        var line = SourceLine(frame);
        var where = frame?.GetMethod() is { } thrower
            ? $" in {thrower.DeclaringType?.Name}.{thrower.Name}" + (frame.GetFileLineNumber() > 0
                ? string.Create(CultureInfo.InvariantCulture, $" (line {frame.GetFileLineNumber()} of {Path.GetFileName(frame.GetFileName())}{(line is null ? "" : $": {line}")})")
                : string.Empty)
            : $" in {method}";
        var type = exception.GetType().Name;

        if (exception is ArgumentException && ShapeError.Explain(exception.Message, operands, line) is { } shapes)
        {
            return new Crash($"{type}{where}: {shapes}{(shapes.EndsWith('?') ? "" : ".")}", ShapeError.Involved(exception.Message, operands), []);
        }

        if (exception is NullReferenceException && layer is not null)
        {
            var nulls = NullFields(layer).Where(f => line is null || line.Contains(f.Name, StringComparison.Ordinal)).ToList();
            if (nulls.Count == 0)
            {
                nulls = NullFields(layer).ToList();
            }

            if (nulls.Count > 0)
            {
                var owner = layer.GetType().Name;
                var (never, unset) = (nulls.Where(f => !IsAssigned(f)).ToList(), nulls.Where(IsAssigned).ToList());
                var parts = new List<string>();
                if (never.Count > 0)
                {
                    var names = string.Join(" and ", never.Select(f => f.Name));
                    parts.Add($"{names} {(never.Count == 1 ? "is" : "are")} null because no code of {owner} ever assigns {(never.Count == 1 ? "it" : "them")} " +
                        $"(the compiler warned CS0649: \"Field '{owner}.{never[0].Name}' is never assigned to, and will always have its default value null\"): Forward must store what Backward needs there");
                }

                if (unset.Count > 0)
                {
                    parts.Add($"{string.Join(" and ", unset.Select(f => f.Name))} {(unset.Count == 1 ? "is" : "are")} still null after Forward: Forward must store what Backward needs there");
                }

                return new Crash($"{type}{where}: {string.Join("; ", parts)}.", [], nulls.Select(f => f.Name).ToList());
            }
        }

        return new Crash($"{type}{where}: {exception.Message}", [], []);
    }

    /// <summary>The trimmed text of the frame's line, if its file can be read here (it can when the tests build the student's files).</summary>
    private static string? SourceLine(StackFrame? frame)
    {
        try
        {
            return frame?.GetFileName() is { } file && frame.GetFileLineNumber() is > 0 and var number && File.Exists(file)
                ? WithoutComment(File.ReadLines(file).Skip(number - 1).FirstOrDefault())
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The line without its trailing // comment (a URL in a string is rare enough on a line of matrix code).</summary>
    private static string? WithoutComment(string? line) =>
        line is null ? null : (line.IndexOf("//", StringComparison.Ordinal) is >= 0 and var at ? line[..at] : line).Trim();

    /// <summary>The object's reference-typed fields, public or not, that are null now.</summary>
    private static IEnumerable<FieldInfo> NullFields(object layer) =>
        layer.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => !f.FieldType.IsValueType && f.GetValue(layer) is null);

    /// <summary>
    /// Whether any method, constructor or lambda of the field's class stores into it: the IL instruction stfld (0x7D)
    /// followed by the field's token. A byte pattern elsewhere that looks the same can only make this say "assigned",
    /// so the message never claims CS0649 for a field the code does assign.
    /// </summary>
    private static bool IsAssigned(FieldInfo field)
    {
        var token = BitConverter.GetBytes(field.MetadataToken);
        var owner = field.DeclaringType!;
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var types = new[] { owner }.Concat(owner.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public));
        return types.SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)))
            .Select(m => m.GetMethodBody()?.GetILAsByteArray() ?? [])
            .Any(il => Enumerable.Range(0, Math.Max(0, il.Length - 4)).Any(i => il[i] == 0x7D && il.AsSpan(i + 1, 4).SequenceEqual(token)));
    }
}
