namespace Coursework.Grading;

/// <summary>How much time and memory student code gets.</summary>
/// <param name="PerTest">Wall-clock limit of one hidden test (and of loading the student's code).</param>
/// <param name="PerTask">Wall-clock limit of all the hidden tests of one task together.</param>
/// <param name="MemoryMegabytes">
/// The managed heap limit of a test process: the same on every platform, so that grades agree; 384 MB is five times
/// what the reference's host uses (about 70 MB resident) and, with the grader and the judge (<see cref="MemoryBudget"/>),
/// fits Gradescope's default container of 768 MB.
/// </param>
internal sealed record RunLimits(TimeSpan PerTest, TimeSpan PerTask, int MemoryMegabytes)
{
    public static readonly RunLimits Default = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120), 384);
}
