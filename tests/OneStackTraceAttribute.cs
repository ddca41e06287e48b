using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

[assembly: Coursework.Tests.OneStackTrace]

namespace Coursework.Tests;

/// <summary>
/// Makes a failed test print its message first and then one stack trace of the student's and the test's frames only.
/// </summary>
/// <remarks>
/// NUnit 4 records an exception thrown by a test twice: as the test's failure and as its only assertion result. The
/// NUnit adapter prints the failure's stack trace and then, numbered "1)", every assertion result's stack trace, so
/// each failure showed the same trace twice; no adapter setting turns off only the second copy. After each test this
/// keeps the single assertion result as the failure, drops the copy, and removes the frames of reflection, NUnit and
/// Shouldly, which say nothing about the code under test. A failure with several assertion results (Assert.Multiple)
/// is left as NUnit reports it.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class OneStackTraceAttribute : Attribute, ITestAction
{
    /// <summary>Frames that start with these are the test runner's or an assertion library's, not the code under test's.</summary>
    private static readonly string[] RunnerFrames = ["at System.Reflection.", "at System.RuntimeMethodHandle.", "at NUnit.", "at Shouldly."];

    /// <summary>Prefixes of assertion failures' messages that only name the assertion's exception type.</summary>
    private static readonly string[] AssertionTypes = ["Shouldly.ShouldAssertException : ", "NUnit.Framework.AssertionException : "];

    /// <inheritdoc />
    public ActionTargets Targets => ActionTargets.Test;

    /// <inheritdoc />
    public void BeforeTest(ITest test)
    {
    }

    /// <inheritdoc />
    public void AfterTest(ITest test)
    {
        var result = TestExecutionContext.CurrentContext.CurrentResult;
        if (result.ResultState.Status != TestStatus.Failed || result.AssertionResults.Count != 1)
        {
            return;
        }

        var only = result.AssertionResults[0];
        result.AssertionResults.Clear();
        result.SetResult(result.ResultState, Message(only.Message), Frames(only.StackTrace));
    }

    /// <summary>The message without the name of an assertion's exception type (an error keeps its type: it says what went wrong).</summary>
    internal static string Message(string message) =>
        AssertionTypes.FirstOrDefault(message.StartsWith) is { } prefix ? message[prefix.Length..] : message;

    /// <summary>The stack trace without the runner's and the assertion libraries' frames.</summary>
    internal static string? Frames(string? stackTrace) =>
        stackTrace is null
            ? null
            : string.Join('\n', stackTrace.Split('\n')
                .Where(line => !RunnerFrames.Any(line.TrimStart().StartsWith))
                .Select(line => line.TrimEnd('\r')));
}
