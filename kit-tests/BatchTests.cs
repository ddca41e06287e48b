using System.IO.Compression;

namespace Coursework.Grading.Tests;

/// <summary>
/// `batch` on a folder of mixed submissions, as an instructor gets them at a deadline: folders and zips, exercise files
/// alone or whole repositories, correct, partial and broken. Graded on tasks 1 and 2 to keep CI short (the scoring
/// itself is what the golden scenarios check).
/// </summary>
[NonParallelizable] // ten gradings, two at a time: the machine's two cores are busy
public class BatchTests
{
    private string _submissions = null!;
    private string _output = null!;
    private Dictionary<string, Dictionary<string, string>> _grades = null!;
    private GraderProcess.Outcome _firstRun = null!;

    [OneTimeSetUp]
    public void GradeTheBatch()
    {
        var root = Path.Combine(Path.GetTempPath(), $"batch-{Environment.ProcessId}");
        _submissions = Path.Combine(root, "submissions");
        _output = Path.Combine(root, "out");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Reference("bob");                                                       // correct, the four files
        ZipOf(WholeRepository("alice-src", withReference: true), "alice.zip", nestIn: "coursework-main"); // correct, GitHub's Download ZIP
        Scenario("carol", "affine-forward-without-bias");                       // partial
        ZipOf(Scenario("erin-src", "relu-mask-includes-zero"), "erin.zip");     // partial, zipped files
        Scenario("dave", "compile-error");                                      // does not compile
        File.WriteAllText(Path.Combine(_submissions, "frank.zip"), "not a zip"); // a broken archive
        Directory.CreateDirectory(Path.Combine(_submissions, "grace"));          // nothing handed in but notes
        File.WriteAllText(Path.Combine(_submissions, "grace", "notes.txt"), "I ran out of time");
        WholeRepository("heidi", withReference: false);                         // the untouched skeleton
        Directory.CreateDirectory(Path.Combine(_submissions, "ivan"));          // only task 1 done
        File.Copy(Path.Combine(GraderProcess.KitRoot, "solutions", "Task1_Affine", "Affine.cs"), Path.Combine(_submissions, "ivan", "Affine.cs"));
        Scenario("judy", "relu-mask-from-upstream-gradient");                   // partial
        Mallory();                                                              // correct, and attacks the others' results
        Directory.CreateDirectory(Path.Combine(_submissions, "olivia"));        // only task 2 done
        File.Copy(Path.Combine(GraderProcess.KitRoot, "solutions", "Task2_ReLU", "ReLU.cs"), Path.Combine(_submissions, "olivia", "ReLU.cs"));
        var peggy = WholeRepository("peggy", withReference: true);             // correct, but a helper file of hers does not compile
        Directory.CreateDirectory(Path.Combine(peggy, "exercises", "Util"));
        File.WriteAllText(Path.Combine(peggy, "exercises", "Util", "Helpers.cs"), "namespace Coursework;\n\ninternal static class Helpers\n{\n    public static int Two => 2\n}\n");
        var quentin = WholeRepository("quentin", withReference: true);         // correct, with Affine's work in a helper file of his
        var affine = Path.Combine(quentin, "exercises", "Task1_Affine", "Affine.cs");
        File.WriteAllText(affine, File.ReadAllText(affine).Replace("return (inputs * weight).AddRowVector(bias);", "return AffineMath.Forward(inputs, weight, bias);", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(quentin, "exercises", "Task1_Affine", "AffineMath.cs"),
            "using MathNet.Numerics.LinearAlgebra;\n\nnamespace Coursework;\n\ninternal static class AffineMath\n{\n    public static Matrix<double> Forward(Matrix<double> inputs, Matrix<double> weight, Vector<double> bias) => (inputs * weight).AddRowVector(bias);\n}\n");

        // A Canvas gradebook export: bob's login differs in case, frank's zip is broken, zoe handed nothing in.
        var roster = Path.Combine(root, "canvas-export.csv");
        File.WriteAllText(roster, "Student,ID,SIS User ID,SIS Login ID,Section\n    Points Possible,,,,\n\"Smith, Bob\",11,S11,BOB,Lab A\n" +
            "Alice Ångström,12,S12,alice,Lab B\nFrank,13,S13,frank,Lab A\nZoe,14,S14,zoe,Lab B\n");
        _firstRun = GraderProcess.Run("batch", _submissions, "--out", _output, "--tasks", "1,2", "--parallel", "2",
            "--gradebook", "canvas", "--roster", roster, "--gradebook-column", "Neural nets (77)");
        _grades = ReadGrades();
    }

    [OneTimeTearDown]
    public void RemoveTheBatch() => Directory.Delete(Path.GetDirectoryName(_submissions)!, recursive: true);

    [Test]
    public void The_batch_exits_0_and_writes_one_row_per_submission()
    {
        _firstRun.ExitCode.ShouldBe(0, _firstRun.StandardError);
        _grades.Keys.Order().ShouldBe(["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "olivia", "peggy", "quentin"]);
    }

    [Test]
    public void The_gradebook_has_a_column_per_task_then_total_max_status_submitted_files_and_problem()
    {
        File.ReadLines(Path.Combine(_output, "grades.csv")).First()
            .ShouldBe("student,task1_affine,task2_relu,total,max,status,submitted_files,problem");
    }

    [Test]
    public void The_canvas_gradebook_has_the_roster_students_with_a_grade_and_the_batch_says_who_is_left_out()
    {
        File.ReadAllText(Path.Combine(_output, "gradebook-canvas.csv")).Split("\r\n").ShouldBe([
            "Student,ID,SIS User ID,SIS Login ID,Section,Neural nets (77)",
            "Points Possible,,,,,40",
            "\"Smith, Bob\",11,S11,BOB,Lab A,40",
            "Alice Ångström,12,S12,alice,Lab B,40",
            "",
        ]);
        _firstRun.StandardOutput.ShouldContain("2 of 4 roster students");
        _firstRun.StandardOutput.ShouldContain("no submission: Zoe (SIS Login ID 'zoe', roster row 6)");
        _firstRun.StandardOutput.ShouldContain("submission not graded: Frank (SIS Login ID 'frank', roster row 5)");
        _firstRun.StandardOutput.ShouldContain("submission not on the roster (no SIS Login ID 'carol'): carol");
    }

    [Test]
    public void The_gradebook_and_the_feedback_name_the_files_that_came_from_the_submission()
    {
        _grades["olivia"]["submitted_files"].ShouldBe("ReLU.cs");
        _grades["olivia"]["total"].ShouldBe("15");
        // bob handed in the reference of every task: every exercise file the manifest lists came from him.
        _grades["bob"]["submitted_files"].Split(" ").ShouldBe(
            KitTasks.Manifest.Tasks.SelectMany(task => task.Files.Stub).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
        File.ReadAllText(Path.Combine(_output, "feedback", "olivia.md"))
            .ShouldContain("From the submission: ReLU.cs; every other exercise file is the untouched skeleton.");
    }

    [Test]
    public void Correct_code_gets_full_marks_whether_files_or_a_zipped_repository()
    {
        _grades["bob"]["total"].ShouldBe("40");
        _grades["alice"]["total"].ShouldBe("40");
        _grades["alice"]["status"].ShouldBe("pass");
    }

    [Test]
    public void A_bug_costs_points_in_its_task_only()
    {
        decimal.Parse(_grades["carol"]["task1_affine"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(0.01m, 24.99m);
        _grades["carol"]["task2_relu"].ShouldBe("15");
        decimal.Parse(_grades["erin"]["task2_relu"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(0.01m, 14.99m);
        _grades["erin"]["task1_affine"].ShouldBe("25");
        decimal.Parse(_grades["judy"]["task2_relu"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(0.01m, 14.99m);
    }

    [Test]
    public void Unfinished_code_gets_the_points_of_what_is_done()
    {
        _grades["ivan"]["total"].ShouldBe("25");
        _grades["heidi"]["total"].ShouldBe("0");
        _grades["heidi"]["status"].ShouldBe("fail");
    }

    [Test]
    public void Code_that_does_not_compile_gets_0_with_the_compiler_error_in_the_gradebook()
    {
        _grades["dave"]["status"].ShouldBe("error");
        _grades["dave"]["problem"].ShouldContain("CS1002");
    }

    [Test]
    public void The_students_own_files_beside_the_exercise_files_are_graded_as_her_repository_compiles_them()
    {
        _grades["peggy"]["status"].ShouldBe("error");
        _grades["peggy"]["problem"].ShouldContain("Helpers.cs");
        _grades["peggy"]["problem"].ShouldContain("CS1002");
        _grades["quentin"]["status"].ShouldBe("pass");
        _grades["quentin"]["total"].ShouldBe("40");
    }

    [Test]
    public void A_broken_zip_or_an_empty_submission_is_a_row_saying_why_not_a_stopped_batch()
    {
        _grades["frank"]["status"].ShouldBe("not graded");
        _grades["frank"]["problem"].ShouldContain("not a readable zip archive");
        _grades["grace"]["status"].ShouldBe("not graded");
        _grades["grace"]["problem"].ShouldStartWith("no exercise file in the submission");
    }

    [Test]
    public void Every_graded_student_gets_a_feedback_file_and_a_result()
    {
        foreach (var student in new[] { "alice", "bob", "carol", "dave", "erin", "heidi", "ivan", "judy" })
        {
            File.ReadAllText(Path.Combine(_output, "feedback", student + ".md")).ShouldStartWith("## Grade: ");
            File.Exists(Path.Combine(_output, "results", student + ".json")).ShouldBeTrue(student);
        }
    }

    [Test]
    public void A_second_run_keeps_what_was_graded_and_retries_only_what_was_not()
    {
        var before = File.ReadAllText(Path.Combine(_output, "grades.csv"));

        var second = GraderProcess.Run("batch", _submissions, "--out", _output, "--tasks", "1,2");

        second.ExitCode.ShouldBe(0, second.StandardError);
        second.StandardOutput.ShouldContain("12 of 14 graded (12 kept from an earlier run), 2 could not be graded");
        File.ReadAllText(Path.Combine(_output, "grades.csv")).ShouldBe(before);
    }

    [Test]
    public void A_submission_changed_after_its_grading_is_graded_again()
    {
        File.Copy(Path.Combine(GraderProcess.KitRoot, "solutions", "Task2_ReLU", "ReLU.cs"), Path.Combine(_submissions, "ivan", "ReLU.cs"));

        var third = GraderProcess.Run("batch", _submissions, "--out", _output, "--tasks", "1,2");

        third.ExitCode.ShouldBe(0, third.StandardError);
        third.StandardOutput.ShouldContain("(11 kept from an earlier run)");
        ReadGrades()["ivan"]["total"].ShouldBe("40");
    }

    private Dictionary<string, Dictionary<string, string>> ReadGrades()
    {
        var lines = File.ReadAllLines(Path.Combine(_output, "grades.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(ParseCsvLine).ToDictionary(
            cells => cells[0],
            cells => header.Zip(cells).ToDictionary(pair => pair.First, pair => pair.Second));
    }

    private static List<string> ParseCsvLine(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    [Test]
    public void A_submission_that_attacks_the_output_folder_changes_nothing_but_earns_its_honest_points()
    {
        _grades["mallory"]["total"].ShouldBe("40");
        _grades["bob"]["total"].ShouldBe("40");
        foreach (var student in new[] { "alice", "bob", "carol", "ivan" })
        {
            File.ReadAllText(Path.Combine(_output, "results", student + ".json")).ShouldNotContain("mallory");
            File.ReadAllText(Path.Combine(_output, "feedback", student + ".md")).ShouldStartWith("## Grade: ");
        }

        File.ReadAllText(Path.Combine(_output, "grades.csv")).ShouldNotContain("forged");
        Directory.GetFiles(_output, "coursework-attack-canary", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    /// <summary>The reference, with an Affine.cs that also carries a module initializer overwriting every result, feedback and gradebook it finds.</summary>
    private void Mallory()
    {
        var folder = Reference("mallory");
        File.AppendAllText(Path.Combine(folder, "Affine.cs"), """

            internal static class OutputFolderAttack
            {
                [System.Runtime.CompilerServices.ModuleInitializer]
                internal static void Run()
                {
                    var roots = new List<string> { System.IO.Path.GetTempPath(), "/tmp", Environment.CurrentDirectory, AppContext.BaseDirectory };
                    foreach (var root in roots)
                    {
                        for (var folder = new DirectoryInfo(root); folder is not null; folder = folder.Parent)
                        {
                            try
                            {
                                foreach (var file in Directory.EnumerateFiles(folder.FullName, "*", SearchOption.AllDirectories))
                                {
                                    var name = System.IO.Path.GetFileName(file);
                                    try
                                    {
                                        if (file.EndsWith(".json") && file.Contains("results")) File.WriteAllText(file, "{\"score\": 0, \"by\": \"mallory\"}");
                                        else if (file.EndsWith(".md") && file.Contains("feedback")) File.WriteAllText(file, "forged by mallory");
                                        else if (name == "grades.csv") File.AppendAllText(file, "mallory,25,15,100,100,pass,forged\n");
                                    }
                                    catch (Exception) { }
                                }

                                File.WriteAllText(System.IO.Path.Combine(folder.FullName, "coursework-attack-canary"), "mallory");
                            }
                            catch (Exception) { }
                        }
                    }
                }
            }
            """);
    }

    private string Reference(string name) => SubmissionFolders.Reference(Path.Combine(_submissions, name));

    private string Scenario(string name, string scenario) => SubmissionFolders.Scenario(Path.Combine(_submissions, name), scenario);

    /// <summary>A student's repository: exercises/ as published, with the reference's files in place if asked.</summary>
    private string WholeRepository(string name, bool withReference)
    {
        var folder = Path.Combine(_submissions, name);
        var kitExercises = Path.Combine(GraderProcess.KitRoot, "exercises");
        foreach (var file in Directory.GetFiles(kitExercises, "*", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            var target = Path.Combine(folder, "exercises", Path.GetRelativePath(kitExercises, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        if (withReference)
        {
            var solutions = Path.Combine(GraderProcess.KitRoot, "solutions");
            foreach (var file in Directory.GetFiles(solutions, "*.cs", SearchOption.AllDirectories))
            {
                File.Copy(file, Path.Combine(folder, "exercises", Path.GetRelativePath(solutions, file)), overwrite: true);
            }
        }

        File.WriteAllText(Path.Combine(folder, "README.md"), "my repository");
        return folder;
    }

    private void ZipOf(string folder, string zipName, string? nestIn = null)
    {
        var zip = Path.Combine(_submissions, zipName);
        ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Fastest, includeBaseDirectory: false);
        if (nestIn is not null)
        {
            // GitHub's Download ZIP puts everything in one folder named after the repository and branch.
            var nested = Path.Combine(Path.GetTempPath(), $"nest-{Guid.NewGuid():N}");
            Directory.CreateDirectory(nested);
            Directory.Move(folder, Path.Combine(nested, nestIn));
            File.Delete(zip);
            ZipFile.CreateFromDirectory(nested, zip, CompressionLevel.Fastest, includeBaseDirectory: false);
            Directory.Delete(nested, recursive: true);
            return;
        }

        Directory.Delete(folder, recursive: true);
    }
}
