using System.CommandLine;

namespace Coursework.Grading.Commands;

/// <summary>
/// <c>sandbox</c>: says which tier of isolation student code would get on this machine, and why no stronger one, so
/// that a platform's setup (Gradescope's setup.sh, a CI job) can check before it grades anyone. Exit 0 when untrusted
/// code can be graded here (namespaces or container), 1 when not.
/// </summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var command = new Command("sandbox", "Say how student code would be isolated on this machine: namespaces (bubblewrap), container (root without namespaces), or none; exit 1 for none.");
        command.SetAction(_ =>
        {
            var support = Sandbox.Detect();
            var memory = MemoryBudget.LimitMegabytes() is { } limit ? $"; memory: {limit} MB (control group)" : "";
            var tier = support.Tier.ToString().ToLowerInvariant();
            Console.WriteLine(support.Weaker is null ? $"sandbox: {tier}{memory}" : $"sandbox: {tier} ({support.Weaker}){memory}");
            return support.Tier == SandboxTier.None ? 1 : 0;
        });
        return command;
    }
}
