using System.Diagnostics;

namespace Coursework.Grading.Tests;

/// <summary>The files a submission leaves out come from the committed skeleton, never from an edited working copy.</summary>
public class PristineStubsTests
{
    [Test]
    public void A_missing_exercise_file_comes_from_git_HEAD_not_from_the_instructors_edited_copy()
    {
        var root = Directory.CreateTempSubdirectory("pristine-").FullName;
        try
        {
            var stub = Path.Combine(root, "exercises", "Task1_Affine", "Affine.cs");
            Directory.CreateDirectory(Path.GetDirectoryName(stub)!);
            File.WriteAllText(stub, "// the committed skeleton\n");
            Git(root, "init", "-q");
            Git(root, "add", ".");
            Git(root, "-c", "user.name=kit", "-c", "user.email=kit@example.org", "commit", "-q", "-m", "skeleton");
            File.WriteAllText(stub, "// the instructor's experiment: the reference pasted in\n");

            var folder = PristineStubs.Extract(new KitLayout(root), ["exercises/Task1_Affine/Affine.cs"]);

            File.ReadAllText(Path.Combine(folder.ShouldNotBeNull(), "Affine.cs")).ShouldBe("// the committed skeleton\n");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Outside_a_git_checkout_there_is_no_pristine_copy()
    {
        var root = Directory.CreateTempSubdirectory("no-git-").FullName;
        try
        {
            PristineStubs.Extract(new KitLayout(root), ["exercises/Task1_Affine/Affine.cs"]).ShouldBeNull();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Git(string folder, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var git = Process.Start(info)!;
        git.WaitForExit();
        git.ExitCode.ShouldBe(0, $"git {string.Join(' ', arguments)}: {git.StandardError.ReadToEnd()}");
    }
}
