using System.Collections.Concurrent;
using System.Diagnostics;

namespace Coursework.Grading.Tests;

/// <summary>
/// `watch`, as a student uses it: started on a copy of exercises/ and tests/, then Affine.cs is saved with a bug and
/// then with a compiler error; each save prints task 1's counts and the first failure, or the error's file and line.
/// </summary>
[NonParallelizable] // compiles and runs tests in a process of its own while it watches
public class WatchTests
{
    private const string Ready = "watch: save a file";

    private string _folder = "";

    [SetUp]
    public void CopyExercisesAndTests()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"watch-{Guid.NewGuid():N}");
        foreach (var project in new[] { "exercises", "tests" })
        {
            var source = Path.Combine(GraderProcess.KitRoot, project);
            foreach (var file in Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories))
            {
                var target = Path.Combine(_folder, project, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    [TearDown]
    public void RemoveCopy() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Saving_Affine_shows_task_1s_counts_and_its_first_failure_then_a_compiler_error_with_its_line()
    {
        var lines = new BlockingCollection<string>();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Coursework.Grader.dll"), "watch", "--folder", _folder })
        {
            info.ArgumentList.Add(argument);
        }

        using var watch = Process.Start(info)!;
        watch.OutputDataReceived += (_, line) => lines.Add(line.Data ?? "");
        watch.ErrorDataReceived += (_, line) => lines.Add(line.Data ?? "");
        watch.BeginOutputReadLine();
        watch.BeginErrorReadLine();
        try
        {
            // The first run of every task of the assignment, then the watch starts.
            Until(lines, line => line.StartsWith(Ready, StringComparison.Ordinal), TimeSpan.FromMinutes(5));

            // dWeight divided by N: two of task 1's five public tests fail, the weight gradient's first (file order).
            var affine = Path.Combine(_folder, "exercises", "Task1_Affine", "Affine.cs");
            var reference = File.ReadAllText(Path.Combine(GraderProcess.KitRoot, "solutions", "Task1_Affine", "Affine.cs"));
            const string dWeight = "_inputs.TransposeThisAndMultiply(dOut)";
            reference.ShouldContain(dWeight);
            File.WriteAllText(affine, reference.Replace(dWeight, dWeight + " / dOut.RowCount", StringComparison.Ordinal));
            var result = Until(lines, line => line.StartsWith("Task 1 Affine: ", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
            result.ShouldStartWith("Task 1 Affine: 3 passed, 2 failed");
            Next(lines).ShouldBe("  FAILED Task 1 Affine: Backward weight gradient is the transposed inputs times dOut");
            Next(lines).ShouldContain("DWeight");

            // A missing semicolon: the error, with the student's file and line, and no test run.
            var broken = reference.Replace(dWeight + ";", dWeight, StringComparison.Ordinal);
            File.WriteAllText(affine, broken);
            var line = broken.Split('\n').ToList().FindIndex(text => text.Contains(dWeight, StringComparison.Ordinal)) + 1;
            Until(lines, text => text.StartsWith("Task 1 Affine: ", StringComparison.Ordinal), TimeSpan.FromMinutes(1))
                .ShouldStartWith("Task 1 Affine: does not compile (1 error");
            Next(lines).ShouldStartWith($"  exercises/Task1_Affine/Affine.cs({line},");
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            watch.WaitForExit();
        }
    }

    /// <summary>The first line (from now on) that matches, or a failure that shows what watch printed instead.</summary>
    private static string Until(BlockingCollection<string> lines, Func<string, bool> match, TimeSpan limit)
    {
        var seen = new List<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (lines.TryTake(out var line, TimeSpan.FromSeconds(1)))
            {
                if (match(line))
                {
                    return line;
                }

                seen.Add(line);
            }
        }

        Assert.Fail($"watch did not print the line expected within {limit.TotalSeconds} s; it printed:\n{string.Join('\n', seen)}");
        return "";
    }

    private static string Next(BlockingCollection<string> lines) =>
        lines.TryTake(out var line, TimeSpan.FromSeconds(30)) ? line : throw new AssertionException("watch printed nothing more");
}
