using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Coursework.Grading.Protocol;

/// <summary>How strongly student code is isolated, from the strongest tier down; the grader picks the strongest that works.</summary>
public enum SandboxTier
{
    /// <summary>No isolation but a clean environment and a folder of its own: a student's own machine, or --no-sandbox.</summary>
    None,

    /// <summary>
    /// Root in a container that forbids new namespaces (Docker's default seccomp profile, Gradescope): a user of its
    /// own with no groups and no new privileges, rlimits, an allow-listed environment, no network (a seccomp filter:
    /// confine), and the kit, the grader's files and the results shut out from that user by ownership and
    /// modes; every process of that user killed at the end.
    /// </summary>
    Container,

    /// <summary>Bubblewrap: new user, pid, network, IPC and UTS namespaces, a read-only system and a private /tmp.</summary>
    Namespaces,
}

/// <summary>How the host (student code) is started.</summary>
/// <param name="Tier">How it is isolated.</param>
/// <param name="MemoryMegabytes">The host's managed heap limit.</param>
/// <param name="CpuSeconds">CPU seconds the host may use in all (a backstop behind the grader's wall-clock limits).</param>
/// <param name="UserId">The user the host runs as when the grader is root (0: the grader's own user, when it is not root).</param>
public sealed record SandboxOptions(SandboxTier Tier, int MemoryMegabytes, int CpuSeconds, int UserId = 0);

/// <summary>What the machine allows.</summary>
/// <param name="Tier">The strongest tier that works here.</param>
/// <param name="Weaker">Why no stronger tier works (its cause and fix), or null for <see cref="SandboxTier.Namespaces"/>.</param>
public sealed record SandboxSupport(SandboxTier Tier, string? Weaker);

/// <summary>
/// Starts the host with nothing of the grader's: an environment built from an allow-list, no arguments, limits on
/// processes, file size, CPU time and memory, and as much isolation as the machine allows (<see cref="SandboxTier"/>).
/// With namespaces the host sees a read-only /usr, the .NET runtime and its own build output (nothing of the kit,
/// other submissions, the output folder or $HOME), a private 64 MB /tmp that is also its HOME, and every process in
/// it ends with it. In a container it runs as a user of its own whose every process is killed when the host ends,
/// and whose files in the shared temporary folders are deleted then.
/// </summary>
public static class Sandbox
{
    /// <summary>The size of the host's private /tmp (where bubblewrap can size it), and the largest file it may write.</summary>
    public const long TempBytes = 64L * 1024 * 1024;

    /// <summary>How many processes and threads the host may have (.NET itself uses about 20).</summary>
    public const int MaxProcesses = 128;

    private const string HostInside = "/app";

    /// <summary>The folder in a host's folder that holds the network filter (confine) the container tier starts it through.</summary>
    public const string ConfineFolder = "confine";

    /// <summary>Folders every user may write to, where a sandbox user's files are deleted when it ends.</summary>
    private static readonly string[] SharedWritable = ["/tmp", "/var/tmp", "/dev/shm", "/run/lock"];

    /// <summary>The options of bubblewrap without which it is no sandbox (all in 0.4, Ubuntu 20.04's).</summary>
    private static readonly string[] RequiredBubblewrapOptions =
        ["--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--ro-bind", "--proc", "--dev", "--tmpfs", "--chdir"];

    private static readonly Lazy<SandboxSupport> Support = new(Probe);

    private static readonly Lazy<IReadOnlySet<string>> BubblewrapOptions = new(ReadBubblewrapOptions);

    /// <summary>The strongest tier that works on this machine, probed once per process.</summary>
    /// <returns>The tier, and why no stronger one works.</returns>
    public static SandboxSupport Detect() => Support.Value;

    /// <summary>The user a grading's hosts run as when the grader is root: one per grading process, none of the machine's.</summary>
    /// <returns>A user id from 100000 on, or 0 when the grader is not root (the host then runs as the grader's user).</returns>
    public static int UserForThisGrading() => IsRoot ? 100_000 + Environment.ProcessId % 60_000 : 0;

