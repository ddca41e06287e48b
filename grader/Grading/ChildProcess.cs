using System.Diagnostics;
using System.Text;

namespace Coursework.Grading;

/// <summary>A `dotnet` child process whose output is collected (capped) and which can be killed with its children.</summary>
internal sealed class ChildProcess : IDisposable
{
    private const int OutputLimit = 64 * 1024;

    // Student code runs in these processes: nothing secret may reach it through the environment.
    private static readonly string[] SecretMarkers = ["TOKEN", "SECRET", "PASSWORD", "CREDENTIAL", "PRIVATE_KEY", "API_KEY"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    /// <summary>The `dotnet` executable that runs builds and test programs.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    /// <summary>Starts <c>dotnet ARGS</c>.</summary>
    /// <param name="arguments">The arguments, unquoted.</param>
    /// <param name="workingDirectory">The folder it runs in.</param>
    /// <param name="environment">Variables to set for it.</param>
    /// <param name="keepInput">Keep its standard input open for <see cref="SendLine"/> (else it reads end-of-file at once).</param>
    /// <returns>The running process.</returns>
    public static ChildProcess StartDotnet(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, bool keepInput = false)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(IsSecret).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var child = new ChildProcess(new Process { StartInfo = info });
        child._process.OutputDataReceived += (_, e) => child.Collect(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Collect(e.Data);
        try
        {
            child._process.Start();
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new GradingException($"cannot start '{info.FileName}': {exception.Message} (is the .NET SDK installed and on PATH?)");
        }

        if (!keepInput)
        {
            child._process.StandardInput.Close();
        }

        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Writes one line to its standard input; a process that has ended reads nothing (its end shows as its exit).</summary>
    /// <param name="line">The line.</param>
    public void SendLine(string line)
    {
        try
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }
        catch (IOException)
        {
            // it has ended
        }
    }

    /// <summary>Closes its standard input: it reads end-of-file.</summary>
    public void CloseInput()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // it has ended
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output and error, interleaved, at most 64 KiB.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Waits for the process to end.</summary>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns>True if it ended.</returns>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // lets the output readers finish
        return true;
    }

    /// <summary>Kills the process and everything it started.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static bool IsSecret(string name) =>
        name.StartsWith("ACTIONS_", StringComparison.OrdinalIgnoreCase) ||
        SecretMarkers.Any(marker => name.Contains(marker, StringComparison.OrdinalIgnoreCase));

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < OutputLimit)
            {
                _output.AppendLine(line);
            }
        }
    }
}
