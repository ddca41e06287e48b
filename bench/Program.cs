// Medians over repeated runs, fast provider and MathNet's managed provider side by side in one process.
// Build with the reference: dotnet build bench -c Release -p:UseSolutions=true (bench/run does this).
using System.Diagnostics;
using System.Globalization;
using Coursework;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

if (args is ["profile", ..])
{
    Coursework.Bench.Profile.Run(recipeOnly: args is [_, "recipe"]);
    return;
}

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var recipeOnly = args is [_, "recipe"]; // `RUNS recipe`: only the recipe, with the fast provider (bench/run recipe)
var fast = LinearAlgebraControl.Provider; // set by the exercises' module initializer, unless switched off
var managed = ManagedLinearAlgebraProvider.Instance;
var providers = recipeOnly ? new[] { ("fast", fast) } : new[] { ("fast", fast), ("managed", managed) };
var inUse = fast is Coursework.LinearAlgebra.FastLinearAlgebraProvider ? "the kit's fast provider" : fast.ToString();
Console.WriteLine($"provider in use: {inUse}; runs: {runs}; cores: {Environment.ProcessorCount}");

foreach (var (m, k, n) in recipeOnly ? [] : new[] { (1347, 64, 32), (512, 512, 512) })
{
    var random = new Random(1);
    var a = Matrix<double>.Build.Dense(m, k, (_, _) => random.NextDouble());
    var b = Matrix<double>.Build.Dense(k, n, (_, _) => random.NextDouble());
    var repeats = Math.Max(1, (int)(2e8 / (2.0 * m * k * n)));
    foreach (var (name, provider) in providers)
    {
        LinearAlgebraControl.Provider = provider;
        var seconds = Median(runs, () =>
        {
            for (var r = 0; r < repeats; r++)
            {
                _ = a * b;
            }
        }) / repeats;
        Print($"gemm_{m}x{k}x{n}_{name}_gflops", 2.0 * m * k * n / seconds / 1e9);
    }
}

var digits = DataFiles.Digits();
var (train, test) = digits.Split(0.25, new Random(123));
var labels = train.OneHotLabels(10);
foreach (var (name, provider) in providers)
{
    LinearAlgebraControl.Provider = provider;
    var accuracy = 0.0;
    var seconds = Median(runs, () =>
    {
        var net = new FeedforwardNet(64, 32, 10, 1e-2, seed: 123);
        for (var epoch = 0; epoch < 501; epoch++)
        {
            net.Step(train.Features, labels);
        }

        accuracy = Dataset.Accuracy(test.Labels, net.Predict(test.Features).RowArgMax());
    });
    Print($"recipe_{name}_test_accuracy", accuracy);
    Print($"recipe_{name}_median_s", seconds);
}

static double Median(int runs, Action action)
{
    action(); // warm-up: JIT and caches
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        times.Add(stopwatch.Elapsed.TotalSeconds);
    }

    times.Sort();
    return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
}

static void Print(string name, double value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}={value:0.####}"));
