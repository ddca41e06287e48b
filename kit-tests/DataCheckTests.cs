using System.IO.Compression;

namespace Coursework.Grading.Tests;

public class DataCheckTests
{
    private string _kit = null!;

    [SetUp]
    public void CreateKit()
    {
        _kit = Directory.CreateTempSubdirectory("datacheck-").FullName;
        Directory.CreateDirectory(Path.Combine(_kit, "data"));
    }

    [TearDown]
    public void DeleteKit() => Directory.Delete(_kit, recursive: true);

    [Test]
    public void A_missing_data_file_stops_grading_with_one_line_naming_it()
    {
        var error = Should.Throw<GradingException>(() => DataCheck.Verify(new KitLayout(_kit)));

        error.Message.ShouldBe("the data file data/digits.csv.gz is missing (restore it with `git checkout -- data/digits.csv.gz`)");
    }

    [Test]
    public void A_data_file_that_is_not_gzip_stops_grading_as_corrupt()
    {
        File.WriteAllText(Path.Combine(_kit, "data", "digits.csv.gz"), "this is not gzip");

        Should.Throw<GradingException>(() => DataCheck.Verify(new KitLayout(_kit))).Message.ShouldStartWith("the data file data/digits.csv.gz is corrupt:");
    }

    [Test]
    public void A_data_file_with_a_short_line_stops_grading_as_corrupt()
    {
        using (var gzip = new GZipStream(File.Create(Path.Combine(_kit, "data", "digits.csv.gz")), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.WriteLine(string.Join(',', Enumerable.Repeat("0", 65)));
            writer.WriteLine("1,2,3");
        }

        Should.Throw<GradingException>(() => DataCheck.Verify(new KitLayout(_kit))).Message
            .ShouldStartWith("the data file data/digits.csv.gz is corrupt: line 2 does not have 65 values");
    }

    [Test]
    public void A_breast_cancer_file_with_a_missing_value_stops_grading_as_corrupt()
    {
        File.Copy(Path.Combine(GraderProcess.KitRoot, "data", "digits.csv.gz"), Path.Combine(_kit, "data", "digits.csv.gz"));
        File.WriteAllLines(Path.Combine(_kit, "data", "breast_cancer.csv"),
            ["569,30,malignant,benign", string.Join(',', Enumerable.Repeat("1.5", 31)), string.Join(',', Enumerable.Repeat("1.5", 30))]);

        Should.Throw<GradingException>(() => DataCheck.Verify(new KitLayout(_kit))).Message
            .ShouldStartWith("the data file data/breast_cancer.csv is corrupt: line 3 does not have 31 values");
    }

    [Test]
    public void The_kits_own_data_files_pass_the_check()
    {
        Should.NotThrow(() => DataCheck.Verify(new KitLayout(GraderProcess.KitRoot)));
    }
}
