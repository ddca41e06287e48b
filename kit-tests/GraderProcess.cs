using System.Diagnostics;

namespace Coursework.Grading.Tests;

/// <summary>Runs the real grader program, as CI and instructors do.</summary>
internal static class GraderProcess
{
    /// <summary>The kit's root: the folder above this test's output that holds Coursework.sln.</summary>
    public static string KitRoot { get; } = FindKitRoot();

    public static string ScenariosFolder => Path.Combine(KitRoot, "kit-tests", "Scenarios");

    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError);

    public static Outcome Run(params string[] arguments) => Run(null, arguments);

    public static Outcome Run(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Dotnet(KitRoot, TimeSpan.FromMinutes(10), environment, [Path.Combine(AppContext.BaseDirectory, "Coursework.Grader.dll"), .. arguments]);

    /// <summary>
    /// Grades as root would in a Docker container with the default profile (no new namespaces, Docker's capabilities):
    /// through Platforms/docker-like, so that the grader must pick the container tier.
    /// </summary>
    public static Outcome RunLikeDocker(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Program(DockerLike, KitRoot, TimeSpan.FromMinutes(10), environment, ["dotnet", Path.Combine(AppContext.BaseDirectory, "Coursework.Grader.dll"), .. arguments]);

    /// <summary>The Docker-like launcher (python3-seccomp, root).</summary>
    public static string DockerLike => Path.Combine(KitRoot, "kit-tests", "Platforms", "docker-like");

    /// <summary>Why this machine cannot simulate Docker's default profile, or null: root and python3-seccomp are needed.</summary>
    public static string? CannotSimulateDocker()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "simulating Docker's default profile needs Linux and root";
        }

        var probe = Program("/usr/bin/python3", KitRoot, TimeSpan.FromMinutes(1), null, ["-c", "import seccomp"]);
        return probe.ExitCode == 0 ? null : "python3-seccomp is not installed (apt-get install python3-seccomp)";
    }

    /// <summary>Runs dotnet with the arguments in a folder; fails the test if it takes longer than the limit.</summary>
    public static Outcome Dotnet(string workingDirectory, TimeSpan limit, params string[] arguments) => Dotnet(workingDirectory, limit, null, arguments);

    /// <summary>Runs dotnet with the arguments and extra environment variables in a folder.</summary>
    public static Outcome Dotnet(string workingDirectory, TimeSpan limit, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Program("dotnet", workingDirectory, limit, environment, arguments);

    /// <summary>Runs a program (bash, python3, unzip…) with the arguments and extra environment variables in a folder; fails the test if it takes longer than the limit.</summary>
    public static Outcome Program(string program, string workingDirectory, TimeSpan limit, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {limit.TotalMinutes} minutes");
        }

        return new Outcome(process.ExitCode, output.Result, error.Result);
    }

    private static string FindKitRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Coursework.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the kit.");
    }
}
