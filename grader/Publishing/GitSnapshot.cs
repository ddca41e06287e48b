using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Coursework.Grading.Publishing;

/// <summary>
/// The kit as its git HEAD holds it, which is all that <c>publish</c> writes: an instructor's working copy (exercises
/// solved to try the kit, a class's grades) must never reach a template, a hidden-tests repository or a platform's
/// package. Read with the git command line; paths are relative to the kit, with '/'.
/// </summary>
internal sealed class GitSnapshot
{
    private readonly string _kitRoot;
    private readonly Dictionary<string, Entry> _files;

    private GitSnapshot(string kitRoot, string commit, Dictionary<string, Entry> files, IReadOnlyList<UncommittedFile> uncommitted)
    {
        _kitRoot = kitRoot;
        Commit = commit;
        _files = files;
        Uncommitted = uncommitted;
    }

    /// <summary>The commit's id.</summary>
    public string Commit { get; }

    /// <summary>Every file of the kit in the commit, in ordinal order.</summary>
    public IEnumerable<string> Files => _files.Keys.Order(StringComparer.Ordinal);

    /// <summary>The kit's files that differ from the commit (git status, ignored files aside): these are not published.</summary>
    public IReadOnlyList<UncommittedFile> Uncommitted { get; }

    /// <summary>Reads the commit of the kit's git repository.</summary>
    /// <param name="kit">The kit.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="GradingException">git is missing, the kit is not in a git repository, or HEAD has no commit.</exception>
    public static GitSnapshot Open(KitLayout kit)
    {
        // Inside a larger repository the kit is a folder of it: paths from git are the repository's, less that prefix.
        var prefix = Encoding.UTF8.GetString(Checked(Git(kit.Root, null, "rev-parse", "--show-prefix"), kit.Root, "is not in a git repository")).TrimEnd('\n');
        var commit = Git(kit.Root, null, "rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        if (commit.ExitCode != 0)
        {
            throw new GradingException("publish: the kit's git repository has no commit yet; commit the kit, then publish (publish writes what git HEAD holds)");
        }

        var files = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var record in Records(Checked(Git(kit.Root, null, "ls-tree", "-r", "-z", "--full-tree", "HEAD"), kit.Root, "cannot be listed")))
        {
            // "<mode> <type> <id>\t<path>"; only regular files: a submodule or a symbolic link is not a file to copy.
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = record[..tab].Split(' ');
            var path = record[(tab + 1)..];
            if (fields[1] == "blob" && fields[0] is "100644" or "100755" && path.StartsWith(prefix, StringComparison.Ordinal))
            {
                files[path[prefix.Length..]] = new Entry(fields[2], fields[0] == "100755");
            }
        }

        return new GitSnapshot(kit.Root, Encoding.ASCII.GetString(commit.Output).Trim(), files, Changes(kit.Root, prefix));
    }

    /// <summary>Whether the commit holds this file.</summary>
    public bool Contains(string path) => _files.ContainsKey(path);

    /// <summary>The .cs files directly in a folder of the commit (for a task's files by convention), in order.</summary>
    /// <param name="folder">Relative to the kit, with '/'.</param>
    public IReadOnlyList<string> ListSources(string folder) =>
        [.. Files.Where(file => Path.GetDirectoryName(file)?.Replace('\\', '/') == folder && file.EndsWith(".cs", StringComparison.Ordinal))];

    /// <summary>Whether the file is committed executable (mode 100755).</summary>
    public bool IsExecutable(string path) => _files[path].Executable;

    /// <summary>The committed bytes of one file.</summary>
    public byte[] Read(string path) => Read([path])[path];

    /// <summary>The committed bytes of files, with one git process for them all.</summary>
    /// <param name="paths">Files the commit holds.</param>
    /// <returns>Each file's bytes by its path.</returns>
    public IReadOnlyDictionary<string, byte[]> Read(IEnumerable<string> paths)
    {
        var wanted = paths.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.FirstOrDefault(path => !_files.ContainsKey(path)) is { } missing)
        {
            throw new GradingException($"publish: {missing} is not committed in the kit (git HEAD {Commit[..7]})");
        }

