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
        ShouldAssertException assertion => ("fail", assertion.Message.Trim()),
        NotImplementedException notImplemented => ("fail", $"Not implemented yet: {notImplemented.Message}"),
        OutOfMemoryException => ("error", $"Ran out of memory{Where(exception)}: the test process may use at most the grader's memory limit."),
        _ => ("error", $"{exception.GetType().Name}{Where(exception)}: {exception.Message}"),
    };

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
