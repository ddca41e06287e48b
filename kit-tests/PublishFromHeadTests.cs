using System.CommandLine;
using System.IO.Compression;
using Coursework.Grading.Commands;

namespace Coursework.Grading.Tests;

/// <summary>
/// <c>publish</c> writes what the kit's git HEAD holds, never the instructor's working copy: tried on a clone of the
/// kit with task 1 solved in exercises/, a class's grades lying untracked beside it, and an oracle edited and another
/// added, as an instructor trying the kit leaves it. The command runs in this process on the clone.
/// </summary>
public class PublishFromHeadTests
{
    private const string Stub = "exercises/Task1_Affine/Affine.cs";
    private const string Grades = "graded/grades.csv";
    private const string Oracle = "judge/Oracles/Naive.cs";
    private const string NewOracle = "judge/Oracles/Extra.cs";

    private string _temp = null!;
    private string _kit = null!;
    private string _committedStub = null!;
    private string _committedOracle = null!;

    [OneTimeSetUp]
    public void CloneAndEditTheKit()
    {
        _temp = Directory.CreateTempSubdirectory("publish-head-").FullName;
        _kit = Path.Combine(_temp, "kit");
        Git(_temp, "clone", "-q", GraderProcess.KitRoot, _kit);
        _committedStub = File.ReadAllText(Path.Combine(_kit, Stub));
        _committedOracle = File.ReadAllText(Path.Combine(_kit, Oracle));

        File.Copy(Path.Combine(_kit, "solutions", "Task1_Affine", "Affine.cs"), Path.Combine(_kit, Stub), overwrite: true);
        Directory.CreateDirectory(Path.Combine(_kit, "graded"));
        File.WriteAllText(Path.Combine(_kit, Grades), "student,total\nada,100\n");
        File.AppendAllText(Path.Combine(_kit, Oracle), "// an instructor's experiment\n");
        File.WriteAllText(Path.Combine(_kit, NewOracle), "// not committed yet\n");
        File.ReadAllText(Path.Combine(_kit, Stub)).ShouldNotBe(_committedStub, "the solution differs from the stub");
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_temp, recursive: true);

    private string Out(string name) => Path.Combine(_temp, $"{name}-{Guid.NewGuid():N}");

    [Test]
    public void A_template_and_hidden_tests_have_the_committed_files_only_and_the_output_names_what_was_left_out()
    {
        var (template, hidden) = (Out("template"), Out("hidden"));

        var output = Publish(_kit, "--out", template, "--hidden-tests-out", hidden);

        File.ReadAllText(Path.Combine(template, Stub)).ShouldBe(_committedStub);
        File.Exists(Path.Combine(template, Grades)).ShouldBeFalse();
        File.ReadAllText(Path.Combine(hidden, Oracle)).ShouldBe(_committedOracle);
        File.Exists(Path.Combine(hidden, NewOracle)).ShouldBeFalse();
        output.ShouldContain("left out 4 uncommitted changes: ");
        output.ShouldContain($"{Stub} (modified)");
        output.ShouldContain($"{Grades} (untracked)");
        output.ShouldContain($"{Oracle} (modified)");
        output.ShouldContain($"{NewOracle} (untracked)");
    }

    [Test]
    public void A_template_alone_names_only_the_changes_it_would_have_had()
    {
        var output = Publish(_kit, "--out", Out("template"));

        output.ShouldContain($"left out 2 uncommitted changes: {Stub} (modified), {Grades} (untracked).", Case.Sensitive, "git status lists changed files before untracked ones");
    }

    [Test]
    public void The_Gradescope_package_has_the_committed_files_only()
    {
        var zip = Out("gradescope") + ".zip";

        var output = Publish(_kit, "--gradescope", zip);

        using var archive = ZipFile.OpenRead(zip);
        using (var stub = new StreamReader(archive.GetEntry(Stub)!.Open()))
        {
            stub.ReadToEnd().ShouldBe(_committedStub);
        }

        using (var oracle = new StreamReader(archive.GetEntry(Oracle)!.Open()))
        {
            oracle.ReadToEnd().ShouldBe(_committedOracle);
        }

        archive.GetEntry(Grades).ShouldBeNull();
        archive.GetEntry(NewOracle).ShouldBeNull();
        output.ShouldContain($"{Grades} (untracked)");
    }

    [Test]
    public void The_Classroom_50_assignment_has_the_committed_files_only()
    {
        var assignment = Out("classroom50");

        var output = Publish(_kit, "--classroom50", assignment);

        File.ReadAllText(Path.Combine(assignment, "template", Stub)).ShouldBe(_committedStub);
        File.Exists(Path.Combine(assignment, "template", Grades)).ShouldBeFalse();
        File.ReadAllText(Path.Combine(assignment, "autograder", Oracle)).ShouldBe(_committedOracle);
        File.Exists(Path.Combine(assignment, "autograder", NewOracle)).ShouldBeFalse();
        output.ShouldContain($"{NewOracle} (untracked)");
    }

    [Test]
    public void A_kit_that_is_not_a_git_repository_is_refused_in_one_line()
    {
        var folder = Directory.CreateDirectory(Out("not-git")).FullName;

        var error = Should.Throw<GradingException>(() => Publish(folder, "--out", Out("template")));

        error.Message.ShouldStartWith($"publish: the kit at {folder} is not in a git repository (fatal: not a git repository");
        error.Message.ShouldEndWith("; publish writes what git HEAD holds");
        error.Message.ShouldNotContain('\n');
    }

    [Test]
    public void A_repository_without_a_commit_is_refused_in_one_line()
    {
        var folder = Directory.CreateDirectory(Out("no-commit")).FullName;
        Git(folder, "init", "-q");

        Should.Throw<GradingException>(() => Publish(folder, "--out", Out("template"))).Message
            .ShouldBe("publish: the kit's git repository has no commit yet; commit the kit, then publish (publish writes what git HEAD holds)");
    }

    /// <summary>Runs <c>publish</c> on a kit in this process and returns what it printed.</summary>
    private static string Publish(string kit, params string[] arguments)
    {
        var output = new StringWriter();
        var root = new RootCommand();
        root.Subcommands.Add(PublishCommand.Create(new KitLayout(kit), output));
        var exitCode = root.Parse(["publish", .. arguments]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        exitCode.ShouldBe(0, output.ToString());
        return output.ToString();
    }

    private static void Git(string folder, params string[] arguments)
    {
        var git = GraderProcess.Program("git", folder, TimeSpan.FromMinutes(2), null, arguments);
        git.ExitCode.ShouldBe(0, $"git {string.Join(' ', arguments)}: {git.StandardError}");
    }
}
