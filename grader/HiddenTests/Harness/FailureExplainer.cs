using System.Diagnostics;
using Shouldly;

namespace Coursework.Grading;

/// <summary>Turns what a test threw into a status and a message a student can act on.</summary>
public static class FailureExplainer
{
    /// <summary>Classifies an exception: a failed check is "fail", anything unexpected is "error".</summary>
    /// <param name="exception">What the test threw.</param>
    /// <returns>The status and a one-paragraph message.</returns>
    public static (string Status, string Message) Explain(Exception exception) => exception switch
    {
        ShouldAssertException assertion => ("fail", OneLine(assertion.Message)),
        NotImplementedException notImplemented => ("fail", $"Not implemented yet: {notImplemented.Message}"),
        OutOfMemoryException => ("error", $"Ran out of memory{Where(exception)}: the test process may use at most the grader's memory limit."),
        _ => ("error", $"{exception.GetType().Name}{Where(exception)}: {exception.Message}"),
    };

    /// <summary>
    /// Shouldly's message spreads "x / should be / y / but was / z / Additional Info: why" over lines; the report
    /// wants one line with the reason first: "why (x should be y but was z)".
    /// </summary>
    /// <param name="message">An assertion message.</param>
    /// <returns>The same content on one line.</returns>
    public static string OneLine(string message)
    {
        const string marker = "Additional Info:";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        var comparison = Collapse(at < 0 ? message : message[..at]);
        if (at < 0)
        {
            return comparison;
        }

        var reason = Collapse(message[(at + marker.Length)..]);
        return comparison.Length == 0 ? reason : $"{reason} ({comparison})";
    }

    // Whitespace folded, and Shouldly's double suffix dropped (0.2d → 0.2).
    private static string Collapse(string text) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim(), @"(\d)d\b", "$1");

    /// <summary>" in ReLU.Backward": the innermost frame of student code, where the exception came from.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>Empty when no student frame is on the stack.</returns>
    public static string Where(Exception exception)
    {
        var frame = new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly == typeof(Coursework.Affine).Assembly);
        if (frame?.GetMethod() is not { DeclaringType: { } type } method)
        {
            return string.Empty;
        }

        var name = method.IsConstructor ? $"the {type.Name} constructor" : $"{type.Name}.{method.Name}";
        var line = frame.GetFileLineNumber() > 0 ? $" (line {frame.GetFileLineNumber()} of {Path.GetFileName(frame.GetFileName())})" : string.Empty;
        return $" in {name}{line}";
    }
}
