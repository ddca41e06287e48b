using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using Coursework.Grading.Watch;

namespace Coursework.Grading.Commands;

/// <summary>
/// <c>watch</c>: the student's loop. Runs the public tests of every task of the assignment once, then, each time a file
/// in exercises/ or tests/ is saved, those of the task the file belongs to, compiled and run in this process
/// (<see cref="PublicTestLoop"/>): the first failure's message first, compiler errors with file and line.
/// </summary>
internal static class WatchCommand
{
    /// <summary>How long the files must stay unchanged before a run: an editor's save can be several writes.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);

    public static Command Create()
    {
        var folder = new Option<DirectoryInfo>("--folder")
        {
            Description = "The folder holding exercises/ and tests/ (default: the kit); a copy is compiled with the kit's references.",
            HelpName = "DIR",
        };
        var timings = new Option<bool>("--timings") { Description = "After each result, print where its seconds went (parse, compile, tests)." };
        var command = new Command("watch", "Rerun a task's public tests each time one of its files is saved: compiled and run in this process, results in about a second.")
        {
            folder, timings,
        };
        command.SetAction((parsed, cancellation) =>
        {
            var kit = KitLayout.Locate();
            var root = parsed.GetValue(folder)?.FullName ?? kit.Root;
            if (!Directory.Exists(Path.Combine(root, "exercises")) || !Directory.Exists(Path.Combine(root, "tests")))
            {
                throw new UsageException($"{root} has no exercises/ and tests/ folders to watch");
            }

            var manifest = KitManifest.Load(kit);
            var loop = PublicTestLoop.Start(root, kit, Console.Error);
            return Task.FromResult(Watch(loop, manifest, Console.Out, parsed.GetValue(timings), cancellation));
        });
        return command;
    }

    private static int Watch(PublicTestLoop loop, Manifest manifest, TextWriter output, bool timings, CancellationToken cancellation)
    {
        var changed = new ConcurrentQueue<string>();
        using var signal = new SemaphoreSlim(0);
        var watchers = new[] { "exercises", "tests" }.Select(name =>
        {
            var watcher = new FileSystemWatcher(Path.Combine(loop.Root, name), "*.cs")
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
            };
            FileSystemEventHandler onChange = (_, change) =>
            {
                changed.Enqueue(change.FullPath);
                signal.Release();
            };
            watcher.Changed += onChange;
            watcher.Created += onChange;
            watcher.Renamed += (_, change) => onChange(watcher, change); // editors that save by renaming a temporary file
            watcher.EnableRaisingEvents = true;
            return watcher;
        }).ToList();
        try
        {
            var enabled = manifest.Tasks.Where(task => task.Enabled).ToList();
            var last = enabled;
            foreach (var task in enabled)
            {
                Show(loop.Run(task));
            }

            output.WriteLine("watch: save a file in exercises/ or tests/ to rerun its task's public tests (Ctrl+C stops)");
            while (!cancellation.IsCancellationRequested)
            {
                signal.Wait(cancellation);
                // Let the save finish: wait until no new change has come for a moment.
                while (signal.Wait(Settle, cancellation))
                {
                }

                var paths = new HashSet<string>(StringComparer.Ordinal);
                while (changed.TryDequeue(out var path))
                {
                    paths.Add(path);
                }

                var tasks = paths.Select(path => loop.TaskOf(manifest, path)).Distinct().ToList();
                // A file of no task (exercises/Given, tests/Support) reruns the tasks of the last run.
                var run = tasks.Contains(null) || tasks.Count == 0 ? last : [.. tasks.OfType<TaskSpec>().OrderBy(task => task.Id)];
                foreach (var task in run)
                {
                    Show(loop.Run(task));
                }

                last = run;
                // Each run loads its code into a context of its own, unloaded after it; collecting now, while the
                // student edits, frees those contexts without costing the next run any time.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            watchers.ForEach(watcher => watcher.Dispose());
            loop.CleanUp();
        }

        return 0;

        void Show(TaskRun run)
        {
            Print(output, run);
            if (timings)
            {
                foreach (var line in run.Timings.Lines())
                {
                    output.WriteLine($"    {line}");
                }

                output.WriteLine($"    watch's memory: {Environment.WorkingSet / (1 << 20)} MB");
            }
        }
    }

    /// <summary>One task's result, most useful line first: the counts, then the first failure's message and where.</summary>
    internal static void Print(TextWriter output, TaskRun run)
    {
        var seconds = run.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var title = $"Task {run.Task.Id} {run.Task.Name}";
        output.WriteLine();
        if (run.Errors.Count > 0)
        {
            output.WriteLine($"{title}: does not compile ({Count(run.Errors.Count, "error")}, {seconds} s)");
            foreach (var error in run.Errors.Take(5))
            {
                output.WriteLine($"  {error}");
            }

            if (run.Errors.Count > 5)
            {
                output.WriteLine($"  … and {run.Errors.Count - 5} more");
            }

            return;
        }

        if (run.Tests.Count == 0)
        {
            output.WriteLine($"{title}: no public tests here ({seconds} s)");
            return;
        }

        var failed = run.Tests.Where(test => test.Status is "Failed").ToList();
        var passed = run.Tests.Count(test => test.Status is "Passed");
        var skipped = run.Tests.Count - passed - failed.Count;
        output.WriteLine($"{title}: {passed} passed, {failed.Count} failed{(skipped > 0 ? $", {skipped} skipped" : "")} ({seconds} s)");
        if (failed.FirstOrDefault() is { } first)
        {
            output.WriteLine($"  FAILED {first.Name}");
            foreach (var line in first.Message.Trim().Split('\n').Select(line => line.TrimEnd('\r')))
            {
                output.WriteLine($"    {line}");
            }

            // Where to look: the student's own frames, or else the test's line (a wrong value fails in the test).
            var frames = first.StackTrace.Split('\n').Select(line => line.Trim()).ToList();
            var shown = frames.Where(line => line.Contains(" exercises/", StringComparison.Ordinal)).Take(2).ToList();
            foreach (var frame in shown.Count > 0 ? shown : frames.Where(line => line.Contains(" tests/", StringComparison.Ordinal)).Take(1))
            {
                output.WriteLine($"    {frame}");
            }

            foreach (var other in failed.Skip(1))
            {
                output.WriteLine($"  also FAILED {other.Name}");
            }
        }
        else if (skipped > 0 && run.Tests.FirstOrDefault(test => test.Status is not "Passed") is { } skip)
        {
            output.WriteLine($"  skipped: {skip.Message.Trim()}");
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
