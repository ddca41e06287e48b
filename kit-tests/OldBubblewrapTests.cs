namespace Coursework.Grading.Tests;

/// <summary>
/// The namespaces tier with an old bubblewrap (Platforms/old-bubblewrap: 0.4.0's options, no --size, as on Ubuntu
/// 20.04; Ubuntu 22.04's 0.6.1 lacks --size too): the sandbox uses only the options it has, and the attacks that
/// depend on /tmp's size earn what their honest code earns with the file size limit alone.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class OldBubblewrapTests
{
    private string _folder = null!;

    [OneTimeSetUp]
    public void PutTheOldBubblewrapFirstOnThePath()
    {

        // Outside the kit, which the sandbox's user may not enter.
        _folder = Directory.CreateTempSubdirectory("old-bubblewrap-").FullName;
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
        var bwrap = Path.Combine(_folder, "bwrap");
        File.Copy(Path.Combine(GraderProcess.KitRoot, "kit-tests", "Platforms", "old-bubblewrap", "bwrap"), bwrap);
        File.SetUnixFileMode(bwrap, (UnixFileMode)0b111_101_101);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    private Dictionary<string, string> OldPath => new() { ["PATH"] = $"{_folder}:{Environment.GetEnvironmentVariable("PATH")}" };

    [Test]
    public void The_sandbox_works_with_a_bubblewrap_without_size()
    {
        var probe = GraderProcess.Run(OldPath, "sandbox");
        probe.StandardOutput.ShouldStartWith("sandbox: namespaces", customMessage: probe.StandardError);
    }

    [TestCase("attack-fills-the-disk")]
    [TestCase("attack-writes-outside-the-sandbox")]
    [TestCase("attack-forged-verdicts")]
    [TestCase("affine-forward-without-bias")]
    public void A_scenario_earns_the_same_with_an_old_bubblewrap(string scenario)
    {
        var result = GoldenScenarioTests.GradeAndCompare(scenario, OldPath, pointsOnly: true);
        result.ShouldContain("\"sandbox\": \"namespaces\"");
    }
}
