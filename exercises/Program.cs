// The notebooks' training runs: `dotnet run --project exercises` trains on the digits with tasks 1-4;
// `dotnet run --project exercises -- 5` (or 6, 7) runs an extension task's training. Add `-p:UseSolutions=true`
// for the reference. Change the settings below to experiment; the grader does not use this file.
using System.Globalization;
using Coursework;
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

    Run("Logistic regression", () => new LogisticRegression(digits.Features.ColumnCount, digits.ClassCount, learningRate));
    Run("Feedforward network (task 4)", () => new FeedforwardNet(digits.Features.ColumnCount, hiddenSize, digits.ClassCount, learningRate, Seed));

    void Run(string title, Func<IClassifier> createModel) => Demo(title, () =>
    {
        var model = createModel();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var loss = model.Step(train.Features, trainLabels);
            if (epoch % 50 == 0)
            {
                Print($"Epoch {epoch,4}, loss = {loss:F4}");
            }
        }

        Print($"test set accuracy = {Dataset.Accuracy(test.Labels, model.Predict(test.Features).RowArgMax()):F3}");
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
    for (var epoch = 1; epoch <= 500; epoch++)
    {
        var loss = model.Step(trainFeatures, train.LabelColumn());
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
}

// Task 6, notebooks 000 and 002: a three-layer leaky-ReLU network with a linear output, full-batch epochs.
static void Regression()
{
    var xorInputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
    var xorTargets = Matrix<double>.Build.DenseOfArray(new double[,] { { 0 }, { 1 }, { 1 }, { 0 } });
    Fit("XOR (4 points)", new RegressionNet(2, 8, 8, 1, learningRate: 0.1, slope: 0.1, seed: Seed), xorInputs, xorTargets, xorInputs, xorTargets);

    var grid = Matrix<double>.Build.Dense(64, 1, (i, _) => -Math.PI + 2 * Math.PI * i / 63);
    var midpoints = Matrix<double>.Build.Dense(63, 1, (i, _) => -Math.PI + 2 * Math.PI * (i + 0.5) / 63);
    Fit("sin(x) on [-π, π] (64 points; the error is measured between them)", new RegressionNet(1, 32, 32, 1, learningRate: 0.05, slope: 0.1, seed: Seed),
        grid, grid.Map(Math.Sin), midpoints, midpoints.Map(Math.Sin));

    static void Fit(string title, RegressionNet model, Matrix<double> inputs, Matrix<double> targets, Matrix<double> checkInputs, Matrix<double> checkTargets)
    {
        Console.WriteLine(title);
        for (var epoch = 0; epoch < 2000; epoch++)
        {
            var loss = model.Step(inputs, targets);
            if (epoch % 250 == 0)
            {
                Print($"Epoch {epoch,4}, mean squared error = {loss:G4}");
            }
        }

        Print($"mean squared error = {new MeanSquaredError().Forward(model.Predict(checkInputs), checkTargets):G4}");
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
    double Accuracy(Dataset data) => Dataset.Accuracy(data.Labels, model.Predict(scaler.Transform(data.Features)).RowArgMax());
    for (var epoch = 1; epoch <= 40; epoch++)
    {
        var loss = model.TrainEpoch(features, labels, batchSize: 16, random);
        if (epoch % 5 == 0 || epoch == 1)
        {
            Print($"Epoch {epoch,3}, loss = {loss:F4}, validation accuracy = {Accuracy(validation):F3}");
        }
    }

    Print($"training accuracy = {Accuracy(train):F3}, validation accuracy = {Accuracy(validation):F3}, test accuracy = {Accuracy(test):F3}");
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

static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
