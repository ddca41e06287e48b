using Coursework.Grading.Batch;

namespace Coursework.Grading.Tests;

/// <summary>
/// The LMS gradebooks against the imports' documented columns: Canvas's gradebook import reads Student, ID, SIS User
/// ID, SIS Login ID and Section, then one column per assignment, with an optional "Points Possible" row; Moodle's CSV
/// import maps one column to a user field (email address, ID number…) and others to grade items.
/// </summary>
public class LmsGradebookTests
{
    private const string CanvasExport =
        "\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section,Neural nets (4321)\r\n" +
        "    Points Possible,,,,,100\r\n" +
        "\"Smith, Jane \"\"JJ\"\"\",101,S101,jsmith,Lab A,\r\n" +
        "Zoë Ångström,102,S102,zang,Lab B,\r\n" +
        "Bob Jones,103,S103,bjones,Lab A,\r\n" +
        "Test Student,104,,,Lab A,\r\n";

    private const string MoodleExport =
        "First name,Last name,ID number,Institution,Department,Email address,Assignment: Coursework (Real)\n" +
        "Jane,Smith,S101,Uni,CS,jane@uni.example,-\n" +
        "Bob,Jones,S103,Uni,CS,bob@uni.example,-\n";

    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}"));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Canvas_has_its_five_identity_columns_then_the_assignment_and_a_points_possible_row()
    {
        var roster = Roster.Load(Write(CanvasExport), LmsFormat.Canvas, "SIS Login ID");
        var join = LmsJoin.Of(roster, new Dictionary<string, decimal?> { ["JSmith"] = 87.5m, ["zang"] = 100m, ["frank"] = 40m });

        var lines = LmsGradebook.Render(LmsFormat.Canvas, join.Graded, "Neural nets (4321)", 100m).Split("\r\n");

        lines.ShouldBe([
            "Student,ID,SIS User ID,SIS Login ID,Section,Neural nets (4321)",
            "Points Possible,,,,,100",
            "\"Smith, Jane \"\"JJ\"\"\",101,S101,jsmith,Lab A,87.5",
            "Zoë Ångström,102,S102,zang,Lab B,100",
            "",
        ]);
    }

    [Test]
    public void Moodle_has_the_user_columns_of_its_export_then_the_grade_item()
    {
        var roster = Roster.Load(Write(MoodleExport), LmsFormat.Moodle, "Email address");
        var join = LmsJoin.Of(roster, new Dictionary<string, decimal?> { ["bob@uni.example"] = 12.345m });

        LmsGradebook.Render(LmsFormat.Moodle, join.Graded, "Coursework", 100m)
            .ShouldBe("First name,Last name,ID number,Email address,Coursework\r\nBob,Jones,S103,bob@uni.example,12.35\r\n");
    }

    [Test]
    public void The_join_reports_submissions_off_the_roster_students_without_one_and_ungraded_ones()
    {
        var roster = Roster.Load(Write(CanvasExport), LmsFormat.Canvas, "SIS Login ID");

        var join = LmsJoin.Of(roster, new Dictionary<string, decimal?> { ["jsmith"] = 10m, ["bjones"] = null, ["frank"] = 40m });

        join.Graded.Select(grade => grade.Student["ID"]).ShouldBe(["101"]);
        join.NotOnRoster.ShouldBe(["frank"]);
        join.NoSubmission.Select(row => row["ID"]).ShouldBe(["102"]);
        join.NotGraded.Select(row => row["ID"]).ShouldBe(["103"]);
        roster.WithoutKey.Select(row => row["Student"]).ShouldBe(["Test Student"]);
    }

    [TestCase("Student,ID,Section\r\nJane,1,A\r\n", "has no column 'SIS Login ID' (its columns: Student, ID, Section); --roster-key names the column")]
    [TestCase("", "is empty")]
    [TestCase("Student,ID,SIS Login ID\r\n\"Jane,1,j\r\n", "is not valid CSV: line 2: a quoted field is never closed")]
    [TestCase("Student,ID,SIS Login ID\r\nJane,1\r\n", "row 2 has 2 fields, the header 3")]
    [TestCase("Student,ID,SIS Login ID\r\nJane,1,j\r\nJoe,2,J\r\n", "rows 2 and 3 have the same SIS Login ID 'J'")]
    public void A_bad_roster_is_one_line_naming_the_problem(string roster, string problem)
    {
        var error = Should.Throw<UsageException>(() => Roster.Load(Write(roster), LmsFormat.Canvas, "SIS Login ID"));

        error.Message.ShouldStartWith("--roster: '");
        error.Message.ShouldContain(problem);
        error.Message.ShouldNotContain("\n");
    }

    [Test]
    public void A_moodle_roster_needs_a_column_moodle_can_identify_users_by()
    {
        var error = Should.Throw<UsageException>(() => Roster.Load(Write("Username,First name\njsmith,Jane\n"), LmsFormat.Moodle, "Username"));

        error.Message.ShouldContain("neither 'Email address' nor 'ID number'");
    }

    [Test]
    public void Csv_reads_back_what_it_writes()
    {
        string[] fields = ["plain", "a, comma", "a \"quote\"", "two\nlines", ""];

        Csv.Parse(Csv.Line(fields) + Csv.Line(["next"])).ShouldBe([fields.ToList(), ["next"]]);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "roster.csv");
        File.WriteAllText(path, text);
        return path;
    }
}
