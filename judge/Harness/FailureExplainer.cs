using Coursework.Bridge;
using Coursework.Grading.Protocol;
using Shouldly;

namespace Coursework.Grading;

/// <summary>Turns what a test threw into a status and a message a student can act on.</summary>
public static class FailureExplainer
{
    /// <summary>Classifies an exception: a failed check is a fail, anything unexpected an error.</summary>
    /// <param name="exception">What the test threw.</param>
    /// <returns>The status and a one-paragraph message.</returns>
    public static (TestStatus Status, string Message) Explain(Exception exception) => exception switch
    {
        ShouldAssertException assertion => (TestStatus.Fail, OneLine(assertion.Message)),
        RemoteException { TypeName: "System.NotImplementedException" } notImplemented => (TestStatus.Fail, $"Not implemented yet: {notImplemented.Message}"),
        RemoteException { TypeName: "System.OutOfMemoryException" } outOfMemory => (TestStatus.Error, $"Ran out of memory{outOfMemory.Where}: the test process may use at most the grader's memory limit."),
        RemoteException { TypeName: "System.ArgumentException" } shape when ShapeError.Explain(shape.Message, CallShapes.Current) is { } sentence =>
            (TestStatus.Error, $"{shape.ShortTypeName}{shape.Where}: {sentence}{(sentence.EndsWith('?') ? "" : ".")}{Caller(shape)} (MathNet: {shape.Message.TrimEnd('.')}.)"),
        RemoteException remote => (TestStatus.Error, $"{remote.ShortTypeName}{remote.Where}: {remote.Message}"),
        // Thrown here, in the judge, by code that used what the student's code returned (a matrix of the wrong shape).
        _ => (TestStatus.Error, $"{exception.GetType().Name}: {exception.Message}"),
    };

    /// <summary>
    /// Where a shape error is thrown inside a layer that another class of the student's called (", called from
    /// FeedforwardNet.Step"), the shapes came from that caller; both of its usual mistakes are named, since the
    /// shapes alone cannot tell them apart.
    /// </summary>
    private static string Caller(RemoteException exception)
    {
        const string marker = ", called from ";
        var at = exception.Where.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var caller = exception.Where[(at + marker.Length)..];
        caller = caller.Contains(" (", StringComparison.Ordinal) ? caller[..caller.IndexOf(" (", StringComparison.Ordinal)] : caller;
        return $" The shapes came from {caller}: check that each layer has an object of its own (a layer caches the inputs of its latest Forward, so one object used for two layers holds the other layer's) and that each Backward gets the gradient of its own layer's output.";
    }

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
