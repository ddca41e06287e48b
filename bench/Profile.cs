// `dotnet artifacts/solutions/bin/Coursework.Bench/release/Coursework.Bench.dll profile [recipe]` (after bench/run or
// its build line): where one epoch of seed 004's recipe spends its time — the recipe's matrix products, operation by
// operation on the recipe's shapes, the reference layers — in microseconds per call, wall-clock and process CPU time
// (steadier when other programs share the machine); then the whole recipe. With "recipe", only the whole recipe.
// artifacts/student-style/bin/Coursework.Bench/release/Coursework.Bench.dll (built by `bench/run recipe`) profiles the
// layers of bench/student-style instead of the reference's.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Bench;

internal static class Profile
{
    public static void Run(bool recipeOnly)
    {
        var digits = DataFiles.Digits();
        var (train, _) = digits.Split(0.25, new Random(123));
        var x = train.Features;
        var labels = train.OneHotLabels(10);
        var net = new FeedforwardNet(64, 32, 10, 1e-2, seed: 123);
        var (w1, b1, w2, b2) = (net.W1, net.B1, net.W2, net.B2);

        var z1 = x * w1;
        var a1 = z1.AddRowVector(b1);
        var h = a1.PointwiseMaximum(0.0);
        var logits = (h * w2).AddRowVector(b2);
        var dLogits = logits * 0.001;
        var dHidden = dLogits.TransposeAndMultiply(w2);
        var dZ1 = dHidden.PointwiseMultiply(a1.Map(v => v > 0 ? 1.0 : 0.0));
        var relu = new ReLU();
        relu.Forward(a1);
        var crossEntropy = new CrossEntropy();
        var affine1 = new Affine();
        affine1.Forward(x, w1, b1);
        var affine2 = new Affine();
        affine2.Forward(h, w2, b2);

        if (recipeOnly)
        {
            Recipe(x, labels);
            return;
        }

        var total = 0.0;
        void Time(string name, Action action)
        {
            var (microseconds, cpu) = Median(action);
            total += microseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {microseconds,9:0.0} us  (cpu {cpu,9:0.0} us)"));
        }

        Console.WriteLine("-- the recipe's matrix products, straight to the provider");
        var provider = MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider;
        foreach (var (m, k, n, ta, tb) in new[] { (1347, 64, 32, false, false), (1347, 32, 10, false, false), (1347, 10, 32, false, true), (32, 1347, 10, true, false), (1347, 32, 64, false, true), (64, 1347, 32, true, false) })
        {
            var random = new Random(1);
            var a = Enumerable.Range(0, m * k).Select(_ => random.NextDouble()).ToArray();
            var b = Enumerable.Range(0, k * n).Select(_ => random.NextDouble()).ToArray();
            var c = new double[m * n];
            var (rowsA, columnsA) = ta ? (k, m) : (m, k);
            var (rowsB, columnsB) = tb ? (n, k) : (k, n);
            var op = (bool t) => t ? MathNet.Numerics.Providers.LinearAlgebra.Transpose.Transpose : MathNet.Numerics.Providers.LinearAlgebra.Transpose.DontTranspose;
            var (wall, cpu) = Median(() => provider.MatrixMultiplyWithUpdate(op(ta), op(tb), 1.0, a, rowsA, columnsA, b, rowsB, columnsB, 0.0, c));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m}x{k}x{n} {(ta ? "T" : "N")}{(tb ? "T" : "N"),-30} {wall,9:0.0} us  (cpu {cpu,9:0.0} us) {2.0 * m * n * k / cpu / 1e3,6:0.0} GFLOP/s by cpu"));
        }

