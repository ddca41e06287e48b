// The notebooks' training runs: `dotnet run --project exercises` trains on the digits with tasks 1-4;
// `dotnet run --project exercises -- 5` (or 6, 7) runs an extension task's training. Add `-p:UseSolutions=true`
// for the reference. Change the settings below to experiment; the grader does not use this file.
// Each run also draws its pictures (loss curves, confusion matrices, the fitted sine) as PNG files into plots/ at the
// kit's root (COURSEWORK_PLOTS=DIR puts them elsewhere) and prints where.
using System.Globalization;
using Coursework;
using Coursework.Charts;
using MathNet.Numerics.LinearAlgebra;

const int Seed = 123;

switch (args.FirstOrDefault())
{
    case null or "4":
        DigitsWithTasks1To4();
        break;
    case "5":
        Demo("Task 5: a binary classifier on the breast cancer data", BreastCancer);
        break;
    case "6":
        Demo("Task 6: a regression network on XOR and on a sine curve", Regression);
        break;
    case "7":
        Demo("Task 7: a deep network on the digits, with mini-batches", DeepDigits);
        break;
    default:
        Console.Error.WriteLine("usage: dotnet run --project exercises [-- 5|6|7]  (no argument: tasks 1-4 on the digits)");
        return 2;
}

return 0;

// Tasks 1-4, notebook 004: logistic regression and a two-layer network, 501 full-batch epochs on raw pixels.
static void DigitsWithTasks1To4()
{
    const double learningRate = 1e-2;
    const int epochs = 501;
    const int hiddenSize = 32;
    var digits = DataFiles.Digits();
    var (train, test) = digits.Split(testFraction: 0.25, new Random(Seed));
    var trainLabels = train.OneHotLabels(digits.ClassCount);
    Console.WriteLine($"Digits: {train.Count} training and {test.Count} test samples, {digits.Features.ColumnCount} features, {digits.ClassCount} classes.");

    // Logistic regression is given code built on the classes of tasks 1 and 3 only: its pictures say so, so that a
    // student does not look for a bug of task 4 in them.
    Run("Logistic regression (tasks 1 and 3)", "Tasks 1 and 3", "logistic regression", "tasks1-3-logistic-regression", () => new LogisticRegression(digits.Features.ColumnCount, digits.ClassCount, learningRate));
    Run("Feedforward network (task 4)", "Task 4", "feedforward network", "task4-feedforward", () => new FeedforwardNet(digits.Features.ColumnCount, hiddenSize, digits.ClassCount, learningRate, Seed));

    void Run(string title, string tasks, string model, string name, Func<IClassifier> createModel) => Demo(title, () =>
    {
        var classifier = createModel();
        var losses = new List<double>();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var loss = classifier.Step(train.Features, trainLabels);
            losses.Add(loss);
            if (epoch % 50 == 0)
            {
                Print($"Epoch {epoch,4}, loss = {loss:F4}");
            }
        }

        var predicted = classifier.Predict(test.Features).RowArgMax();
        var accuracy = Dataset.Accuracy(test.Labels, predicted);
        Print($"test set accuracy = {accuracy:F3}");
        LossPicture($"{name}-loss.png", $"{tasks}: {model}, {train.Count} training digits", "mean cross-entropy", losses, firstEpoch: 0);
        ConfusionPicture($"{name}-confusion.png", Invariant($"{tasks}: {model}, test accuracy {accuracy:F3}"),
            TrainingCharts.CountConfusions(test.Labels, predicted, digits.ClassCount), null, "digit");
    });
}

