using System.Diagnostics;

namespace Coursework.Grading.Batch;

/// <summary>
/// A grader process of batch's that grades one submission after another (<c>worker</c>): the compiler and the
/// grader's own code are loaded and compiled once, not once per submission. Only the grader's trusted code runs in
/// it; every grading still starts new judges and new sandboxed hosts.
/// </summary>
internal sealed class GradingWorker : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _errorLines = new();

    private GradingWorker(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (_errorLines)
                {
                    _errorLines.Enqueue(text);
                    if (_errorLines.Count > 20)
                    {
                        _errorLines.Dequeue();
                    }
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts a worker: this same grader, with <c>worker</c>.</summary>
    /// <param name="program">The grader's apphost, or dotnet.</param>
    /// <param name="prefix">The arguments before <c>worker</c> (the grader's dll with dotnet).</param>
    /// <returns>The worker.</returns>
    public static GradingWorker Start(string program, IEnumerable<string> prefix)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in prefix.Append("worker"))
        {
            info.ArgumentList.Add(argument);
        }

        return new GradingWorker(Process.Start(info) ?? throw new GradingException("cannot start a grading worker"));
    }

    /// <summary>Grades one submission; null when the worker did not answer within <paramref name="limit"/> or died (it must then be disposed).</summary>
    /// <param name="job">The grading.</param>
    /// <param name="limit">How long it may take.</param>
    /// <param name="problem">Why there is no reply: the worker's last error line, or that it took too long.</param>
    /// <returns>The reply, or null.</returns>
    public WorkerReply? Grade(WorkerJob job, TimeSpan limit, out string? problem)
    {
        problem = null;
        try
        {
            _process.StandardInput.WriteLine(job.ToLine());
            _process.StandardInput.Flush();
        }
        catch (IOException)
        {
            problem = LastError() ?? "the grading worker ended";
            return null;
        }

        var line = _process.StandardOutput.ReadLineAsync();
        if (!line.Wait(limit))
        {
            problem = $"grading took longer than {limit.TotalMinutes:0} minutes and was stopped";
            return null;
        }

        if (line.Result is not { } text || WorkerReply.FromLine(text) is not { } reply)
        {
            _process.WaitForExit(TimeSpan.FromSeconds(5));
            problem = LastError() ?? (_process.HasExited ? $"the grader exited with code {_process.ExitCode}" : "the grading worker stopped answering");
            return null;
        }

        return reply;
    }

    private string? LastError()
    {
        lock (_errorLines)
        {
            return _errorLines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        }
    }

    /// <summary>Ends the worker and whatever it started.</summary>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }

        _process.Dispose();
    }

    /// <summary>Stops the worker at once, with the judges and hosts of the grading it is stuck in.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        Dispose();
    }
}
