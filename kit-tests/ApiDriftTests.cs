using Coursework.StandIns;

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
        foreach (var task in KitTasks.Manifest.Tasks)
        {
            foreach (var stub in task.Files.Stub)
            {
                var solution = task.Files.Solution.SingleOrDefault(s => Path.GetFileName(s) == Path.GetFileName(stub));
                yield return new TestCaseData(stub, solution ?? "(none)")
                    .SetName($"Task {task.Id}: {Path.GetFileName(stub)} has the same public API in exercises and solutions");
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

    /// <summary>Each exercise file, for the stand-in written from the kit's API file of its class.</summary>
    /// <returns>One case per stub file.</returns>
    public static IEnumerable<TestCaseData> StandInCases()
    {
        foreach (var task in KitTasks.Manifest.Tasks)
        {
            foreach (var stub in task.Files.Stub)
            {
                yield return new TestCaseData(task.Id, stub)
                    .SetName($"Task {task.Id}: the generated stand-in for {Path.GetFileNameWithoutExtension(stub)} has the exercise's public API");
            }
        }
    }

    [TestCaseSource(nameof(StandInCases))]
    public void The_generated_stand_in_has_the_exercise_API(int taskId, string stub)
    {
        var kit = new KitLayout(GraderProcess.KitRoot);
        var api = kit.StandInApi(KitTasks.Manifest.Tasks.Single(task => task.Id == taskId), stub);
        api.ShouldNotBeNull($"no API file to write the stand-in for {stub} from");

        var standIn = StandInSource.Of(File.ReadAllText(api), stub, out var problems);

        problems.ShouldBeEmpty();
        var diff = Diff(Read(stub), PublicApi.Of(standIn));
        diff.ShouldBeEmpty($"the public API of {stub} and its generated stand-in differ (the hidden tests would not compile against the student's API):\n{string.Join('\n', diff)}\n");
    }

    /// <summary>Each stub of a task that some task builds on (the manifest's dependsOn): the classes the judge may have to serve.</summary>
    /// <returns>One case per stub file.</returns>
    public static IEnumerable<TestCaseData> ServedStubs()
    {
        var manifest = KitTasks.Manifest;
        var builtOn = manifest.Tasks.SelectMany(task => task.DependsOn ?? []).ToHashSet();
        foreach (var task in manifest.Tasks.Where(task => builtOn.Contains(task.Id)))
        {
            foreach (var stub in task.Files.Stub)
            {
                yield return new TestCaseData(task.Id, stub)
                    .SetName($"Task {task.Id}: the judge serves the reference {Path.GetFileNameWithoutExtension(stub)}");
            }
        }
    }

    [TestCaseSource(nameof(ServedStubs))]
    public void The_judge_serves_the_reference_of_each_class_a_task_builds_on(int taskId, string stub)
    {
        var kit = new KitLayout(GraderProcess.KitRoot);
        var api = kit.StandInApi(KitTasks.Manifest.Tasks.Single(task => task.Id == taskId), stub);

        api.ShouldNotBeNull();
        StandInSource.IsReference(Path.GetRelativePath(kit.Root, api)).ShouldBeTrue($"{stub} has no reference solution of the same name for the judge to serve");
        StandInSource.Served(File.ReadAllText(api), stub, out var problems).ShouldContain($"namespace {StandInSource.ServedNamespace};");
        problems.ShouldBeEmpty();
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
