
namespace Coursework.Grading;

/// <summary>How much time and memory student code gets.</summary>
/// <param name="PerTest">Wall-clock limit of one hidden test (and of loading the student's code).</param>
/// <param name="PerTask">Wall-clock limit of all the hidden tests of one task together.</param>
/// <param name="MemoryMegabytes">The host's managed heap limit (<see cref="Limits.MemoryMegabytes"/> by default; see <see cref="MemoryBudget"/>).</param>
internal sealed record RunLimits(TimeSpan PerTest, TimeSpan PerTask, int MemoryMegabytes)
{
    public static readonly RunLimits Default = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120), Limits.MemoryMegabytes);
}
