using System.Text;

namespace Coursework.Grading.Tests;

/// <summary>
/// A scenario's submission as files: its .cs files as they are, each <c>NAME.cs.from</c>'s other scenario's NAME.cs,
/// and each <c>NAME.cs.change</c> applied to the reference file of that name. A change holds one or more blocks, as in a merge conflict:
/// <code>
/// &lt;&lt;&lt;&lt;&lt;&lt;&lt; reference
///         return _errors * (2.0 * dOut / Count(_errors));
/// =======
///         return _errors * (dOut / Count(_errors));
/// &gt;&gt;&gt;&gt;&gt;&gt;&gt; scenario
/// </code>
/// so that reading a scenario means reading its bug, and a rewritten reference cannot silently leave the scenario on
/// old code: a block whose reference text is not found exactly once fails the test that uses it.
/// </summary>
internal static class ScenarioFiles
{
    private const string Start = "<<<<<<< reference";
    private const string Middle = "=======";
    private const string End = ">>>>>>> scenario";

    /// <summary>A new folder holding the scenario's submission files (the caller deletes it).</summary>
    /// <param name="scenarioFolder">The scenario.</param>
    /// <returns>The folder.</returns>
    public static string Materialize(string scenarioFolder)
    {
        var folder = Directory.CreateTempSubdirectory($"scenario-{Path.GetFileName(scenarioFolder)}-").FullName;
        foreach (var file in Directory.GetFiles(scenarioFolder, "*.cs"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        foreach (var from in Directory.GetFiles(scenarioFolder, "*.cs.from"))
        {
            // NAME.cs.from holds the name of another scenario whose NAME.cs this one uses as it is.
            var name = Path.GetFileNameWithoutExtension(from); // X.cs
            var source = Path.Combine(GraderProcess.ScenariosFolder, File.ReadAllText(from).Trim(), name);
            if (!File.Exists(source))
            {
                throw new InvalidOperationException($"{from}: there is no {source}");
            }

            File.Copy(source, Path.Combine(folder, name));
        }

        foreach (var change in Directory.GetFiles(scenarioFolder, "*.cs.change"))
        {
            var name = Path.GetFileNameWithoutExtension(change); // X.cs
            var references = Directory.GetFiles(Path.Combine(GraderProcess.KitRoot, "solutions"), name, SearchOption.AllDirectories);
            if (references.Length != 1)
            {
                throw new InvalidOperationException($"{change}: there is no reference file {name} to change");
            }

            File.WriteAllText(Path.Combine(folder, name), Apply(File.ReadAllText(references[0]), File.ReadAllText(change), change));
        }

        return folder;
    }

    /// <summary>The reference text with every block of the change applied.</summary>
    /// <param name="reference">The reference file's text.</param>
    /// <param name="change">The change file's text.</param>
    /// <param name="where">Names the change in errors.</param>
    /// <returns>The changed text.</returns>
    public static string Apply(string reference, string change, string where)
    {
        var newline = reference.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = change.Replace("\r\n", "\n").Split('\n');
        var result = reference;
        var blocks = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] != Start)
            {
                continue;
            }

            var middle = Array.IndexOf(lines, Middle, i + 1);
            var end = Array.IndexOf(lines, End, i + 1);
            if (middle < 0 || end < middle)
            {
                throw new InvalidOperationException($"{where}: a block that starts on line {i + 1} has no '{Middle}' and '{End}'");
            }

            var find = string.Join(newline, lines[(i + 1)..middle]) + newline;
            var replace = string.Join(newline, lines[(middle + 1)..end]) + (end > middle + 1 ? newline : "");
            var count = Occurrences(result, find);
            if (count != 1)
            {
                throw new InvalidOperationException(
                    $"{where}: the reference text of the block on line {i + 1} occurs {count} times in the reference, not once (was the reference rewritten?):\n{find}");
            }

            result = result.Replace(find, replace, StringComparison.Ordinal);
            blocks++;
            i = end;
        }

        return blocks > 0 ? result : throw new InvalidOperationException($"{where}: no '{Start}' block");
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