    /// <summary>Whether this process runs as root.</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    private static SandboxSupport Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return new(SandboxTier.None, "the sandbox needs Linux");
        }

        var namespaces = WhyNoNamespaces();
        if (namespaces is null)
        {
            return new(SandboxTier.Namespaces, null);
        }

        if (!IsRoot)
        {
            return new(SandboxTier.None, namespaces + (InContainer()
                ? "; run the grader as root in this container for the container sandbox"
                : "; without namespaces, the container sandbox needs the grader to run as root"));
        }

        if (WhyNoContainerTier() is { } container)
        {
            return new(SandboxTier.None, $"{namespaces}; and the container sandbox cannot run either: {container}");
        }

        return new(SandboxTier.Container, namespaces);
    }

    /// <summary>Why bubblewrap cannot isolate here, naming the cause and its fix; null when it can.</summary>
    private static string? WhyNoNamespaces()
    {
        if (Which("bwrap") is not { } bwrap)
        {
            return "bubblewrap is not installed (Debian and Ubuntu: apt-get install bubblewrap)";
        }

        if (Which("prlimit") is null)
        {
            return "prlimit is not installed (Debian and Ubuntu: apt-get install util-linux)";
        }

        var missing = RequiredBubblewrapOptions.Where(option => !BubblewrapOptions.Value.Contains(option)).ToList();
        if (missing.Count > 0)
        {
            return $"this bubblewrap is too old (it lacks {string.Join(' ', missing)}; 0.4 or later has them)";
        }

        // As the user the hosts will run as: root may create namespaces where that user may not (Ubuntu's AppArmor rule).
        var (exit, error) = IsRoot && Which("setpriv") is { } setpriv
            ? Run(setpriv, [.. SwitchUser(UserForThisGrading())[1..], bwrap, .. NamespaceArguments(), .. SystemArguments(), "/bin/true"])
            : Run(bwrap, [.. NamespaceArguments(), .. SystemArguments(), "/bin/true"]);
        if (exit == 0)
        {
            return null;
        }

        var first = FirstLine(error, exit);
        first = first.Split(", likely", 2)[0].TrimEnd('.');
        return $"bubblewrap cannot create its namespaces here ({first}): {NamespaceCause()}";
    }

    /// <summary>Why new namespaces are refused, from what the machine says about itself, and what to do about it.</summary>
    private static string NamespaceCause()
    {
        static string? Setting(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        if (InContainer())
        {
            return "this is a container whose seccomp profile forbids new namespaces (Docker's default, Gradescope's)";
        }

        if (Setting("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1")
        {
            return "Ubuntu's AppArmor rule forbids unprivileged user namespaces; give bwrap an AppArmor profile with 'userns' " +
                   "(see the template's workflow) or run 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0'";
        }

        if (Setting("/proc/sys/kernel/unprivileged_userns_clone") == "0")
        {
            return "unprivileged user namespaces are switched off; run 'sudo sysctl -w kernel.unprivileged_userns_clone=1'";
        }

        if (Setting("/proc/sys/user/max_user_namespaces") == "0")
        {
            return "user namespaces are switched off; run 'sudo sysctl -w user.max_user_namespaces=15000'";
        }

        return "user namespaces are not allowed to this user here";
    }

    private static bool InContainer() =>
        File.Exists("/.dockerenv") || File.Exists("/run/.containerenv") ||
        (File.Exists("/proc/1/cgroup") && File.ReadAllText("/proc/1/cgroup") is var cgroups &&
         (cgroups.Contains("docker", StringComparison.Ordinal) || cgroups.Contains("kubepods", StringComparison.Ordinal) || cgroups.Contains("containerd", StringComparison.Ordinal)));

    /// <summary>Why the container tier cannot run here (as root), or null: it needs setpriv and prlimit, and the runtime readable by another user.</summary>
    private static string? WhyNoContainerTier()
    {
        foreach (var tool in new[] { "setpriv", "prlimit" })
        {
            if (Which(tool) is null)
            {
                return $"{tool} is not installed (Debian and Ubuntu: apt-get install util-linux)";
            }
        }

        var dotnet = DotnetPath();
        var (exit, error) = Run(Which("setpriv")!, [.. SwitchUser(UserForThisGrading())[1..], dotnet, "--list-runtimes"]);
        return exit == 0
            ? null
            : $"the .NET runtime ({dotnet}) does not start as another user ({FirstLine(error, exit)}); install .NET where every user can read it, e.g. /usr/share/dotnet";
    }

    /// <summary>
    /// Why the network filter of the container tier (confine) does not hold here, or null when it does: run
    /// once on /bin/true, so that a missing build or a kernel that refuses the filter stops grading before any host.
    /// </summary>
    /// <param name="confine">Coursework.Confine.dll.</param>
    /// <returns>A one-line reason, or null.</returns>
    public static string? WhyNoNetworkFilter(string confine)
    {
        if (!File.Exists(confine))
        {
            return $"{confine} is missing: build the grader";
        }

        var (exit, error) = Run(DotnetPath(), [confine, "/bin/true"]);
        return exit == 0 ? null : FirstLine(error, exit);
    }

    /// <summary>The process to start for the host.</summary>
    /// <param name="hostFolder">The host's build output (Coursework.Host.dll and its dependencies), readable by everyone.</param>
    /// <param name="options">The tier and the limits.</param>
    /// <returns>Ready to start, with standard input, output and error redirected; and the folder made for its HOME, if any (<see cref="End"/> removes it).</returns>
    public static (ProcessStartInfo Info, string? Scratch) HostStartInfo(string hostFolder, SandboxOptions options)
    {
        hostFolder = Path.GetFullPath(hostFolder);
        var dotnet = DotnetPath();
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_GCHeapHardLimit"] = (options.MemoryMegabytes * 1024L * 1024L).ToString("X", CultureInfo.InvariantCulture),
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_DbgEnableMiniDump"] = "0",
            ["DOTNET_EnableDiagnostics"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["PATH"] = "/usr/bin:/bin",
            ["LANG"] = "C.UTF-8",
        };
        if (Environment.GetEnvironmentVariable("COURSEWORK_MANAGED_LINEAR_ALGEBRA") is "1")
        {
            environment["COURSEWORK_MANAGED_LINEAR_ALGEBRA"] = "1";
        }

        string program;
        var arguments = new List<string>();
        string? scratch = null;
        string workingFolder;
        switch (options.Tier)
        {
            case SandboxTier.None:
                // No isolation but a clean environment and a folder of its own (HOME and the working folder).
                scratch = workingFolder = Directory.CreateTempSubdirectory("coursework-host-").FullName;
                environment["HOME"] = environment["TMPDIR"] = scratch;
                program = dotnet;
                arguments.Add(Path.Combine(hostFolder, "Coursework.Host.dll"));
                break;
            case SandboxTier.Container:
                // The host's own folder, private to its user; everything else it may write is shared and cleaned at the end.
                scratch = workingFolder = Directory.CreateTempSubdirectory("coursework-host-").FullName;
                GiveTo(scratch, options.UserId);
                environment["HOME"] = environment["TMPDIR"] = scratch;
                // No network namespace here: the host starts behind a seccomp filter that refuses it the network.
                var confine = Path.Combine(hostFolder, ConfineFolder, "Coursework.Confine.dll");
                if (!File.Exists(confine))
                {
                    throw new InvalidOperationException($"the network filter is missing from the host's folder ({confine}): build the grader");
                }

                arguments.AddRange([.. SwitchUser(options.UserId), .. FirstToGoWhenMemoryRunsOut(), .. Limits(options), .. FileSizeHandling(options.Tier),
                    dotnet, confine, dotnet, Path.Combine(hostFolder, "Coursework.Host.dll")]);
                program = arguments[0];
                arguments.RemoveAt(0);
                break;
            default:
                environment["HOME"] = environment["TMPDIR"] = "/tmp";
                workingFolder = "/";
                if (options.UserId != 0)
                {
                    // A user of its own outside the sandbox too, so that the process limit counts this sandbox alone
                    // (root is exempt from it) and nothing outside belongs to it.
                    arguments.AddRange(SwitchUser(options.UserId));
                }

                arguments.AddRange([.. FirstToGoWhenMemoryRunsOut(), .. Limits(options)]);
                program = arguments[0];
                arguments.RemoveAt(0);
                arguments.Add(Which("bwrap") ?? "bwrap");
                arguments.AddRange(NamespaceArguments());
                arguments.AddRange(SystemArguments());
                var dotnetRoot = Path.GetDirectoryName(dotnet)!;
                if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal))
                {
                    arguments.AddRange(["--ro-bind", dotnetRoot, dotnetRoot]);
                }

                // Everything but /tmp read-only: bubblewrap's own root and /dev are memory that nothing else would bound.
                arguments.AddRange(["--ro-bind", hostFolder, HostInside]);
                if (BubblewrapOptions.Value.Contains("--remount-ro"))
                {
                    arguments.AddRange(["--remount-ro", "/dev", "--remount-ro", "/"]);
                }

                arguments.AddRange(["--chdir", "/tmp", .. FileSizeHandling(options.Tier), dotnet, $"{HostInside}/Coursework.Host.dll"]);
                break;
        }

        var info = new ProcessStartInfo(program) { WorkingDirectory = workingFolder, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardInput = info.RedirectStandardOutput = info.RedirectStandardError = true;
        // The launchers (setpriv, prlimit, bubblewrap) pass this environment on unchanged: it is the host's.
        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return (info, scratch);
    }

    /// <summary>
    /// Ends what a host left: its HOME folder, and, where it ran as a user of its own, every process of that user
    /// (a detached child, a sleeper) and that user's files in the shared temporary folders. Runs as root; returns
    /// only when no process of the user is left, so that nothing of the student's runs while results are written.
    /// </summary>
    /// <param name="options">How the host ran.</param>
    /// <param name="scratch">Its HOME folder, if it had one of its own.</param>
    public static void End(SandboxOptions options, string? scratch)
    {
        if (options.UserId != 0 && IsRoot)
        {
            KillEveryProcessOf(options.UserId);
            if (options.Tier == SandboxTier.Container)
            {
                DeleteFilesOf(options.UserId);
            }
        }

        try
        {
            if (scratch is not null && Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // a leftover temporary folder costs disk space, not a grade
        }
    }

    /// <summary>
    /// For the container tier: makes each folder inaccessible to the sandbox's user (no read, write or search by group
    /// and others, where root owns it) and checks, as that user, that it is. The shared temporary folder itself is
    /// left as it is (what the user writes there is deleted before any result is written).
    /// </summary>
    /// <param name="folders">The kit, the output folders, the submissions.</param>
    /// <param name="userId">The sandbox's user.</param>
    /// <returns>What was changed, one line per folder; and the problem, if a folder stays accessible to the sandbox's user.</returns>
    public static (IReadOnlyList<string> Changed, string? Problem) ShutOut(IEnumerable<string> folders, int userId)
    {
        var changed = new List<string>();
        if (OperatingSystem.IsWindows())
        {
            return (changed, "the container sandbox needs Linux");
        }

        var targets = folders.Select(Path.GetFullPath).Where(Directory.Exists).Distinct().ToList();
        foreach (var folder in targets)
        {
            var mode = File.GetUnixFileMode(folder);
            if (mode.HasFlag(UnixFileMode.StickyBit) || folder == "/")
            {
                continue;
            }

            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0 && OwnerOf(folder) == 0)
            {
                File.SetUnixFileMode(folder, mode & ~others);
                changed.Add($"{folder}: mode {Octal(mode)} -> {Octal(mode & ~others)}");
            }
        }

        var checkable = new List<string>();
        foreach (var folder in targets)
        {
            if (folder != "/" && !File.GetUnixFileMode(folder).HasFlag(UnixFileMode.StickyBit))
            {
                checkable.Add(folder);
            }
        }

        if (checkable.Count > 0)
        {
            // As the sandbox's user: which of them it can still list, enter or write.
            var (_, open) = Run(Which("setpriv")!, [.. SwitchUser(userId)[1..], "/bin/sh", "-c",
                "for f do if [ -r \"$f\" ] || [ -w \"$f\" ] || [ -x \"$f\" ]; then echo \"$f\" >&2; fi; done", "sh", .. checkable]);
            var reachable = open.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (reachable.Length > 0)
            {
                return (changed, $"the container sandbox cannot shut student code out of {reachable[0]} (its owner is not root, or it is on a file system without modes); move it, or make it readable by root alone");
            }
        }

        return (changed, null);
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0b111_111_111, 8);

    /// <summary>setpriv's options that switch to the sandbox's user for good: no groups, no capabilities, no setuid programs.</summary>
    private static string[] SwitchUser(int userId)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        return [Which("setpriv") ?? "setpriv", $"--reuid={id}", $"--regid={id}", "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--"];
    }

    /// <summary>prlimit and its limits.</summary>
    private static string[] Limits(SandboxOptions options) =>
    [
        Which("prlimit") ?? "prlimit",
        // The file size limit is above the private /tmp's size, so that where /tmp is bounded a full disk is an
        // IOException, not a dead host (SIGXFSZ).
        $"--nproc={MaxProcesses}", $"--fsize={2 * TempBytes}", $"--cpu={options.CpuSeconds}", "--core=0",
        $"--as={Math.Max(16L * 1024, 8L * options.MemoryMegabytes) * 1024 * 1024}", "--",
    ];

    /// <summary>
    /// Where nothing bounds the writable space as a whole (the container tier; a bubblewrap before 0.7, which cannot
    /// size /tmp), the file size limit is what stops a disk filler: there the signal is ignored, so that the write
    /// fails with an IOException in the student's code, as a full /tmp would, instead of killing the host.
    /// </summary>
    private static string[] FileSizeHandling(SandboxTier tier) =>
        tier == SandboxTier.Container || !BubblewrapOptions.Value.Contains("--size") ? IgnoreFileSizeSignal() : [];

    /// <summary>
    /// A shell that makes the host (and what it starts) the first process the kernel kills when the machine or the
    /// container runs out of memory, before the judge or the grader, so that a memory blow-up costs a test, not the
    /// grading; then runs the rest of the command line.
    /// </summary>
    private static string[] FirstToGoWhenMemoryRunsOut() =>
        ["/bin/sh", "-c", "echo 1000 > /proc/self/oom_score_adj 2>/dev/null; exec \"$@\"", "sh"];

    /// <summary>A shell that sets SIGXFSZ to ignored (kept across exec) and runs the rest of the command line.</summary>
    private static string[] IgnoreFileSizeSignal() => ["/bin/sh", "-c", "trap '' XFSZ; exec \"$@\"", "sh"];

    private static IEnumerable<string> NamespaceArguments()
    {
        var available = BubblewrapOptions.Value;
        var arguments = new List<string> { "--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--die-with-parent" };
        // Optional where an old bubblewrap lacks them; what they add is kept otherwise (a new session: setsid in the
        // host is harmless without a terminal; capabilities: the host's user in its namespace has none it may use outside).
        foreach (var option in new[] { "--unshare-cgroup-try", "--new-session" })
        {
            if (available.Contains(option))
            {
                arguments.Add(option);
            }
        }

        if (available.Contains("--cap-drop"))
        {
            arguments.AddRange(["--cap-drop", "ALL"]);
        }

        return arguments;
    }

    /// <summary>The system, read-only, and a private /proc, /dev and /tmp: what a .NET program needs to start.</summary>
    private static IEnumerable<string> SystemArguments()
    {
        var arguments = new List<string> { "--ro-bind", "/usr", "/usr" };
        foreach (var top in new[] { "/bin", "/lib", "/lib64", "/sbin" })
        {
            if (new FileInfo(top) is { LinkTarget: { } target })
            {
                arguments.AddRange(["--symlink", target, top]);
            }
            else if (Directory.Exists(top))
            {
                arguments.AddRange(["--ro-bind", top, top]);
            }
        }

        arguments.AddRange(["--proc", "/proc", "--dev", "/dev"]);
        // Bubblewrap sizes a tmpfs from 0.7 on; before that /tmp is bounded per file only (the file size limit).
        if (BubblewrapOptions.Value.Contains("--size"))
        {
            arguments.AddRange(["--size", TempBytes.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["--tmpfs", "/tmp"]);
        return arguments;
    }

    /// <summary>The options this bubblewrap has, from its own help (feature detection, not its version).</summary>
    private static IReadOnlySet<string> ReadBubblewrapOptions()
    {
        if (Which("bwrap") is not { } bwrap)
        {
            return new HashSet<string>();
        }

        var (_, help) = Run(bwrap, ["--help"], standardOutput: true);
        return System.Text.RegularExpressions.Regex.Matches(help, @"(?<![\w-])--[a-z][a-z-]*").Select(match => match.Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Kills every process of the user until none is left (a process may fork while the others die).</summary>
    private static void KillEveryProcessOf(int userId)
    {
        for (var round = 0; round < 200; round++)
        {
            var found = ProcessesOf(userId);
            if (found.Count == 0)
            {
                return;
            }

            foreach (var pid in found)
            {
                _ = Kill(pid, 9);
            }

            Thread.Sleep(round < 10 ? 5 : 50);
        }

        throw new InvalidOperationException($"processes of the sandbox's user {userId} are still running after 200 rounds of killing them");
    }

    private static List<int> ProcessesOf(int userId)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // "Uid: real effective saved filesystem": any of them makes it the sandbox's.
                var uids = File.ReadLines(Path.Combine(folder, "status")).FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
                if (uids is not null && uids.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries).Skip(1).Contains(id))
                {
                    found.Add(pid);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // it ended while being read
            }
        }

        return found;
    }

    /// <summary>
    /// Deletes what the user left in the folders every user may write to (no process of it is left to race): its
    /// entries there, and in every folder below them that others may write to (such as /tmp/.dotnet), where alone it
    /// could have made more.
    /// </summary>
    private static void DeleteFilesOf(int userId)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folders = new Stack<string>(SharedWritable.Where(Directory.Exists));
        while (folders.TryPop(out var folder))
        {
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(folder).ToList();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                try
                {
                    var isFolder = Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null;
                    if (OwnerOf(entry) == userId)
                    {
                        if (isFolder)
                        {
                            Directory.Delete(entry, recursive: true);
                        }
                        else
                        {
                            File.Delete(entry);
                        }
                    }
                    else if (isFolder && File.GetUnixFileMode(entry).HasFlag(UnixFileMode.OtherWrite))
                    {
                        folders.Push(entry);
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // gone already, or not deletable: it cannot run, and the results are written elsewhere
                }
            }
        }
    }

    private static void GiveTo(string folder, int userId)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (Chown(folder, userId, userId) != 0)
        {
            throw new InvalidOperationException($"cannot give {folder} to the sandbox's user {userId} (errno {Marshal.GetLastPInvokeError()})");
        }

        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The owner of a path, without following a link; -1 if it cannot be read.</summary>
    private static int OwnerOf(string path)
    {
        // statx has one layout on every architecture: the owner's id is the 32-bit field at byte 20.
        var buffer = new byte[256];
        return StatX(-100 /* AT_FDCWD */, path, 0x100 /* AT_SYMLINK_NOFOLLOW */, 0x8 /* STATX_UID */, buffer) == 0
            ? BitConverter.ToInt32(buffer, 20)
            : -1;
    }

    /// <summary>The resolved path of the dotnet executable that runs the host.</summary>
    private static string DotnetPath()
    {
        var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : Which("dotnet") ?? "dotnet";
        return Path.GetFullPath(File.ResolveLinkTarget(dotnet, returnFinalTarget: true)?.FullName ?? dotnet);
    }

    private static (int Exit, string Text) Run(string program, IEnumerable<string> arguments, bool standardOutput = false)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, standardOutput ? output.Result + error : error);
    }

    private static string FirstLine(string text, int exit) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {exit}";

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Concat(["/usr/bin", "/bin", "/usr/sbin", "/sbin"])
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatX(int directory, string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown(string path, int owner, int group);
}
