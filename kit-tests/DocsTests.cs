using System.Text;
using System.Text.RegularExpressions;
using Coursework.Grading.Commands;

namespace Coursework.Grading.Tests;

/// <summary>
/// The docs work as written: every grader command they show parses with the grader's own command line, and every
/// repository path they name exists. A renamed option or a moved folder then fails here, not in a reader's terminal.
/// </summary>
public partial class DocsTests
{
    private const string GraderCommand = "dotnet run --project grader";

    /// <summary>
    /// Paths the docs name that are not in the repository, each with why: made by running something, or only in the
    /// published template. A path below one of these is allowed too.
    /// </summary>
    private static readonly Dictionary<string, string> PathsMadeElsewhere = new()
    {
        ["grading/"] = "the grader writes its result and report there",
        ["plots/"] = "the training demo draws its pictures there",
        ["artifacts/"] = "the build's output",
        ["bin/"] = "a project's build output",
        ["shard/"] = "the sharded batch example's own output folder",
        ["shards/"] = "the sharded batch example's downloaded artifacts",
        ["submissions/"] = "the instructor's folder of submissions in the batch examples",
        ["graded/"] = "the merge example's output folder",
        ["feedback/"] = "a batch's output folder",
        ["results/"] = "a batch's output folder",
        ["template/"] = "publish --out writes it",
        ["hidden/"] = "publish --hidden-tests-out writes it",
        ["judge/Oracles/Api/"] = "publish writes the kit's API files there, for the hidden tests to carry",
        ["classroom50/"] = "publish --classroom50 writes it",
        ["source/"] = "Gradescope unpacks the autograder there",
        ["/autograder/"] = "Gradescope's own folder",
        ["gradescope/"] = "the gradescope format's file, beside the grader's result",
        ["exercism/"] = "the exercism format's file, beside the grader's result",
    };

    /// <summary>Backticked text with a slash that is not a path of this repository, each with why.</summary>
    private static readonly Dictionary<string, string> NotPaths = new()
    {
        ["owner/name"] = "a GitHub repository's name",
        ["my-org/coursework-hidden"] = "the example's hidden-tests repository",
        ["foundation50/classroom50"] = "Classroom 50's repository",
        ["classroom50/result/v1"] = "a schema name",
        ["sdk/VERSION/Roslyn/bincore"] = "a folder of the .NET SDK",
        ["cli/gh-teacher/skeleton/dotgithub/scripts/runner.py"] = "a file of Classroom 50's repository",
        ["schemas/result-v1.schema.json"] = "a file of Classroom 50's repository",
        ["sklearn/datasets/data/"] = "a folder of scikit-learn",
    };

