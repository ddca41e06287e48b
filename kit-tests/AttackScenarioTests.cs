using System.Net;
using System.Net.Sockets;

namespace Coursework.Grading.Tests;

/// <summary>
/// The attack scenarios (Scenarios/attack-*): each is graded like a golden scenario, one at a time, with a secret in
/// the grader's environment and a listener on the loopback, and afterwards the machine is checked: no canary file in
/// the kit, the home folder or the temporary folder, no filler file, no process of the attack left, no connection,
/// and the secret nowhere in the result.
/// </summary>
[NonParallelizable]
public class AttackScenarioTests
{
    private const string Secret = "ghp_golden0secret0token0for0the0attack0scenarios";
    private const int ListenerPort = 47123;

    private static readonly string[] Watched =
        [GraderProcess.KitRoot, Environment.GetEnvironmentVariable("HOME") ?? "/root", Path.GetTempPath(), "/work", "/var/tmp", "/dev/shm"];

    private static IEnumerable<string> AttackNames() =>
        Directory.GetDirectories(GraderProcess.ScenariosFolder)
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => name.StartsWith("attack-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<TestCaseData> Attacks() =>
        AttackNames().Select(name => new TestCaseData(name).SetName($"Attack {name} earns what its honest code earns and leaves nothing behind"));

    public static IEnumerable<TestCaseData> AttacksInAContainer() =>
        AttackNames().Select(name => new TestCaseData(name).SetName($"In a Docker-like container, attack {name} earns what its honest code earns and leaves nothing behind"));

    [TestCaseSource(nameof(Attacks))]
    public void Attack_earns_what_its_honest_code_earns_and_leaves_nothing_behind(string scenario) =>
        GradeAttack(scenario, likeDocker: false);

    /// <summary>
    /// The same attacks where bubblewrap cannot run: root in a container with Docker's default profile, so the
    /// container tier (no namespaces: a user of its own, and a seccomp filter for the network).
    /// </summary>
    [TestCaseSource(nameof(AttacksInAContainer))]
    public void Attack_in_a_Docker_like_container_earns_what_its_honest_code_earns_and_leaves_nothing_behind(string scenario)
    {
        if (GraderProcess.CannotSimulateDocker() is { } reason)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail($"CI must prove the container tier: {reason}");
            }

            Assert.Ignore(reason);
        }

        GradeAttack(scenario, likeDocker: true);
    }

    private static void GradeAttack(string scenario, bool likeDocker)
    {
        RemoveLeftovers();
        using var listener = new TcpListener(IPAddress.Loopback, ListenerPort);
        listener.Start();

        var result = GoldenScenarioTests.GradeAndCompare(scenario, new Dictionary<string, string> { ["GITHUB_TOKEN"] = Secret }, likeDocker);
        result.ShouldContain(likeDocker ? "\"sandbox\": \"container\"" : "\"sandbox\": \"namespaces\"");

        if (scenario.Contains("process", StringComparison.Ordinal))
        {
            Thread.Sleep(TimeSpan.FromSeconds(5)); // longer than the detached process waits before it writes
        }

        listener.Pending().ShouldBeFalse("student code connected to a port on the machine's loopback");
        result.ShouldNotContain(Secret, customMessage: "the grader's secret reached the result");
        Leftovers().ShouldBeEmpty("student code left files or processes outside the sandbox");
    }

    /// <summary>Canary and filler files in the watched folders (and one level down), and processes of the attacks.</summary>
    private static List<string> Leftovers()
    {
        var files = Watched.Where(Directory.Exists)
            .SelectMany(folder => new[] { folder }.Concat(SafeFolders(folder)))
            .SelectMany(folder => new[] { "coursework-attack-canary", "coursework-attack-filler" }.Select(name => Path.Combine(folder, name)))
            .Where(File.Exists);
        var processes = SafeFolders("/proc")
            .Select(folder => (Folder: folder, CommandLine: Read(Path.Combine(folder, "cmdline"))))
            .Where(p => p.CommandLine.Contains("coursework-attack", StringComparison.Ordinal) && !p.CommandLine.Contains("dotnet", StringComparison.Ordinal))
            .Select(p => $"process {Path.GetFileName(p.Folder)}: {p.CommandLine.Replace('\0', ' ')}");
        return [.. files, .. processes];
    }

    private static void RemoveLeftovers()
    {
        foreach (var file in Leftovers().Where(File.Exists))
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<string> SafeFolders(string folder)
    {
        try
        {
            return Directory.GetDirectories(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
