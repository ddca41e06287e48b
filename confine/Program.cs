// confine PROGRAM [ARGUMENT ...]: refuses the network to PROGRAM (a seccomp filter on socket() for anything but Unix
// sockets, and on io_uring, which can open sockets too), then executes it in this process's place. Linux, x86-64 and
// arm64 only; anything else, or a kernel that refuses the filter, exits 125 with a one-line reason, so that the judge
// never runs a host unconfined by mistake. Not for people: the judge starts it (sandbox/Sandbox.cs).
using System.Runtime.InteropServices;
using Coursework.Confine;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Coursework.Confine PROGRAM [ARGUMENT ...]");
    return 2;
}

if (NetworkFilter.Install() is { } problem)
{
    Console.Error.WriteLine($"confine: {problem}");
    return 125;
}

Execute(args[0], args);
Console.Error.WriteLine($"confine: cannot execute {args[0]} (errno {Marshal.GetLastPInvokeError()})");
return 126;

static void Execute(string program, string[] arguments)
{
    // The arguments and the environment as C arrays of C strings, ending with a null pointer.
    static IntPtr[] CStrings(IEnumerable<string> values) => [.. values.Select(Marshal.StringToHGlobalAnsi), IntPtr.Zero];
    var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(entry => $"{entry.Key}={entry.Value}");
    _ = NativeMethods.Execve(program, CStrings(arguments), CStrings(environment));
}
