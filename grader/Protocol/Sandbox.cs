using System.Diagnostics;
using System.Globalization;

namespace Coursework.Grading.Protocol;

/// <summary>How the host (student code) is started: in a bubblewrap sandbox on Linux, or as a plain process.</summary>
/// <param name="Enabled">Whether to use the sandbox.</param>
/// <param name="MemoryMegabytes">The host's managed heap limit.</param>
/// <param name="CpuSeconds">CPU seconds the host may use in all (a backstop behind the grader's wall-clock limits).</param>
public sealed record SandboxOptions(bool Enabled, int MemoryMegabytes, int CpuSeconds);

/// <summary>
/// Starts the host with nothing of the grader's: an environment built from an allow-list, no arguments, and, in the
/// sandbox, new user, pid, network, IPC, UTS and cgroup namespaces, a read-only view of the system's /usr, the .NET
/// runtime and the host's own build output (nothing of the kit, other submissions, the output folder or $HOME),
/// a private 64 MB /tmp that is also its HOME, and limits on processes, file size, CPU time and memory. Every process
/// in the sandbox ends with it: its first process is the pid namespace's init, and bubblewrap dies with the judge.
/// </summary>
public static class Sandbox
{
    /// <summary>The size of the host's private /tmp, and the largest file it may write.</summary>
    public const long TempBytes = 64L * 1024 * 1024;

    /// <summary>How many processes and threads the host may have (.NET itself uses about 20).</summary>
    public const int MaxProcesses = 128;

    private const string HostInside = "/app";

    /// <summary>Why the sandbox cannot run here, or null if it can: a one-line reason naming what to install or set.</summary>
    /// <returns>Null when bubblewrap works.</returns>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the sandbox needs Linux (bubblewrap)";
        }

        foreach (var tool in new[] { "bwrap", "prlimit" })
        {
            if (Which(tool) is null)
            {
                return tool == "bwrap"
                    ? "bubblewrap is not installed (Debian and Ubuntu: sudo apt-get install bubblewrap)"
                    : "prlimit is not installed (Debian and Ubuntu: sudo apt-get install util-linux)";
            }
        }

        var probe = new ProcessStartInfo(Which("bwrap")!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in NamespaceArguments().Concat(SystemArguments()).Concat(["/bin/true"]))
        {
            probe.ArgumentList.Add(argument);
        }

        using var process = Process.Start(probe)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode == 0)
        {
            return null;
        }

        var first = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {process.ExitCode}";
        return $"bubblewrap cannot create its namespaces here ({first}); on Ubuntu 24.04 allow unprivileged user namespaces with 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0'";
    }

    /// <summary>The process to start for the host.</summary>
    /// <param name="hostFolder">The host's build output (Coursework.Host.dll and its dependencies), readable by everyone.</param>
    /// <param name="options">Sandbox or not, and the limits.</param>
    /// <returns>Ready to start, with standard input, output and error redirected; and, without the sandbox, the folder made for its HOME (the caller deletes it).</returns>
    public static (ProcessStartInfo Info, string? Scratch) HostStartInfo(string hostFolder, SandboxOptions options)
    {
        hostFolder = Path.GetFullPath(hostFolder);
        var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : Which("dotnet") ?? "dotnet";
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

        ProcessStartInfo info;
        string? scratch = null;
        if (!options.Enabled)
        {
            // No isolation but a clean environment and a folder of its own (HOME and the working folder).
            var home = scratch = Directory.CreateTempSubdirectory("coursework-host-").FullName;
            environment["HOME"] = environment["TMPDIR"] = home;
            info = new ProcessStartInfo(dotnet) { WorkingDirectory = home };
            info.ArgumentList.Add(Path.Combine(hostFolder, "Coursework.Host.dll"));
        }
        else
        {
            environment["HOME"] = environment["TMPDIR"] = "/tmp";
            var arguments = new List<string>();
            string program;
            if (Environment.UserName == "root")
            {
                // A user of its own outside the sandbox too, so that the process limit counts this sandbox alone
                // (root is exempt from it) and nothing outside belongs to it.
                var uid = (100_000 + Environment.ProcessId % 60_000).ToString(CultureInfo.InvariantCulture);
                program = Which("setpriv") ?? "setpriv";
                arguments.AddRange([$"--reuid={uid}", $"--regid={uid}", "--clear-groups", Which("prlimit") ?? "prlimit"]);
            }
            else
            {
                program = Which("prlimit") ?? "prlimit";
            }

            arguments.AddRange([
                // The file size limit is above /tmp's size, so that a full disk is an IOException, not a killed process.
                $"--nproc={MaxProcesses}", $"--fsize={2 * TempBytes}", $"--cpu={options.CpuSeconds}", "--core=0",
                $"--as={Math.Max(16L * 1024, 8L * options.MemoryMegabytes) * 1024 * 1024}", "--",
                Which("bwrap") ?? "bwrap",
            ]);
            arguments.AddRange(NamespaceArguments());
            arguments.AddRange(["--clearenv"]);
            foreach (var (name, value) in environment)
            {
                arguments.AddRange(["--setenv", name, value]);
            }

            arguments.AddRange(SystemArguments());
            var dotnetRoot = Path.GetDirectoryName(Path.GetFullPath(ResolveLinks(dotnet)))!;
            if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal))
            {
                arguments.AddRange(["--ro-bind", dotnetRoot, dotnetRoot]);
            }

            // Everything but /tmp read-only: bubblewrap's own root and /dev are memory that nothing else would bound.
            arguments.AddRange(["--ro-bind", hostFolder, HostInside, "--remount-ro", "/dev", "--remount-ro", "/", "--chdir", "/tmp",
                ResolveLinks(dotnet), $"{HostInside}/Coursework.Host.dll"]);
            environment.Clear(); // given inside; outside, the launcher needs none
            info = new ProcessStartInfo(program);
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
        }

        info.RedirectStandardInput = info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        if (options.Enabled)
        {
            info.Environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        }

        return (info, scratch);
    }

    private static IEnumerable<string> NamespaceArguments() =>
        ["--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
         "--die-with-parent", "--new-session", "--cap-drop", "ALL"];

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

        arguments.AddRange(["--proc", "/proc", "--dev", "/dev", "--size", TempBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp"]);
        return arguments;
    }

    private static string ResolveLinks(string path) =>
        File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Concat(["/usr/bin", "/bin", "/usr/sbin", "/sbin"])
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);
}
