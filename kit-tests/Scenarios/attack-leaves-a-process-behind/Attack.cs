using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Coursework;

/// <summary>
/// An attack that outlives grading: when the code loads, start detached processes (setsid nohup, in a new session)
/// that sleep and then write a canary file and keep running, to rewrite a gradebook after the batch has ended.
/// </summary>
internal static class Attack
{
    [ModuleInitializer]
    internal static void Run()
    {
        foreach (var shell in new[] { "/bin/sh", "/usr/bin/sh" })
        {
            try
            {
                var info = new ProcessStartInfo("/usr/bin/setsid", ["/usr/bin/nohup", shell, "-c",
                    "sleep 3; for d in /tmp /root /work; do echo late > $d/coursework-attack-canary; done; exec sleep 300 # coursework-attack-sleeper"])
                {
                    UseShellExecute = false,
                };
                Process.Start(info);
                return;
            }
            catch (Exception)
            {
                // try the next shell
            }
        }
    }
}
