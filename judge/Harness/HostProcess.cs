using System.Diagnostics;
using System.Text;
using Coursework.Bridge;
using Coursework.Grading.Protocol;

namespace Coursework.Grading;

/// <summary>What the judge needs to start the host: where it is, how to isolate it, and the classes it serves to it.</summary>
/// <param name="Folder">The host's build output.</param>
/// <param name="Sandbox">Sandbox and limits.</param>
/// <param name="ServedClasses">The classes whose stand-ins in the host call the judge's own versions (generated from the reference solutions by standins/: StandInSource.Served); empty: none.</param>
public sealed record HostOptions(string Folder, SandboxOptions Sandbox, IReadOnlyList<string> ServedClasses);

/// <summary>
/// The host process, seen from the judge: started once per judge, connected by the bridge. When it dies or breaks
/// the protocol, the judge ends the same way (its standard error, its exit code), so that the grader charges the
/// test that was running and resumes after it, exactly as for a crash in the judge itself.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private const int ErrorLimit = 64 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private readonly string? _scratch;
    private readonly SandboxOptions _sandbox;

    private HostProcess(Process process, Peer peer, string? scratch, SandboxOptions sandbox) => (_process, Peer, _scratch, _sandbox) = (process, peer, scratch, sandbox);

    /// <summary>
    /// Gives a pipe to the host 1 MiB of buffer (Linux's largest for a user; 64 kB by default), so that a layer's
    /// output of a few hundred kB crosses in one write and one read rather than in a dozen rounds of each side
    /// waking the other: a network trained on stand-ins sends about 2 MB each way per epoch.
    /// </summary>
    private static void WidenPipe(Stream stream)
    {
        if (OperatingSystem.IsLinux() && stream is System.IO.Pipes.PipeStream pipe)
        {
            _ = SetPipeSize((int)pipe.SafePipeHandle.DangerousGetHandle(), SetPipeSizeCommand, 1 << 20); // if refused, the default stays
        }
    }

    private const int SetPipeSizeCommand = 1031; // F_SETPIPE_SZ

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int SetPipeSize(int descriptor, int command, int size);

    /// <summary>The judge's end of the bridge.</summary>
    public Peer Peer { get; }

    /// <summary>Starts the host and waits until student code has loaded; ends this process like the host if it does not.</summary>
    /// <param name="options">Where and how.</param>
    /// <returns>The connected host.</returns>
    public static HostProcess Start(HostOptions options)
    {
        var (info, scratch) = Sandbox.HostStartInfo(options.Folder, options.Sandbox);
        var process = Process.Start(info) ?? throw new InvalidOperationException("the host could not be started");
        WidenPipe(process.StandardOutput.BaseStream);
        WidenPipe(process.StandardInput.BaseStream);
        var dispatcher = options.ServedClasses.Count == 0 ? null : ServedDispatcher(options.ServedClasses);
        var host = new HostProcess(process, new Peer(process.StandardOutput.BaseStream, process.StandardInput.BaseStream, dispatcher), scratch, options.Sandbox);
        process.ErrorDataReceived += (_, e) => host.Collect(e.Data);
        process.BeginErrorReadLine();
        Peer.Current = host.Peer;
        try
        {
            host.Peer.WaitForReady();
        }
        catch (PeerGoneException)
        {
            host.EndLikeTheHost(null);
        }

        return host;
    }

    /// <summary>
    /// Ends this judge the way the host ended: its standard error on ours (for the grader's crash explanation) and its
    /// exit code; a host still running (it broke the protocol) is killed first.
    /// </summary>
    /// <param name="problem">What the judge saw, if the host broke the protocol rather than dying.</param>
    public void EndLikeTheHost(string? problem)
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(problem is null ? 10 : 0)))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.WaitForExit(); // the error reader has everything
        lock (_errors)
        {
            Console.Error.Write(_errors.ToString());
        }

        if (problem is not null)
        {
            Console.Error.WriteLine($"bridge: {problem}");
        }

        Console.Error.Flush();
        RemoveScratch();
        Environment.Exit(problem is null ? _process.ExitCode : JudgeExit.HostBrokeProtocol);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close(); // the host's loop ends at the end of its input
            if (!_process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        RemoveScratch();
    }

    /// <summary>Removes the host's folder and, where it ran as a user of its own, every process and shared file of that user.</summary>
    private void RemoveScratch() => Sandbox.End(_sandbox, _scratch);

    /// <summary>
    /// Serves the host's calls to the judge's versions of the named classes, and to nothing else: a name resolves only
    /// in their namespace, so the stand-ins the hidden tests call (same names) can never be reached.
    /// </summary>
    private static Dispatcher ServedDispatcher(IReadOnlyList<string> classes)
    {
        var assembly = typeof(HostProcess).Assembly;
        var allowed = classes.ToHashSet(StringComparer.Ordinal);
        return new Dispatcher(
            name => allowed.Contains(name) ? assembly.GetType($"{ServedNamespace}.{name}") : null,
            viaInterfaces: false,
            detectChangedArguments: false,
            isOwnCode: method => method.DeclaringType?.Namespace == ServedNamespace);
    }

    /// <summary>The namespace of the judge's versions of the classes that tasks build on, where standins/ puts them.</summary>
    public const string ServedNamespace = ServedClasses.Namespace;

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_errors)
        {
            if (_errors.Length < ErrorLimit)
            {
                _errors.AppendLine(line);
            }
        }
    }
}
