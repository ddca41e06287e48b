using System.Diagnostics;
using System.Reflection;
using Coursework.Bridge;
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
                Event = EventKind.Test, Task = test.TaskId, Index = test.Index, Name = test.Name, Weight = test.Weight,
                TimeoutSeconds = test.TimeoutSeconds > 0 ? test.TimeoutSeconds : null,
            });
        }

        Report(new TestEvent { Event = EventKind.Done });
    }

    /// <summary>
    /// Starts the host (student code loads there, module initializer first), then runs each command's tests in order:
    /// a task's tests from an index on, each command ended by a <c>done</c> event.
    /// </summary>
    /// <param name="commands">Task and first index, as they come (the grader sends the next when it has read the last's results).</param>
    /// <param name="hostOptions">Where the host is and how to isolate it.</param>
    public void Run(IEnumerable<(int Task, int From)> commands, HostOptions hostOptions)
    {
        // Student code that runs when it loads is reported here, not inside the first test.
        using var host = HostProcess.Start(hostOptions);
        Report(new TestEvent { Event = EventKind.Loaded });

        foreach (var (task, from) in commands)
        {
            foreach (var test in TestCatalog.ForTask(task).Where(test => test.Index >= from))
            {
                Report(new TestEvent { Event = EventKind.Start, Task = test.TaskId, Index = test.Index, Name = test.Name });
                var context = new GradingContext(gradingSeed, test.TaskId, test.Name);
                var (status, message, output, elapsed) = RunOne(test, context, host);
                Report(new TestEvent
                {
                    Event = EventKind.End, Task = test.TaskId, Index = test.Index, Name = test.Name,
                    Status = status, Message = message, Output = output, Milliseconds = Math.Round(elapsed.TotalMilliseconds, 1),
                    Training = context.Training,
                });
            }

            Report(new TestEvent { Event = EventKind.Done, Task = task });
        }
    }

    private (TestStatus Status, string? Message, string? Output, TimeSpan Elapsed) RunOne(HiddenTest test, GradingContext context, HostProcess host)
    {
        var captured = new CappedWriter(outputLimit);
        // What student code printed comes with each reply from the host; the judge itself prints nothing.
        host.Peer.OnOutput = captured.Write;
        var stopwatch = Stopwatch.StartNew();
        CallShapes.Current = [];
        try
        {
            var instance = Activator.CreateInstance(test.Method.DeclaringType!);
            var arguments = test.Method.GetParameters().Length == 0
                ? Array.Empty<object>()
                : [context];
            test.Method.Invoke(instance, arguments);
            return (TestStatus.Pass, null, captured.Captured(), stopwatch.Elapsed);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is PeerGoneException)
        {
            host.EndLikeTheHost(null); // the host died in this test: the grader charges it and resumes after it
            throw;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is BridgeProtocolException protocol)
        {
            host.EndLikeTheHost($"the process running your code sent something that is not an answer ({protocol.Message})");
            throw;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            var (status, message) = FailureExplainer.Explain(exception.InnerException);
            return (status, message, captured.Captured(), stopwatch.Elapsed);
        }
        finally
        {
            host.Peer.OnOutput = null;
        }
    }

    private void Report(TestEvent testEvent)
    {
        results.WriteLine(testEvent.ToLine());
        results.Flush();
    }
}