// Task 5, notebook 001: standardize with the training statistics, 500 full-batch epochs, threshold 0.5.
static void BreastCancer()
{
    var data = DataFiles.BreastCancer();
    var (train, test) = data.Split(testFraction: 0.25, new Random(Seed));
    var scaler = new Standardizer().Fit(train.Features);
    var (trainFeatures, testFeatures) = (scaler.Transform(train.Features), scaler.Transform(test.Features));
    Console.WriteLine($"Breast cancer: {train.Count} training and {test.Count} test samples, {data.Features.ColumnCount} features.");

    var model = new BinaryClassifier(data.Features.ColumnCount, hiddenSize: 16, learningRate: 0.1, seed: Seed);
    var losses = new List<double>();
    for (var epoch = 1; epoch <= 500; epoch++)
    {
        var loss = model.Step(trainFeatures, train.LabelColumn());
        losses.Add(loss);
        if (epoch % 50 == 0 || epoch == 1)
        {
            Print($"Epoch {epoch,4} | Loss: {loss:F4}");
        }
    }

    Print($"{model.LossHistory.Count} losses recorded, from {model.LossHistory[0]:F4} to {model.LossHistory[^1]:F4}");
    foreach (var threshold in new[] { 0.5, 0.9 })
    {
        Print($"threshold {threshold}: test set accuracy = {Dataset.Accuracy(test.Labels, model.Predict(testFeatures, threshold)):F3}");
    }

    var predicted = model.Predict(testFeatures, 0.5);
    LossPicture("task5-loss.png", "Task 5: binary classifier, breast cancer", "binary cross-entropy", losses, firstEpoch: 1);
    ConfusionPicture("task5-confusion.png", Invariant($"Task 5: threshold 0.5, test accuracy {Dataset.Accuracy(test.Labels, predicted):F3}"),
        TrainingCharts.CountConfusions(test.Labels, predicted, 2), ["malignant (0)", "benign (1)"], "diagnosis");
}

