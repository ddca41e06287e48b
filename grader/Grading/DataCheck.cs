using System.IO.Compression;

namespace Coursework.Grading;

/// <summary>
/// Step 0: the datasets the hidden tests train on must be there and readable, or grading cannot be fair:
/// a broken kit is the grader's error (one line, non-zero exit), never a student's lost points.
/// </summary>
internal static class DataCheck
{
    /// <summary>The data files and how many comma-separated fields each line holds.</summary>
    private static readonly (string File, int Fields, bool Header)[] Files =
    [
        ("digits.csv.gz", 65, false),
        ("breast_cancer.csv", 31, true), // a header line "569,30,malignant,benign", then 30 features and the label
    ];

    public static void Verify(KitLayout kit)
    {
        foreach (var (file, fields, header) in Files)
        {
            var path = Path.Combine(kit.Root, "data", file);
            var shown = Path.GetRelativePath(kit.Root, path);
            if (!File.Exists(path))
            {
                throw new GradingException($"the data file {shown} is missing (restore it with `git checkout -- {shown}`)");
            }

            try
            {
                using var stream = File.OpenRead(path);
                using var content = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
                using var reader = new StreamReader(content);
                var lineNumber = 0;
                while (reader.ReadLine() is { } line)
                {
                    lineNumber++;
                    if ((header && lineNumber == 1) || line.Length == 0)
                    {
                        continue;
                    }

                    if (line.Split(',').Length != fields)
                    {
                        throw new GradingException($"the data file {shown} is corrupt: line {lineNumber} does not have {fields} values (restore it with `git checkout -- {shown}`)");
                    }
                }

                if (lineNumber == 0)
                {
                    throw new GradingException($"the data file {shown} is empty (restore it with `git checkout -- {shown}`)");
                }
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException)
            {
                throw new GradingException($"the data file {shown} is corrupt: {exception.Message} (restore it with `git checkout -- {shown}`)");
            }
        }
    }
}
