using System.Text.Json.Nodes;

namespace Coursework.Grading.Tests;

/// <summary>
/// A published template opens in Codespaces or VS Code's Dev Containers with the .NET 10 SDK image, the C# extensions
/// and a post-create step that installs bubblewrap and builds (so the test explorer lists the public tests); VS Code
/// recommends the same extensions outside a container. Read as JSON always, and by the dev containers CLI
/// (@devcontainers/cli, which reads the format as Codespaces does) where it is installed: .ci/run installs it.
/// </summary>
[NonParallelizable] // publish builds nothing, but shares the kit's git with the other publishing tests
public class DevContainerTests
{
    private static readonly string[] Extensions = ["ms-dotnettools.csdevkit", "ms-dotnettools.csharp"];

    private string _template = null!;

    [OneTimeSetUp]
    public void PublishTemplate()
    {
        _template = Path.Combine(Path.GetTempPath(), $"template-devcontainer-{Guid.NewGuid():N}");
        var outcome = GraderProcess.Run("publish", "--out", _template);
        outcome.ExitCode.ShouldBe(0, outcome.StandardError);
    }

    [OneTimeTearDown]
    public void RemoveTemplate()
    {
        if (Directory.Exists(_template))
        {
            Directory.Delete(_template, recursive: true);
        }
    }

    [Test]
    public void The_template_names_the_dotnet_10_image_the_csharp_extensions_and_a_post_create_step()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(_template, ".devcontainer", "devcontainer.json")))!.AsObject();

        config["image"]!.GetValue<string>().ShouldBe("mcr.microsoft.com/devcontainers/dotnet:10.0");
        config["customizations"]!["vscode"]!["extensions"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(Extensions);
        config["customizations"]!["vscode"]!["settings"]!["dotnet.defaultSolution"]!.GetValue<string>().ShouldBe("Coursework.sln");
        config["postCreateCommand"]!.GetValue<string>().ShouldBe("bash .devcontainer/post-create.sh");

        var script = Path.Combine(_template, ".devcontainer", "post-create.sh");
        var text = File.ReadAllText(script);
        text.ShouldContain("bubblewrap");
        text.ShouldContain("dotnet build Coursework.sln");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute).ShouldBeTrue("post-create.sh keeps its executable bit");
        }

        var recommended = JsonNode.Parse(File.ReadAllText(Path.Combine(_template, ".vscode", "extensions.json")))!["recommendations"]!.AsArray();
        recommended.Select(e => e!.GetValue<string>()).ShouldBe(Extensions);
    }

    [Test]
    public void The_templates_readme_says_how_to_open_it_in_codespaces_and_vs_code()
    {
        var readme = File.ReadAllText(Path.Combine(_template, "README.md"));

        readme.ShouldContain("Codespaces");
        readme.ShouldContain("Reopen in Container");
        readme.ShouldContain(".devcontainer/devcontainer.json");
    }

    [Test]
    public void The_dev_containers_cli_reads_the_templates_configuration()
    {
        var cli = Environment.GetEnvironmentVariable("PATH")!.Split(':')
            .Select(folder => Path.Combine(folder, "devcontainer")).FirstOrDefault(File.Exists);
        if (cli is null)
        {
            // Not a failure (CI's counters treat a skipped test as one): .ci/run says loudly when it could not install the CLI.
            TestContext.Progress.WriteLine("WARNING: the dev containers CLI is not installed (npm install -g @devcontainers/cli): devcontainer.json was read as JSON only");
            return;
        }

        // --docker-path /bin/true: read-configuration asks the container runtime for a running container of this
        // folder; a runtime that lists none lets it read the file alone, which is all this test needs.
        var outcome = GraderProcess.Program(cli, _template, TimeSpan.FromMinutes(2), null,
            ["read-configuration", "--workspace-folder", _template, "--docker-path", "/bin/true"]);

        outcome.ExitCode.ShouldBe(0, outcome.StandardError);
        var read = JsonNode.Parse(outcome.StandardOutput)!["configuration"]!;
        read["image"]!.GetValue<string>().ShouldBe("mcr.microsoft.com/devcontainers/dotnet:10.0", outcome.StandardOutput);
        read["customizations"]!["vscode"]!["extensions"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(Extensions);
        read["postCreateCommand"]!.GetValue<string>().ShouldBe("bash .devcontainer/post-create.sh");
    }
}
