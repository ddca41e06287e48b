namespace Coursework.Grading.Batch;

/// <summary>The learning management systems whose CSV grade import <see cref="LmsGradebook"/> writes for.</summary>
internal enum LmsFormat
{
    /// <summary>Canvas: Grades, Import. Students are identified by the columns of its own gradebook export.</summary>
    Canvas,

    /// <summary>Moodle: Grades, Import, CSV file. The instructor maps a user column (email address or ID number) and the grade column.</summary>
    Moodle,
}

/// <summary>One student of the roster, as its row of the LMS's export.</summary>
/// <param name="Line">Its line in the roster file, for messages.</param>
/// <param name="Cells">The row's fields by column name.</param>
internal sealed record RosterRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>The row's field in that column, trimmed; empty when the roster has no such column.</summary>
    public string this[string column] => Cells.TryGetValue(column, out var value) ? value.Trim() : "";
}

/// <summary>
/// The class list exported from the LMS (Canvas: its gradebook export; Moodle: its grade export, plain text), read to
/// learn the LMS's own identifiers of each student. A submission belongs to the row whose key column equals the
/// submission's name, ignoring case.
/// </summary>
/// <param name="Key">The column that holds the submission names.</param>
/// <param name="Students">The rows that have a key, in the file's order.</param>
/// <param name="WithoutKey">Rows with an empty key (Canvas's test student, for one): they cannot be matched and are reported.</param>
internal sealed record Roster(string Key, IReadOnlyList<RosterRow> Students, IReadOnlyList<RosterRow> WithoutKey)
{
    /// <summary>Reads and checks a roster; every problem is a one-line <see cref="UsageException"/> (exit code 2).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="format">Which LMS exported it: says which columns it must have.</param>
    /// <param name="key">The column that holds the submission names.</param>
    /// <returns>The roster.</returns>
    public static Roster Load(string path, LmsFormat format, string key)
    {
        List<List<string>> records;
        try
        {
            records = Csv.Parse(File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--roster: cannot read '{path}': {exception.Message}");
        }
        catch (FormatException exception)
        {
            throw new UsageException($"--roster: '{path}' is not valid CSV: {exception.Message}");
        }

        if (records.Count == 0)
        {
            throw new UsageException($"--roster: '{path}' is empty; export the class list from {format} (see docs/instructors.md)");
        }

        var header = records[0].Select(column => column.Trim()).ToList();
        var required = format == LmsFormat.Canvas ? new[] { key, "Student", "ID" } : [key];
        if (required.FirstOrDefault(column => !header.Contains(column)) is { } missing)
        {
            throw new UsageException($"--roster: '{path}' has no column '{missing}' (its columns: {string.Join(", ", header)}){(missing == key ? "; --roster-key names the column that holds the submission names" : "")}");
        }

        if (format == LmsFormat.Moodle && !header.Contains("Email address") && !header.Contains("ID number"))
        {
            throw new UsageException($"--roster: '{path}' has neither 'Email address' nor 'ID number', so Moodle could not tell whose grade is whose");
        }

        var rows = new List<RosterRow>();
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Count != header.Count)
            {
                throw new UsageException($"--roster: '{path}' row {i + 1} has {records[i].Count} fields, the header {header.Count}");
            }

            rows.Add(new RosterRow(i + 1, header.Zip(records[i]).ToDictionary(pair => pair.First, pair => pair.Second)));
        }

        // Canvas's export has a "Points Possible" row under the header: not a student.
        rows.RemoveAll(row => row["Student"] == "Points Possible");
        var students = rows.Where(row => row[key].Length > 0).ToList();
        if (students.GroupBy(row => row[key], StringComparer.OrdinalIgnoreCase).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            throw new UsageException($"--roster: '{path}' rows {string.Join(" and ", twice.Select(row => row.Line))} have the same {key} '{twice.Key}'");
        }

        return new Roster(key, students, rows.Where(row => row[key].Length == 0).ToList());
    }
}

/// <summary>A roster student with a graded submission.</summary>
/// <param name="Student">The student's roster row.</param>
/// <param name="Score">The submission's score.</param>
internal sealed record LmsGrade(RosterRow Student, decimal Score);

