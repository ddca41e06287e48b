using Coursework.Bridge;
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
        RemoteException { TypeName: "System.NotImplementedException" } notImplemented => ("fail", $"Not implemented yet: {notImplemented.Message}"),
        RemoteException { TypeName: "System.OutOfMemoryException" } outOfMemory => ("error", $"Ran out of memory{outOfMemory.Where}: the test process may use at most the grader's memory limit."),
        RemoteException remote => ("error", $"{remote.ShortTypeName}{remote.Where}: {remote.Message}"),
        // Thrown here, in the judge, by code that used what the student's code returned (a matrix of the wrong shape).
        _ => ("error", $"{exception.GetType().Name}: {exception.Message}"),
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
}
