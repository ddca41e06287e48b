using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Coursework.Grading.Protocol;

namespace Coursework.Grading;

/// <summary>Runs hidden tests one by one and reports each to the results file as it starts and ends.</summary>
/// <param name="results">Where events go; flushed after every line so that a crash loses nothing reported.</param>
/// <param name="gradingSeed">The seed of the grading run.</param>
/// <param name="outputLimit">How many characters of student output to keep per test.</param>
public sealed class TestRunner(TextWriter results, int gradingSeed, int outputLimit)
{
    /// <summary>Writes one <c>test</c> event per hidden test.</summary>
    /// <param name="tests">The tests to list.</param>
    public void List(IEnumerable<HiddenTest> tests)
    {
        foreach (var test in tests)
        {
            Report(new TestEvent
            {
                Event = "test", Task = test.TaskId, Index = test.Index, Name = test.Name, Weight = test.Weight,
                TimeoutSeconds = test.TimeoutSeconds > 0 ? test.TimeoutSeconds : null,
            });
        }

        Report(new TestEvent { Event = "done" });
    }

    /// <summary>Loads the student's code (running its module initializer), then runs the tests in order.</summary>
    /// <param name="tests">The tests to run.</param>
    public void Run(IEnumerable<HiddenTest> tests)
    {
        // Student code that runs when its assembly loads is reported here, not inside the first test.
        RuntimeHelpers.RunModuleConstructor(typeof(Coursework.Affine).Module.ModuleHandle);
        Report(new TestEvent { Event = "loaded" });

        foreach (var test in tests)
        {
            Report(new TestEvent { Event = "start", Task = test.TaskId, Index = test.Index, Name = test.Name });
            var context = new GradingContext(gradingSeed, test.TaskId, test.Name);
            var (status, message, output, elapsed) = RunOne(test, context);
            Report(new TestEvent
            {
                Event = "end", Task = test.TaskId, Index = test.Index, Name = test.Name,
                Status = status, Message = message, Output = output, Milliseconds = Math.Round(elapsed.TotalMilliseconds, 1),
                Training = context.Training,
            });
        }

        Report(new TestEvent { Event = "done" });
    }

    private (string Status, string? Message, string? Output, TimeSpan Elapsed) RunOne(HiddenTest test, GradingContext context)
    {
        var console = (Out: Console.Out, Error: Console.Error);
        var captured = new CappedWriter(outputLimit);
        Console.SetOut(captured);
        Console.SetError(captured);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var instance = Activator.CreateInstance(test.Method.DeclaringType!);
            var arguments = test.Method.GetParameters().Length == 0
                ? Array.Empty<object>()
                : [context];
            test.Method.Invoke(instance, arguments);
            return ("pass", null, captured.Captured(), stopwatch.Elapsed);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            var (status, message) = FailureExplainer.Explain(exception.InnerException);
            return (status, message, captured.Captured(), stopwatch.Elapsed);
        }
        finally
        {
            Console.SetOut(console.Out);
            Console.SetError(console.Error);
        }
    }

    private void Report(TestEvent testEvent)
    {
        results.WriteLine(testEvent.ToLine());
        results.Flush();
    }
}
