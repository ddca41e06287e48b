using System.Text;

namespace Coursework.Grading.Batch;

/// <summary>RFC 4180 CSV: comma-separated fields, a field quoted when it holds a comma, a quote or a line break, quotes doubled inside.</summary>
internal static class Csv
{
    /// <summary>One record: the fields quoted as needed and joined with commas, ended by CRLF as RFC 4180 says.</summary>
    /// <param name="fields">The record's fields, in column order.</param>
    /// <returns>The record's line, with its line break.</returns>
    public static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(Quote)) + "\r\n";

    /// <summary>A field as CSV: quoted (quotes doubled) when it holds a comma, a quote or a line break, else as it is.</summary>
    /// <param name="value">The field's text.</param>
    /// <returns>The field's CSV form.</returns>
    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;

    /// <summary>Reads CSV text into records; a quoted field may hold commas, doubled quotes and line breaks.</summary>
    /// <param name="text">The whole file (a byte order mark, if any, already removed by the reader).</param>
    /// <returns>One list of fields per record; blank lines are left out.</returns>
    /// <exception cref="FormatException">A quote is never closed, or text follows a closing quote; the message names the line.</exception>
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var (line, recordLine, quoted, afterQuote) = (1, 1, false, false);
        void EndField()
        {
            record.Add(field.ToString());
            field.Clear();
            afterQuote = false;
        }

        void EndRecord()
        {
            EndField();
            if (record.Count > 1 || record[0].Length > 0)
            {
                records.Add(record);
            }

            record = [];
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    (quoted, afterQuote) = (false, true);
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == ',')
            {
                EndField();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord();
                recordLine = ++line;
            }
            else if (afterQuote)
            {
                throw new FormatException($"line {line}: text after a closing quote");
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException($"line {recordLine}: a quoted field is never closed");
        }

        EndRecord();
        return records;
    }
}
