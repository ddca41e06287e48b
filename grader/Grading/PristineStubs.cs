using System.Diagnostics;

namespace Coursework.Grading;

/// <summary>
/// The TODO files as the kit commits them (git HEAD), for the files a submission leaves out: an instructor's edited
/// working copy of exercises/ (the reference pasted in to try something) must never fill a student's gaps.
/// </summary>
internal static class PristineStubs
{
    /// <summary>A folder holding every stub file as committed, or null when the kit is not a git checkout.</summary>
    /// <param name="kit">The kit.</param>
    /// <param name="stubFiles">The manifest's stub files, relative to the kit.</param>
    /// <returns>The folder (under artifacts/, named by the commit), or null.</returns>
    public static string? Extract(KitLayout kit, IReadOnlyList<string> stubFiles)
    {
        if (Git(kit.Root, "rev-parse", "HEAD") is not { Length: > 0 } commit)
        {
            return null;
        }

        var folder = Path.Combine(kit.Root, "artifacts", "pristine", commit.Trim()[..12]);
        if (Directory.Exists(folder))
        {
            return folder;
        }

        var partial = folder + $".{Environment.ProcessId}.partial";
        Directory.CreateDirectory(partial);
        foreach (var stub in stubFiles)
        {
            if (Git(kit.Root, "show", $"HEAD:{stub}") is not { } text)
            {
                Directory.Delete(partial, recursive: true);
                return null; // a stub that is not committed yet: the working copy is all there is
            }

            File.WriteAllText(Path.Combine(partial, Path.GetFileName(stub)), text);
        }

        try
        {
            Directory.Move(partial, folder);
        }
        catch (IOException)
        {
            Directory.Delete(partial, recursive: true); // another grading got there first, with the same files
        }

        return folder;
    }

    private static string? Git(string root, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
            info.ArgumentList.Add("-C");
            info.ArgumentList.Add(root);
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var git = Process.Start(info)!;
            var output = git.StandardOutput.ReadToEndAsync();
            _ = git.StandardError.ReadToEndAsync();
            git.WaitForExit();
            return git.ExitCode == 0 ? output.Result : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git
        }
    }
}
