// The kinds of event and of test status that pass between the judge and the grader (and on into the result file).
// Who writes: the judge, in its results file (TestEvent); the grader keeps a test's status in its result.
// Who reads: the grader, and whoever reads the result file (CI, the platforms' formats, batch).
// What each side may assume: on the wire each is the lowercase word given here and nothing else; a reader that meets
// another word has a line cut short by a kill (TestEvent.FromLine returns null).
using System.Text.Json.Serialization;

namespace Coursework.Grading.Protocol;

/// <summary>What a line of the judge's results file reports, in the order they come (see <see cref="TestEvent"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventKind>))]
public enum EventKind
{
    /// <summary>One hidden test, with its task and weight (the list the judge's build writes).</summary>
    [JsonStringEnumMemberName("test")]
    Test,

    /// <summary>Student code loaded in the host.</summary>
    [JsonStringEnumMemberName("loaded")]
    Loaded,

    /// <summary>A test started; one with no <see cref="End"/> is the one that hung or crashed the process.</summary>
    [JsonStringEnumMemberName("start")]
    Start,

    /// <summary>A test ended, with its status.</summary>
    [JsonStringEnumMemberName("end")]
    End,

    /// <summary>The tests the judge was told to run have run.</summary>
    [JsonStringEnumMemberName("done")]
    Done,
}

/// <summary>How a hidden test ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TestStatus>))]
public enum TestStatus
{
    /// <summary>It passed.</summary>
    [JsonStringEnumMemberName("pass")]
    Pass,

    /// <summary>A wrong answer (an assertion failed, or the code is not implemented yet).</summary>
    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>No answer: an exception, a crash, a time or memory limit.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}

/// <summary>The words of the kinds, as the result file writes them.</summary>
public static class KindNames
{
    /// <summary>The status as the result file writes it: pass, fail or error.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The word.</returns>
    public static string Name(this TestStatus status) => status switch
    {
        TestStatus.Pass => "pass",
        TestStatus.Fail => "fail",
        _ => "error",
    };
}
