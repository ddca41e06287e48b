using System.Globalization;

namespace Coursework.Grading;

/// <summary>
/// The memory a grading may really use: the control group's limit (cgroup v2 memory.max, v1
/// memory.limit_in_bytes; a container's, such as Gradescope's 768 MB), checked against what the grader, the judge and
/// a host at its heap limit need together, so that a student's memory blow-up is that test's failure, never a dead
/// container. The heap limit itself is the same everywhere (grades must not depend on the machine); a machine too
/// small for it is refused.
/// </summary>
internal static class MemoryBudget
{
    /// <summary>
    /// What a grading needs besides the host's managed heap: the grader (about 170 MB with the compiler loaded), one
    /// judge (about 85 MB, training on stand-ins included) and the host's runtime beyond its heap (a few MB), measured
    /// as peak resident memory, plus a margin of about a quarter.
    /// </summary>
    public const int ReserveMegabytes = 320;

    /// <summary>The control group's memory limit of this process in megabytes, or null when there is none.</summary>
    /// <returns>The smallest limit on the way up from this process's group to the root.</returns>
    public static long? LimitMegabytes()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/cgroup"))
        {
            return null;
        }

        var limits = new List<long>();
        foreach (var line in File.ReadAllLines("/proc/self/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            var (controllers, path) = (parts[1], parts[2]);
            if (controllers.Length == 0)
            {
                limits.AddRange(Along("/sys/fs/cgroup", path, "memory.max"));
            }
            else if (controllers.Split(',').Contains("memory"))
            {
                limits.AddRange(Along("/sys/fs/cgroup/memory", path, "memory.limit_in_bytes"));
            }
        }

        // No limit is written "max" (v2) or as a number near 2^63 (v1).
        var real = limits.Where(bytes => bytes is > 0 and < 1L << 50).ToList();
        return real.Count == 0 ? null : real.Min() / (1024 * 1024);
    }

    /// <summary>Why this machine cannot grade with this heap limit, or null when it can.</summary>
    /// <param name="heapMegabytes">The host's heap limit.</param>
    /// <param name="parallel">How many gradings run at once (batch --parallel).</param>
    /// <returns>A one-line reason with the fix.</returns>
    public static string? Shortfall(int heapMegabytes, int parallel = 1)
    {
        if (LimitMegabytes() is not { } limit)
        {
            return null;
        }

        var needed = (long)parallel * (heapMegabytes + ReserveMegabytes);
        return needed <= limit
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"this machine lets the grader use {limit} MB (its control group's memory limit), and {(parallel > 1 ? $"{parallel} gradings at once" : "a grading")} with a test process limit of {heapMegabytes} MB need{(parallel > 1 ? "" : "s")} {needed} MB: give it more memory (Gradescope: the autograder's memory setting){(parallel > 1 ? ", or grade fewer at once (--parallel)" : "")}");
    }

    /// <summary>The limits in a file found in the group's folder and each folder above it (a container sees its own group as the root).</summary>
    private static IEnumerable<long> Along(string mount, string path, string file)
    {
        var folder = path.Trim('/');
        while (true)
        {
            var candidate = Path.Combine(mount, folder, file);
            if (File.Exists(candidate) && long.TryParse(File.ReadAllText(candidate).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
            {
                yield return bytes;
            }

            if (folder.Length == 0)
            {
                yield break;
            }

            folder = Path.GetDirectoryName(folder) ?? "";
        }
    }
}
