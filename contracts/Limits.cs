// The limits every process of a grading applies, each defined once.
// Who uses them: the host and the judge cap what crosses the bridge (the bridge's Peer), the judge caps what it writes
// to the results file, and the grader caps what it keeps in a result (TestOutcome) and passes the judge its defaults.
// What each side may assume: no message in a result is longer than MessageCharacters and no captured output longer
// than OutputCharacters (plus a short note of how much was cut), whichever process cut it first.
namespace Coursework.Grading.Protocol;

/// <summary>The limits shared by the grader, the judge and the host.</summary>
public static class Limits
{
    /// <summary>The most characters of a message (an exception's, a failure's) kept: feedback never carries a file's worth of anything.</summary>
    public const int MessageCharacters = 2000;

    /// <summary>The most characters of what student code printed during one test (or one call across the bridge) kept.</summary>
    public const int OutputCharacters = 4000;

    /// <summary>
    /// The host's managed heap limit in megabytes unless the grader says otherwise (--memory-limit): the same on every
    /// platform, so that grades agree; five times what the reference's host uses (about 70 MB resident) and, with the
    /// grader and the judge, it fits Gradescope's default container of 768 MB.
    /// </summary>
    public const int MemoryMegabytes = 384;

    /// <summary>The CPU seconds the judge gives its host when the grader does not say (a backstop behind the wall-clock limits).</summary>
    public const int HostCpuSeconds = 600;
}
