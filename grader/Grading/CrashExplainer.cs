using System.Globalization;
using System.Text.RegularExpressions;

namespace Coursework.Grading;

/// <summary>Puts a judge that ended without reporting (it ends the way its host did) into plain words, from its exit code and last output.</summary>
internal static partial class CrashExplainer
{
    public static string Explain(int exitCode, string output, RunLimits limits)
    {
        var where = StudentFrame(output) is { } frame ? $" in {frame}" : string.Empty;
        if (BridgeProblem().Match(output) is { Success: true } problem)
        {
            // The judge ended because the host broke the protocol (it wrote into the channel, or sent nonsense).
            return $"The test process stopped: {Shorten(problem.Groups["what"].Value.Trim())}. Does the code write to the standard output stream directly?";
        }

        if (output.Contains("Stack overflow", StringComparison.Ordinal))
        {
            return $"The test process crashed: stack overflow{where}. Is there a recursion that never stops?";
        }

        if (output.Contains("OutOfMemoryException", StringComparison.Ordinal) || output.Contains("GC heap", StringComparison.OrdinalIgnoreCase) || exitCode == 137)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The test process ran out of memory{where} (the limit is {limits.MemoryMegabytes} MB). Does the code allocate without bound?");
        }

        if (UnhandledException().Match(output) is { Success: true } unhandled)
        {
            return $"The test process crashed with an unhandled exception{where}: {Shorten(unhandled.Groups["what"].Value.Trim())} (thrown outside the test, e.g. on another thread).";
        }

        if (output.Contains("Process terminated.", StringComparison.Ordinal))
        {
            return $"The test process was terminated{where} (Environment.FailFast?).";
        }

        if (exitCode == 128 + 25)
        {
            return $"The test process was stopped{where}: it wrote a file larger than the sandbox allows (SIGXFSZ). Does the code write to files?";
        }

        if (exitCode == 128 + 24)
        {
            return $"The test process was stopped{where}: it used up its CPU time (SIGXCPU). Is there a loop that never ends, on several threads?";
        }

        return exitCode == 0
            ? "The test process exited before reporting the test (exit code 0). Does the code call Environment.Exit?"
            : string.Create(CultureInfo.InvariantCulture, $"The test process exited before reporting the test (exit code {exitCode}){where}.");
    }

    /// <summary>"ReLU.Backward": the first stack frame in the student's namespace that is not the grader's own.</summary>
    private static string? StudentFrame(string output)
    {
        foreach (Match match in Frame().Matches(output))
        {
            var type = match.Groups["type"].Value;
            if (!type.StartsWith("Coursework.Grading", StringComparison.Ordinal) && !type.StartsWith("Coursework.Testing", StringComparison.Ordinal) && !type.StartsWith("Coursework.Bridge", StringComparison.Ordinal))
            {
                var name = type[(type.LastIndexOf('.') + 1)..];
                var method = match.Groups["method"].Value;
                return method == ".ctor" ? $"the {name} constructor" : $"{name}.{method}";
            }
        }

        return null;
    }

    [GeneratedRegex(@"at (?<type>Coursework(?:\.[A-Za-z_][A-Za-z0-9_]*)+)\.(?<method>\.?[A-Za-z_][A-Za-z0-9_<>]*)\(")]
    private static partial Regex Frame();

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"^bridge: (?<what>[^\r\n]+)", RegexOptions.Multiline)]
    private static partial Regex BridgeProblem();

    [GeneratedRegex(@"Unhandled exception\.\s*(?<what>[^\r\n]+)")]
    private static partial Regex UnhandledException();
}