/// <summary>The roster joined with the batch: who gets a grade, and what is left out and why.</summary>
/// <param name="Graded">Roster students with a graded submission, in the roster's order.</param>
/// <param name="NotOnRoster">Submissions whose name no roster row's key has.</param>
/// <param name="NoSubmission">Roster students with no submission.</param>
/// <param name="NotGraded">Roster students whose submission could not be graded (a broken zip, no exercise file).</param>
internal sealed record LmsJoin(
    IReadOnlyList<LmsGrade> Graded, IReadOnlyList<string> NotOnRoster, IReadOnlyList<RosterRow> NoSubmission, IReadOnlyList<RosterRow> NotGraded)
{
    /// <summary>Matches submissions to roster rows by the roster's key, ignoring case.</summary>
    /// <param name="roster">The class list.</param>
    /// <param name="scores">Each submission's score by its name; null when it could not be graded.</param>
    /// <returns>The join.</returns>
    public static LmsJoin Of(Roster roster, IReadOnlyDictionary<string, decimal?> scores)
    {
        var byName = scores.ToDictionary(pair => pair.Key.Trim(), pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        var keys = roster.Students.Select(row => row[roster.Key]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var matched = roster.Students.Where(row => byName.ContainsKey(row[roster.Key])).ToList();
        return new LmsJoin(
            matched.Where(row => byName[row[roster.Key]] is not null).Select(row => new LmsGrade(row, byName[row[roster.Key]]!.Value)).ToList(),
            scores.Keys.Where(name => !keys.Contains(name.Trim())).ToList(),
            roster.Students.Where(row => !byName.ContainsKey(row[roster.Key])).ToList(),
            matched.Where(row => byName[row[roster.Key]] is null).ToList());
    }
}

/// <summary>
/// A gradebook file an LMS imports: the LMS's identity columns copied from the roster, then one grade column. Only
/// students with a grade are written, so that an import never blanks or zeroes a grade the LMS already has; the others
/// are reported by <see cref="LmsJoin"/>.
/// </summary>
internal static class LmsGradebook
{
    /// <summary>The identity columns of Canvas's gradebook import, in the order of its export.</summary>
    public static readonly IReadOnlyList<string> CanvasColumns = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"];

    /// <summary>The user columns of Moodle's grade export that its import can map users from, in the export's order.</summary>
    public static readonly IReadOnlyList<string> MoodleColumns = ["First name", "Last name", "ID number", "Email address"];

    /// <summary>The roster column matched to submission names when --roster-key is not given.</summary>
    public static string DefaultKey(LmsFormat format) => format == LmsFormat.Canvas ? "SIS Login ID" : "Email address";

    /// <summary>The file written into the batch's output folder.</summary>
    public static string FileName(LmsFormat format) => $"gradebook-{format.ToString().ToLowerInvariant()}.csv";

    /// <summary>How a roster student is named in messages.</summary>
    public static string Describe(RosterRow row, string key)
    {
        var name = row["Student"].Length > 0 ? row["Student"] : $"{row["First name"]} {row["Last name"]}".Trim();
        return name.Length > 0 ? $"{name} ({key} '{row[key]}', roster row {row.Line})" : $"roster row {row.Line}";
    }

    /// <summary>The CSV text: RFC 4180, invariant numbers; the caller writes it as UTF-8.</summary>
    /// <param name="format">Which LMS.</param>
    /// <param name="grades">The students to write, in order.</param>
    /// <param name="column">The grade column's header: the LMS's assignment (Canvas: "Name (ID)" as in its export) or grade item.</param>
    /// <param name="pointsPossible">The assignment's maximum, for Canvas's optional "Points Possible" row.</param>
    /// <returns>Header and rows.</returns>
    public static string Render(LmsFormat format, IReadOnlyList<LmsGrade> grades, string column, decimal pointsPossible)
    {
        var identity = format == LmsFormat.Canvas ? CanvasColumns : MoodleColumns;
        var lines = new List<string> { Csv.Line([.. identity, column]) };
        if (format == LmsFormat.Canvas)
        {
            lines.Add(Csv.Line(["Points Possible", .. identity.Skip(1).Select(_ => ""), Gradebook.Number(pointsPossible)]));
        }

        lines.AddRange(grades.Select(grade => Csv.Line([.. identity.Select(c => grade.Student[c]), Gradebook.Number(grade.Score)])));
        return string.Concat(lines);
    }
}