    /// <summary>The pages a reader follows: the README, the contributors' guide and every page of docs/.</summary>
    private static IEnumerable<string> Pages()
    {
        yield return "README.md";
        yield return "CONTRIBUTING.md";
        foreach (var page in Directory.GetFiles(Path.Combine(GraderProcess.KitRoot, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            yield return Path.GetRelativePath(GraderProcess.KitRoot, page).Replace('\\', '/');
        }
    }

    [Test]
    public void The_readme_is_short_and_starts_with_grading_and_the_kits_tests()
    {
        var lines = File.ReadAllLines(Path.Combine(GraderProcess.KitRoot, "README.md"));

        lines.Length.ShouldBeLessThanOrEqualTo(125, "README.md is the front door; the details belong in docs/");
        var fences = lines.Select((line, index) => (line, index)).Where(entry => entry.line.StartsWith("```", StringComparison.Ordinal)).Take(2).ToList();
        fences.Count.ShouldBe(2, "README.md has a code block");
        lines.Take(fences[0].index).Count(line => line.Length > 0).ShouldBe(1, "the commands come right after the title");
        var firstBlock = string.Join('\n', lines[(fences[0].index + 1)..fences[1].index]);
        firstBlock.ShouldContain(GraderCommand);
        firstBlock.ShouldContain("bash .ci/run");
    }

    [Test]
    public void Every_grader_command_in_the_docs_parses()
    {
        var commands = 0;
        var problems = new List<string>();
        foreach (var page in Pages())
        {
            foreach (var snippet in Snippets(page))
            {
                foreach (var arguments in GraderArguments(snippet.Text))
                {
                    commands++;
                    var result = Cli.Create().Parse(arguments);
                    if (result.Errors.Count > 0)
                    {
                        problems.Add($"{page}:{snippet.Line}: {GraderCommand} -- {string.Join(' ', arguments)}: {result.Errors[0].Message}");
                    }
                }
            }
        }

        commands.ShouldBeGreaterThan(10, "the docs show the grader's commands");
        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    [Test]
    public void Every_repository_path_in_the_docs_exists()
    {
        var paths = 0;
        var problems = new List<string>();
        foreach (var page in Pages())
        {
            foreach (var snippet in Snippets(page).Where(snippet => !snippet.InBlock))
            {
                var path = RepositoryPath(snippet.Text);
                if (path is null)
                {
                    continue;
                }

                paths++;
                if (!File.Exists(Path.Combine(GraderProcess.KitRoot, path)) && !Directory.Exists(Path.Combine(GraderProcess.KitRoot, path)))
                {
                    problems.Add($"{page}:{snippet.Line}: `{snippet.Text}` does not exist");
                }
            }
        }

        paths.ShouldBeGreaterThan(20, "the docs name the kit's files");
        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    [Test]
    public void The_checker_reads_commands_and_paths_as_a_reader_does()
    {
        GraderArguments("dotnet run --project grader -- batch submissions --out graded --parallel 2   # a comment")
            .Single().ShouldBe(["batch", "submissions", "--out", "graded", "--parallel", "2"]);
        GraderArguments("dotnet run --project grader --no-build -- --tasks all | tail -n 4").Single().ShouldBe(["--tasks", "all"]);
        GraderArguments("dotnet run --project grader").Single().ShouldBeEmpty();
        GraderArguments("- run: dotnet run --project grader -- merge a --shard ${{ matrix.shard }}/4").Single().ShouldBe(["merge", "a", "--shard", "1/4"]);
        GraderArguments("dotnet run --project exercises -- 5").ShouldBeEmpty();
        Cli.Create().Parse(GraderArguments("dotnet run --project grader -- --no-such-option").Single()).Errors.ShouldNotBeEmpty();
        Cli.Create().Parse(GraderArguments("dotnet run --project grader -- batch submissions").Single()).Errors.ShouldNotBeEmpty("--out is required");

        RepositoryPath("grader/assignment.json").ShouldBe("grader/assignment.json");
        RepositoryPath("hidden-tests/TaskN_Name/").ShouldBe("hidden-tests/");
        RepositoryPath("exercises/Given/*.cs").ShouldBe("exercises/Given/");
        RepositoryPath("DIR/feedback/ID.md").ShouldBeNull();
        RepositoryPath("grading/result.json").ShouldBeNull();
        RepositoryPath("actions/checkout@v7").ShouldBeNull();
        RepositoryPath("1/4").ShouldBeNull();
        RepositoryPath("/usr/share/fonts").ShouldBeNull();
        RepositoryPath("bench/run").ShouldBe("bench/run");
        RepositoryPath("../template").ShouldBeNull();
    }

    /// <summary>A piece of code on a page: a line of a fenced block, or an inline code span of the prose.</summary>
    private sealed record Snippet(string Text, int Line, bool InBlock);

    private static IEnumerable<Snippet> Snippets(string page)
    {
        var inBlock = false;
        var number = 0;
        foreach (var line in File.ReadLines(Path.Combine(GraderProcess.KitRoot, page)))
        {
            number++;
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (inBlock)
            {
                yield return new Snippet(line, number, true);
                continue;
            }

            foreach (Match span in InlineCode().Matches(line))
            {
                yield return new Snippet(span.Groups[1].Value, number, false);
            }
        }
    }

    /// <summary>The grader's arguments of each grader command in a snippet (after `--`; none without it).</summary>
    private static IEnumerable<string[]> GraderArguments(string snippet)
    {
        var at = snippet.IndexOf(GraderCommand, StringComparison.Ordinal);
        if (at < 0)
        {
            yield break;
        }

        // A shell comment, a pipe or a redirection ends the command; a workflow expression stands for one value.
        var command = snippet[(at + GraderCommand.Length)..];
        command = ShellEnd().Split(command)[0];
        command = WorkflowExpression().Replace(command, "1");
        var tokens = Tokens(command);
        var separator = tokens.IndexOf("--");
        yield return separator < 0 ? [] : [.. tokens.Skip(separator + 1)];
    }

    /// <summary>Splits a command as a shell does for plain words and quoted ones.</summary>
    private static List<string> Tokens(string command)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        char? quote = null;
        foreach (var c in command)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }

        if (inToken)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    /// <summary>
    /// The part of an inline code span that must exist in the repository, or null: the span is a path (a slash, no
    /// spaces, no URL, version or variable), up to its first placeholder (TaskN_Name, &lt;…&gt;, DIR, ID.json, *).
    /// </summary>
    private static string? RepositoryPath(string span)
    {
        if (!span.Contains('/') || span.StartsWith('/') || NotPaths.ContainsKey(span) || NotAPath().IsMatch(span))
        {
            return null;
        }

        var segments = span.Split('/');
        var kept = new List<string>();
        foreach (var segment in segments)
        {
            if (Placeholder().IsMatch(segment))
            {
                break;
            }

            kept.Add(segment);
        }

        if (kept.Count == 0 || kept.All(segment => segment.Length == 0))
        {
            return null;
        }

        var path = string.Join('/', kept) + (kept.Count < segments.Length ? "/" : "");
        if (PathsMadeElsewhere.Keys.Any(made => path.StartsWith(made, StringComparison.Ordinal) || path + "/" == made))
        {
            return null;
        }

        return path;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\s#|\s\||\s&&|\s;|\s2?>")]
    private static partial Regex ShellEnd();

    [GeneratedRegex(@"\$\{\{[^}]*\}\}")]
    private static partial Regex WorkflowExpression();

    [GeneratedRegex(@"\s|://|@|=|\$|~|\{|,|^\.\.?/|^\d+/\d+$|^[A-Z]/[A-Z]$")]
    private static partial Regex NotAPath();

    [GeneratedRegex(@"^<.*>$|…|\*|TaskN|^[A-Z]{2,}([-._].*)?$")]
    private static partial Regex Placeholder();
}