// Task 6, notebooks 000 and 002: a three-layer leaky-ReLU network with a linear output, full-batch epochs.
static void Regression()
{
    var xorInputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
    var xorTargets = Matrix<double>.Build.DenseOfArray(new double[,] { { 0 }, { 1 }, { 1 }, { 0 } });
    Fit("XOR (4 points)", "xor", new RegressionNet(2, 8, 8, 1, learningRate: 0.1, slope: 0.1, seed: Seed), xorInputs, xorTargets, xorInputs, xorTargets);

    var grid = Matrix<double>.Build.Dense(64, 1, (i, _) => -Math.PI + 2 * Math.PI * i / 63);
    var midpoints = Matrix<double>.Build.Dense(63, 1, (i, _) => -Math.PI + 2 * Math.PI * (i + 0.5) / 63);
    var sine = new RegressionNet(1, 32, 32, 1, learningRate: 0.05, slope: 0.1, seed: Seed);
    Fit("sin(x) on [-π, π] (64 points; the error is measured between them)", "sine", sine, grid, grid.Map(Math.Sin), midpoints, midpoints.Map(Math.Sin));

    var fine = Matrix<double>.Build.Dense(401, 1, (i, _) => -Math.PI + 2 * Math.PI * i / 400);
    var x = fine.Column(0).ToArray();
    Picture("Fitted curve", "task6-sine-fit.png", path => TrainingCharts.FittedCurve(path, "Task 6: the network's fit of sin(x) on [-π, π]",
        new Series("sin(x)", x, x.Select(Math.Sin).ToArray()),
        new Series("your network", x, sine.Predict(fine).Column(0).ToArray()),
        new Series("the 64 training points", grid.Column(0).ToArray(), grid.Column(0).Select(Math.Sin).ToArray())));

    static void Fit(string title, string name, RegressionNet model, Matrix<double> inputs, Matrix<double> targets, Matrix<double> checkInputs, Matrix<double> checkTargets)
    {
        Console.WriteLine(title);
        var losses = new List<double>();
        for (var epoch = 0; epoch < 2000; epoch++)
        {
            var loss = model.Step(inputs, targets);
            losses.Add(loss);
            if (epoch % 250 == 0)
            {
                Print($"Epoch {epoch,4}, mean squared error = {loss:G4}");
            }
        }

        Print($"mean squared error = {new MeanSquaredError().Forward(model.Predict(checkInputs), checkTargets):G4}");
        LossPicture($"task6-{name}-loss.png", $"Task 6: regression network, {title[..title.IndexOf(" (", StringComparison.Ordinal)]}", "mean squared error", losses, firstEpoch: 0);
    }
}

// Task 7, notebook 003: a 70/15/15 split, standardization, hidden layers [128, 32], mini-batches of 16.
static void DeepDigits()
{
    var digits = DataFiles.Digits();
    var random = new Random(Seed);
    var (train, rest) = digits.Split(testFraction: 0.3, random);
    var (validation, test) = rest.Split(testFraction: 0.5, random);
    Console.WriteLine($"Digits: {train.Count} training, {validation.Count} validation and {test.Count} test samples.");

    var model = new DeepNet(digits.Features.ColumnCount, [128, 32], digits.ClassCount, learningRate: 0.05, seed: Seed);
    var scaler = new Standardizer().Fit(train.Features); // task 5's
    var (features, labels) = (scaler.Transform(train.Features), train.OneHotLabels(digits.ClassCount));
    int[] Predicted(Dataset data) => model.Predict(scaler.Transform(data.Features)).RowArgMax();
    double Accuracy(Dataset data) => Dataset.Accuracy(data.Labels, Predicted(data));
    var (losses, accuracies) = (new List<double>(), new List<double>());
    for (var epoch = 1; epoch <= 40; epoch++)
    {
        var loss = model.TrainEpoch(features, labels, batchSize: 16, random);
        losses.Add(loss);
        accuracies.Add(Accuracy(validation));
        if (epoch % 5 == 0 || epoch == 1)
        {
            Print($"Epoch {epoch,3}, loss = {loss:F4}, validation accuracy = {accuracies[^1]:F3}");
        }
    }

    Print($"training accuracy = {Accuracy(train):F3}, validation accuracy = {Accuracy(validation):F3}, test accuracy = {Accuracy(test):F3}");
    var epochs = Enumerable.Range(1, losses.Count).Select(e => (double)e).ToArray();
    Picture("Loss curve", "task7-loss.png", path => TrainingCharts.LossCurve(path, "Task 7: deep network [128, 32], digits, batches of 16",
        new Series("mean cross-entropy", epochs, losses), new Series("validation accuracy", epochs, accuracies)));
    ConfusionPicture("task7-confusion.png", Invariant($"Task 7: deep network, test accuracy {Accuracy(test):F3}"),
        TrainingCharts.CountConfusions(test.Labels, Predicted(test), digits.ClassCount), null, "digit");
}

static void Demo(string title, Action run)
{
    Console.WriteLine();
    Console.WriteLine(title);
    try
    {
        run();
    }
    catch (NotImplementedException exception)
    {
        Console.WriteLine($"Not ready yet: {exception.Message}");
    }
}

static void Print(FormattableString line) => Console.WriteLine(Invariant(line));

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static void LossPicture(string fileName, string title, string lossName, IReadOnlyList<double> losses, int firstEpoch) =>
    Picture("Loss curve", fileName, path => TrainingCharts.LossCurve(path, title,
        new Series(lossName, Enumerable.Range(firstEpoch, losses.Count).Select(e => (double)e).ToArray(), losses)));

static void ConfusionPicture(string fileName, string title, int[][] counts, IReadOnlyList<string>? classNames, string noun) =>
    Picture("Confusion matrix", fileName, path => TrainingCharts.ConfusionMatrix(path, title, counts, classNames, noun));

// Draws one picture into the pictures folder and says where; a picture that cannot be drawn (a machine without the
// native drawing library, a folder that cannot be written) is reported in one line and never stops the demo.
static void Picture(string what, string fileName, Action<string> draw)
{
    var path = Path.Combine(PictureFolder(), fileName);
    try
    {
        draw(path);
        var shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        Console.WriteLine($"{what}: {(shown.StartsWith("..", StringComparison.Ordinal) ? path : shown)}{(TrainingCharts.MissingFonts is { } note ? $" ({note})" : "")}");
    }
    catch (Exception exception) when (exception is not NotImplementedException)
    {
        Console.WriteLine($"{what}: not drawn ({exception.GetBaseException().Message})");
    }
}

// plots/ at the root of the kit the demo is run in (found from the current folder up), else in the current folder.
static string PictureFolder()
{
    if (Environment.GetEnvironmentVariable("COURSEWORK_PLOTS") is { Length: > 0 } folder)
    {
        return Path.GetFullPath(folder);
    }

    for (var kit = new DirectoryInfo(Directory.GetCurrentDirectory()); kit is not null; kit = kit.Parent)
    {
        if (File.Exists(Path.Combine(kit.FullName, "exercises", "Coursework.Exercises.csproj")))
        {
            return Path.Combine(kit.FullName, "plots");
        }
    }

    return Path.GetFullPath("plots");
}
