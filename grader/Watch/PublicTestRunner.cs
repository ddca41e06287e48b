// Compiled by watch into the public tests' assembly (not into the grader, which has no NUnit): it runs the fixtures
// watch asks for with NUnit's own framework, in watch's process, so that the tests' attributes ([GradedTask],
// [OneStackTrace], [TestCase], [SetUp], …) behave exactly as under dotnet test.
using System.Security;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Coursework.Watch;

/// <summary>The entry point watch calls by reflection.</summary>
public static class PublicTestRunner
{
    /// <summary>Runs the test fixtures of the given classes.</summary>
    /// <param name="fixtures">Full class names.</param>
    /// <returns>One row per test, in run order: status (Passed, Failed, Skipped, …), name, message, stack trace, method.</returns>
    public static string[][] Run(string[] fixtures)
    {
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        // No worker threads: the tests run on this thread, one after another, and nothing outlives the run.
        runner.Load(typeof(PublicTestRunner).Assembly, new Dictionary<string, object> { ["NumberOfTestWorkers"] = 0 });
        var filter = TestFilter.FromXml("<filter><or>" + string.Concat(fixtures.Select(name => $"<class>{SecurityElement.Escape(name)}</class>")) + "</or></filter>");
        var rows = new List<string[]>();
        Collect(runner.Run(TestListener.NULL, filter), rows);
        return [.. rows];
    }

    private static void Collect(ITestResult result, List<string[]> rows)
    {
        if (!result.Test.IsSuite)
        {
            rows.Add([result.ResultState.Status.ToString(), result.Test.Name, result.Message ?? "", result.StackTrace ?? "", result.Test.MethodName ?? ""]);
            return;
        }

        foreach (var child in result.Children)
        {
            Collect(child, rows);
        }
    }
}
