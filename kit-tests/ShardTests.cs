namespace Coursework.Grading.Tests;

/// <summary>
/// <c>batch --shard I/N</c> and <c>merge</c>: a small batch graded whole and as two shards, merged, gives the same
/// grades.csv byte for byte, and the same results and feedback files. Five submissions, three of them graded (a correct
/// one, a partial one, one that does not compile) and two that cannot be (a broken zip, nothing handed in), on tasks 1
/// and 2 to keep it short.
/// </summary>
[NonParallelizable] // six gradings, two at a time: the machine's two cores are busy
public class ShardTests
{
    private string _root = null!;
    private string _submissions = null!;

    private string Whole => Path.Combine(_root, "whole");

    private string Shard1 => Path.Combine(_root, "shard-1");

    private string Shard2 => Path.Combine(_root, "shard-2");

    [OneTimeSetUp]
    public void GradeTheBatchWholeAndInTwoShards()
    {
        _root = Path.Combine(Path.GetTempPath(), $"shards-{Environment.ProcessId}");
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        _submissions = Path.Combine(_root, "submissions");
        SubmissionFolders.Reference(Path.Combine(_submissions, "bob"));
        SubmissionFolders.Scenario(Path.Combine(_submissions, "carol"), "affine-forward-without-bias");
        SubmissionFolders.Scenario(Path.Combine(_submissions, "dave"), "compile-error");
        File.WriteAllText(Path.Combine(_submissions, "frank.zip"), "not a zip");
        Directory.CreateDirectory(Path.Combine(_submissions, "grace"));
        File.WriteAllText(Path.Combine(_submissions, "grace", "notes.txt"), "I ran out of time");

        foreach (var (output, shard) in new[] { (Whole, (string?)null), (Shard1, "1/2"), (Shard2, "2/2") })
        {
            string[] arguments = ["batch", _submissions, "--out", output, "--tasks", "1,2", "--parallel", "2"];
            var outcome = GraderProcess.Run(shard is null ? arguments : [.. arguments, "--shard", shard]);
            outcome.ExitCode.ShouldBe(0, outcome.StandardError);
        }
    }

    [OneTimeTearDown]
    public void RemoveTheBatch() => Directory.Delete(_root, recursive: true);

    private static List<string> FilesOf(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(folder, file)).Order(StringComparer.Ordinal).ToList();

    private string Merge(params string[] shards)
    {
        var output = Path.Combine(_root, $"merged-{Guid.NewGuid():N}");
        var outcome = GraderProcess.Run(["merge", .. shards, "--out", output]);
        outcome.ExitCode.ShouldBe(0, outcome.StandardError);
        return output;
    }

    [Test]
    public void Each_shard_grades_every_other_submission_in_name_order()
    {
        File.ReadAllLines(Path.Combine(Shard1, "grades.csv")).Skip(1).Select(line => line.Split(',')[0]).ShouldBe(["bob", "dave", "grace"]);
        File.ReadAllLines(Path.Combine(Shard2, "grades.csv")).Skip(1).Select(line => line.Split(',')[0]).ShouldBe(["carol", "frank"]);
    }

    [Test]
    public void Merged_shards_give_the_unsharded_gradebook_byte_for_byte_in_either_order()
    {
        var whole = File.ReadAllBytes(Path.Combine(Whole, "grades.csv"));
        File.ReadAllText(Path.Combine(Whole, "grades.csv")).ShouldContain("carol,");

        File.ReadAllBytes(Path.Combine(Merge(Shard1, Shard2), "grades.csv")).ShouldBe(whole);
        File.ReadAllBytes(Path.Combine(Merge(Shard2, Shard1), "grades.csv")).ShouldBe(whole);
    }

    [Test]
    public void Merged_shards_have_every_result_and_feedback_file_of_the_unsharded_batch()
    {
        var merged = Merge(Shard1, Shard2);

        FilesOf(merged).ShouldBe(FilesOf(Whole));
        File.ReadAllText(Path.Combine(merged, "feedback", "carol.md")).ShouldBe(File.ReadAllText(Path.Combine(Whole, "feedback", "carol.md")));
        File.ReadAllText(Path.Combine(merged, "results", "frank.error.txt")).ShouldContain("not a readable zip archive");
    }

    [TestCase("3/2", "grader: --shard 3/2: I must be from 1 to N (and N at least 1)")]
    [TestCase("0/2", "grader: --shard 0/2: I must be from 1 to N (and N at least 1)")]
    [TestCase("1of2", "grader: --shard must be I/N, such as 1/4, not '1of2'")]
    [TestCase("1/-2", "grader: --shard must be I/N, such as 1/4, not '1/-2'")]
    public void A_malformed_shard_is_a_one_line_error_and_exit_code_2(string shard, string message)
    {
        var outcome = GraderProcess.Run("batch", _submissions, "--out", Path.Combine(_root, "never"), "--shard", shard);

        outcome.ExitCode.ShouldBe(2);
        outcome.StandardError.Trim().ShouldBe(message);
        Directory.Exists(Path.Combine(_root, "never")).ShouldBeFalse();
    }

    [Test]
    public void Shards_that_do_not_make_one_batch_are_refused_with_a_one_line_error_and_exit_code_2()
    {
        var copy = Path.Combine(_root, "shard-1-again"); // another folder that says it is shard 1/2
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(Shard1, "shard.json"), Path.Combine(copy, "shard.json"), overwrite: true);

        var missing = Path.Combine(_root, "no-such-shard");
        foreach (var (shards, message) in new[]
                 {
                     (new[] { Shard1 }, "merge: shard 2/2 is missing; give the folders of all 2 shards"),
                     ([Shard1, Shard1, Shard2], $"merge: '{Shard1}' is given twice (overlapping shards)"),
                     ([Shard1, copy, Shard2], $"merge: '{Shard1}' and '{copy}' are both shard 1/2 (overlapping shards)"),
                     ([Shard1, missing], $"merge: the shard folder '{missing}' does not exist"),
                     ([Shard1, _submissions], $"merge: '{_submissions}' is not the output of batch --shard (it has no shard.json)"),
                 })
        {
            var outcome = GraderProcess.Run(["merge", .. shards, "--out", Path.Combine(_root, "refused")]);
            outcome.ExitCode.ShouldBe(2, string.Join(' ', shards));
            outcome.StandardError.Trim().ShouldBe("grader: " + message);
            Directory.Exists(Path.Combine(_root, "refused")).ShouldBeFalse();
        }
    }
}