        var input = string.Concat(wanted.Select(path => _files[path].Id + "\n"));
        var batch = Git(_kitRoot, input, "cat-file", "--batch");
        var output = new MemoryStream(Checked(batch, _kitRoot, "cannot be read"));
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in wanted)
        {
            // Each object is "<id> blob <size>\n", its bytes, "\n".
            var header = ReadLine(output).Split(' ');
            var bytes = new byte[long.Parse(header[^1], NumberStyles.None, CultureInfo.InvariantCulture)];
            output.ReadExactly(bytes);
            output.ReadByte();
            contents[path] = bytes;
        }

        return contents;
    }

    /// <summary>
    /// One line naming the changes that were not published (the first few of them), or null when there are none.
    /// </summary>
    /// <param name="leftOut">The uncommitted files that the outputs written would otherwise have had.</param>
    /// <returns>The line.</returns>
    public string? LeftOutNote(IReadOnlyCollection<UncommittedFile> leftOut)
    {
        const int Shown = 5;
        if (leftOut.Count == 0)
        {
            return null;
        }

        var named = string.Join(", ", leftOut.Take(Shown).Select(file => $"{file.Path} ({file.State})"));
        var more = leftOut.Count > Shown ? $", and {leftOut.Count - Shown} more (git status lists them)" : "";
        return $"Published the commit {Commit[..7]} (git HEAD); left out {leftOut.Count} uncommitted {(leftOut.Count == 1 ? "change" : "changes")}: {named}{more}.";
    }

    private static List<UncommittedFile> Changes(string root, string prefix)
    {
        var changes = new List<UncommittedFile>();
        var records = Records(Checked(Git(root, null, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "."), root, "has no readable status"));
        for (var i = 0; i < records.Count; i++)
        {
            // "XY path"; a rename or copy is followed by its old path, which needs no mention.
            var (code, path) = (records[i][..2], records[i][3..]);
            if (code[0] is 'R' or 'C')
            {
                i++;
            }

            var state = code == "??" ? "untracked"
                : code.Contains('D', StringComparison.Ordinal) ? "deleted; the committed file was published"
                : code[0] is 'A' or 'R' or 'C' ? "not committed"
                : "modified";
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                changes.Add(new UncommittedFile(path[prefix.Length..], state));
            }
        }

        return changes;
    }

    private static List<string> Records(byte[] output) =>
        [.. Encoding.UTF8.GetString(output).Split('\0', StringSplitOptions.RemoveEmptyEntries)];

    private static string ReadLine(Stream stream)
    {
        var line = new List<byte>();
        for (var b = stream.ReadByte(); b is not -1 and not '\n'; b = stream.ReadByte())
        {
            line.Add((byte)b);
        }

        return Encoding.ASCII.GetString([.. line]);
    }

    /// <summary>git's output, or a one-line error saying what git said.</summary>
    private static byte[] Checked((int ExitCode, byte[] Output, string Error) git, string root, string problem) =>
        git.ExitCode == 0 ? git.Output
            : throw new GradingException($"publish: the kit at {root} {problem} ({git.Error.Split('\n').FirstOrDefault(line => line.Trim().Length > 0)?.Trim() ?? $"git exit code {git.ExitCode}"}); publish writes what git HEAD holds");

    private static (int ExitCode, byte[] Output, string Error) Git(string root, string? input, params string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(root);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Messages in English whatever the machine's language, so that the error names git's own words.
        info.Environment["LC_ALL"] = "C";
        Process git;
        try
        {
            git = Process.Start(info)!;
        }
        catch (Win32Exception)
        {
            throw new GradingException("publish: git is not installed (publish writes what the kit's git HEAD holds); install git");
        }

        using (git)
        {
            var output = new MemoryStream();
            var copy = git.StandardOutput.BaseStream.CopyToAsync(output);
            var error = git.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                // Ids are ASCII. The output is being drained meanwhile, so a full pipe cannot stall this write.
                git.StandardInput.BaseStream.Write(Encoding.ASCII.GetBytes(input));
                git.StandardInput.Close();
            }

            copy.Wait();
            git.WaitForExit();
            return (git.ExitCode, output.ToArray(), error.Result);
        }
    }

    private sealed record Entry(string Id, bool Executable);
}

/// <summary>A kit file whose working copy differs from the commit.</summary>
/// <param name="Path">Relative to the kit, with '/'.</param>
/// <param name="State">What differs: modified, untracked, deleted…</param>
internal sealed record UncommittedFile(string Path, string State);
