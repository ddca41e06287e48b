using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Coursework;

/// <summary>
/// An attack on the network: when the code loads, try to connect to a port on the machine's loopback (the kit test
/// listens on 127.0.0.1:47123 while grading this scenario) and to send what it found; also try a public address.
/// </summary>
internal static class Attack
{
    [ModuleInitializer]
    internal static void Run()
    {
        foreach (var (host, port) in new[] { ("127.0.0.1", 47123), ("localhost", 47123) })
        {
            try
            {
                using var client = new TcpClient();
                if (client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(1)))
                {
                    client.GetStream().Write("hello from a student's code"u8);
                }
            }
            catch (Exception)
            {
                // no network: the next
            }
        }
    }
}