        Console.WriteLine("-- operations, on the recipe's shapes");
        Time("x * W1 (1347x64 . 64x32)", () => _ = x * w1);
        Time("AddRowVector (1347x32)", () => _ = z1.AddRowVector(b1));
        Time("PointwiseMaximum(0) (1347x32)", () => _ = a1.PointwiseMaximum(0.0));
        Time("h * W2 (1347x32 . 32x10)", () => _ = h * w2);
        Time("AddRowVector (1347x10)", () => _ = logits.AddRowVector(b2));
        Time("RowMaxima (1347x10)", () => _ = logits.RowMaxima());
        Time("SubtractColumnVector (1347x10)", () => _ = logits.SubtractColumnVector(logits.RowMaxima()));
        Time("PointwiseExp (1347x10)", () => _ = logits.PointwiseExp());
        Time("RowSums (1347x10)", () => _ = logits.RowSums());
        Time("Vector PointwiseLog (1347)", () => _ = logits.Column(0).PointwiseLog());
        Time("PointwiseMultiply (1347x10)", () => _ = labels.PointwiseMultiply(logits));
        Time("Subtract (1347x10)", () => _ = logits - labels);
        Time("Scale (1347x10)", () => _ = logits * 0.5);
        Time("dLogits.TransposeAndMultiply(W2) (1347x32)", () => _ = dLogits.TransposeAndMultiply(w2));
        Time("h.TransposeThisAndMultiply(dLogits) (32x10)", () => _ = h.TransposeThisAndMultiply(dLogits));
        Time("ColumnSums (1347x10)", () => _ = dLogits.ColumnSums());
        Time("Map(x > 0) (1347x32)", () => _ = a1.Map(v => v > 0 ? 1.0 : 0.0));
        Time("PointwiseMultiply (1347x32)", () => _ = dHidden.PointwiseMultiply(a1));
        Time("dZ1.TransposeAndMultiply(W1) (1347x64)", () => _ = dZ1.TransposeAndMultiply(w1));
        Time("x.TransposeThisAndMultiply(dZ1) (64x32)", () => _ = x.TransposeThisAndMultiply(dZ1));
        Time("ColumnSums (1347x32)", () => _ = dZ1.ColumnSums());
        Time("W1 - lr * dW1 (64x32)", () => _ = w1 - (0.01 * w1));
        Time("Transpose (1347x64)", () => _ = x.Transpose());
        Time("x.Transpose() * dZ1 (64x32)", () => _ = x.Transpose() * dZ1);
        Time("dZ1 * W1.Transpose() (1347x64)", () => _ = dZ1 * w1.Transpose());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sum",-44} {total,9:0.0} us"));

        total = 0;
        Console.WriteLine("-- the reference layers");
        Time("Affine(1).Forward", () => _ = affine1.Forward(x, w1, b1));
        Time("ReLU.Forward", () => _ = relu.Forward(a1));
        Time("Affine(2).Forward", () => _ = affine2.Forward(h, w2, b2));
        Time("CrossEntropy.Forward", () => _ = crossEntropy.Forward(logits, labels));
        Time("CrossEntropy.Backward", () => _ = crossEntropy.Backward());
        Time("Affine(2).Backward", () => _ = affine2.Backward(dLogits));
        Time("ReLU.Backward", () => _ = relu.Backward(dHidden));
        Time("Affine(1).Backward", () => _ = affine1.Backward(dZ1));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sum",-44} {total,9:0.0} us"));
        total = 0;
        Time("FeedforwardNet.Step (whole epoch)", () => net.Step(x, labels));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GCs during profile: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}"));

        Recipe(x, labels);
    }

    /// <summary>The whole recipe, 501 epochs, as the benchmark runs it: wall-clock and CPU seconds, median of 5.</summary>
    private static void Recipe(Matrix<double> x, Matrix<double> labels)
    {
        var (walls, cpus) = (new List<double>(), new List<double>());
        for (var run = 0; run < 5; run++)
        {
            var cpu = ProcessCpuMicroseconds();
            var stopwatch = Stopwatch.StartNew();
            var recipe = new FeedforwardNet(64, 32, 10, 1e-2, seed: 123);
            for (var epoch = 0; epoch < 501; epoch++)
            {
                recipe.Step(x, labels);
            }

            walls.Add(stopwatch.Elapsed.TotalSeconds);
            cpus.Add((ProcessCpuMicroseconds() - cpu) / 1e6);
        }

        walls.Sort();
        cpus.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recipe (501 epochs), median of 5: {walls[2]:0.000} s wall, {cpus[2]:0.000} s cpu"));
    }

    /// <summary>
    /// Microseconds per call, the median of 15 batches each long enough to be timed: wall-clock time, and the
    /// process's CPU time (all threads, GC included), which other programs on a busy machine disturb less.
    /// </summary>
    private static (double Wall, double Cpu) Median(Action action)
    {
        for (var i = 0; i < 20; i++)
        {
            action();
        }

        var stopwatch = Stopwatch.StartNew();
        var calls = 0;
        while (stopwatch.ElapsedMilliseconds < 20)
        {
            action();
            calls++;
        }

        var (times, cpuTimes) = (new List<double>(), new List<double>());
        for (var batch = 0; batch < 15; batch++)
        {
            var cpu = ProcessCpuMicroseconds();
            stopwatch.Restart();
            for (var i = 0; i < calls; i++)
            {
                action();
            }

            times.Add(stopwatch.Elapsed.TotalMicroseconds / calls);
            cpuTimes.Add((ProcessCpuMicroseconds() - cpu) / calls);
        }

        times.Sort();
        cpuTimes.Sort();
        return (times[times.Count / 2], cpuTimes[cpuTimes.Count / 2]);
    }

    private static double ProcessCpuMicroseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Environment.CpuUsage.TotalTime.TotalMicroseconds;
        }

        _ = ClockGetTime(2, out var time); // CLOCK_PROCESS_CPUTIME_ID
        return (time.Seconds * 1e6) + (time.Nanoseconds / 1e3);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
