using System.Text.Json;

namespace Coursework.Grading.Tests;

/// <summary>
/// Every exercise file and its reference solution expose the same public API (types, members, signatures;
/// bodies and docs may differ), so swapping in the reference can never break a build. The files come from the
/// assignment manifest.
/// </summary>
public class ApiDriftTests
{
    public static IEnumerable<TestCaseData> FilePairs()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(GraderProcess.KitRoot, "grader", "assignment.json")));
        foreach (var task in manifest.RootElement.GetProperty("tasks").EnumerateArray())
        {
            var files = task.GetProperty("files");
            var stubs = files.GetProperty("stub").EnumerateArray().Select(f => f.GetString()!).ToList();
            var solutions = files.GetProperty("solution").EnumerateArray().Select(f => f.GetString()!).ToList();
            foreach (var stub in stubs)
            {
                var solution = solutions.SingleOrDefault(s => Path.GetFileName(s) == Path.GetFileName(stub));
                yield return new TestCaseData(stub, solution ?? "(none)")
                    .SetName($"Task {task.GetProperty("id").GetInt32()}: {Path.GetFileName(stub)} has the same public API in exercises and solutions");
            }
        }
    }

    [TestCaseSource(nameof(FilePairs))]
    public void Exercise_and_solution_expose_the_same_public_API(string stub, string solution)
    {
        File.Exists(Path.Combine(GraderProcess.KitRoot, solution)).ShouldBeTrue($"the manifest names no reference file for {stub} (same file name)");

        var diff = Diff(Read(stub), Read(solution));

        diff.ShouldBeEmpty($"the public API of {stub} and {solution} differ:\n{string.Join('\n', diff)}\n");
    }

    /// <summary>Each exercise file and the judge's stand-in for its class (bridge/Proxies).</summary>
    /// <returns>One case per stub file.</returns>
    public static IEnumerable<TestCaseData> StandInPairs()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(GraderProcess.KitRoot, "grader", "assignment.json")));
        foreach (var task in manifest.RootElement.GetProperty("tasks").EnumerateArray())
        {
            foreach (var stub in task.GetProperty("files").GetProperty("stub").EnumerateArray().Select(f => f.GetString()!))
            {
                yield return new TestCaseData(stub, $"bridge/Proxies/{Path.GetFileName(stub)}")
                    .SetName($"Task {task.GetProperty("id").GetInt32()}: the judge's stand-in for {Path.GetFileNameWithoutExtension(stub)} has the exercise's public API");
            }
        }
    }

    [TestCaseSource(nameof(StandInPairs))]
    public void The_stand_in_the_judge_calls_through_has_the_exercise_API(string stub, string standIn)
    {
        File.Exists(Path.Combine(GraderProcess.KitRoot, standIn)).ShouldBeTrue($"the judge has no stand-in {standIn} for {stub}: add one (one call per member)");

        var diff = Diff(Read(stub), Read(standIn));

        diff.ShouldBeEmpty($"the public API of {stub} and its stand-in {standIn} differ (the hidden tests would not compile against the student's API):\n{string.Join('\n', diff)}\n");
    }

    /// <summary>The judge's own versions of the classes other tasks build on, which the host's stand-ins for them call.</summary>
    private const string Served = "judge/Oracles/ServedClasses.cs";

    /// <summary>Each stub of a task that some task builds on (the manifest's dependsOn): the classes the judge may have to serve.</summary>
    /// <returns>One case per stub file.</returns>
    public static IEnumerable<TestCaseData> ServedStubs()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(GraderProcess.KitRoot, "grader", "assignment.json")));
        var tasks = manifest.RootElement.GetProperty("tasks").EnumerateArray().ToList();
        var builtOn = tasks.Where(task => task.TryGetProperty("dependsOn", out _))
            .SelectMany(task => task.GetProperty("dependsOn").EnumerateArray().Select(id => id.GetInt32())).ToHashSet();
        foreach (var task in tasks.Where(task => builtOn.Contains(task.GetProperty("id").GetInt32())))
        {
            foreach (var stub in task.GetProperty("files").GetProperty("stub").EnumerateArray().Select(f => f.GetString()!))
            {
                yield return new TestCaseData(stub)
                    .SetName($"Task {task.GetProperty("id").GetInt32()}: the judge serves {Path.GetFileNameWithoutExtension(stub)} with the exercise's public API");
            }
        }
    }

    [TestCaseSource(nameof(ServedStubs))]
    public void The_judge_has_its_own_version_of_each_class_a_task_builds_on(string stub)
    {
        var stubApi = Read(stub);
        var classes = stubApi.Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)]).ToHashSet();
        var served = Read(Served).Where(line => classes.Contains(line[..line.IndexOf(':', StringComparison.Ordinal)])).ToList();

        served.ShouldNotBeEmpty($"{Served} has no class of {stub}: a task that builds on it could not be graded apart from it (add one, the model answer's operations)");
        var diff = Diff(stubApi, served);
        diff.ShouldBeEmpty($"the public API of {stub} and the judge's version in {Served} differ:\n{string.Join('\n', diff)}\n");
    }

    [Test]
    public void The_check_reports_a_changed_parameter_type_as_a_readable_diff()
    {
        const string exercise = "public sealed class ReLU { public Matrix<double> Forward(Matrix<double> inputs) { throw new NotImplementedException(); } }";
        const string solution = "public sealed class ReLU { public Matrix<double> Forward(Matrix<float> inputs) => inputs; private int _unused; }";

        Diff(PublicApi.Of(exercise), PublicApi.Of(solution)).ShouldBe([
            "- exercises only: ReLU: public Matrix<double> Forward(Matrix<double> inputs)",
            "+ solutions only: ReLU: public Matrix<double> Forward(Matrix<float> inputs)",
        ]);
    }

    [Test]
    public void Bodies_docs_and_private_members_do_not_count()
    {
        const string exercise = "/// <summary>Doc.</summary>\npublic sealed class A { public int P { get; set; } public A(int x) { throw new NotImplementedException(); } }";
        const string solution = "public sealed class A { private readonly int _x; public int P { get; set; } = 3; public A(int x) { _x = x; } }";

        Diff(PublicApi.Of(exercise), PublicApi.Of(solution)).ShouldBeEmpty();
    }

    private static IReadOnlyList<string> Read(string relative) => PublicApi.Of(File.ReadAllText(Path.Combine(GraderProcess.KitRoot, relative)));

    private static List<string> Diff(IReadOnlyList<string> exercise, IReadOnlyList<string> solution) =>
        exercise.Except(solution).Select(line => $"- exercises only: {line}")
            .Concat(solution.Except(exercise).Select(line => $"+ solutions only: {line}"))
            .ToList();
}
