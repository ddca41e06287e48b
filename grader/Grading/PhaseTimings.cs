using System.Diagnostics;
using System.Globalization;

namespace Coursework.Grading;

/// <summary>One phase of a grading run and how long it took.</summary>
/// <param name="Phase">E.g. prepare, compile, host start (task 1), tests (task 1).</param>
/// <param name="Seconds">Wall time, rounded to milliseconds.</param>
internal sealed record PhaseTiming(string Phase, double Seconds);

/// <summary>Where a grading run's seconds go, phase by phase (for --timings and the result file).</summary>
internal sealed class PhaseTimings
{
    private readonly List<PhaseTiming> _phases = [];
    private readonly Lock _lock = new();

    /// <summary>The phases measured so far, in the order they ended.</summary>
    public IReadOnlyList<PhaseTiming> Phases
    {
        get
        {
            lock (_lock)
            {
                return [.. _phases];
            }
        }
    }

    /// <summary>Records a phase that took <paramref name="elapsed"/>.</summary>
    /// <param name="phase">Its name.</param>
    /// <param name="elapsed">How long it took.</param>
    public void Add(string phase, TimeSpan elapsed)
    {
        lock (_lock)
        {
            _phases.Add(new PhaseTiming(phase, Math.Round(elapsed.TotalSeconds, 3)));
        }
    }

    /// <summary>Runs <paramref name="work"/> and records how long it took.</summary>
    /// <typeparam name="T">What it returns.</typeparam>
    /// <param name="phase">The phase's name.</param>
    /// <param name="work">The phase.</param>
    /// <returns>What <paramref name="work"/> returned.</returns>
    public T Measure<T>(string phase, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return work();
        }
        finally
        {
            Add(phase, clock.Elapsed);
        }
    }

    /// <summary>One line per phase, seconds right-aligned, for the console.</summary>
    /// <returns>The lines.</returns>
    public IEnumerable<string> Lines()
    {
        var phases = Phases;
        var width = phases.Select(phase => phase.Phase.Length).DefaultIfEmpty(0).Max();
        return phases.Select(phase => phase.Phase.PadRight(width) + "  " + phase.Seconds.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(8) + " s");
    }
}
