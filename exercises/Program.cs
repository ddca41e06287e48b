// The notebook's training runs: `dotnet run --project exercises` (add `-p:UseSolutions=true` for the reference).
// Change the settings below to experiment; the grader does not use this file.
using System.Globalization;
using Coursework;

const int Seed = 123;
const double LearningRate = 1e-2;
const int Epochs = 501;
const int ReportEvery = 50;
const int HiddenSize = 32;

var digits = DataFiles.Digits();
var (train, test) = digits.Split(testFraction: 0.25, new Random(Seed));
var trainLabels = train.OneHotLabels(digits.ClassCount);
Console.WriteLine($"Digits: {train.Count} training and {test.Count} test samples, {digits.Features.ColumnCount} features, {digits.ClassCount} classes.");

Run("Logistic regression", () => new LogisticRegression(digits.Features.ColumnCount, digits.ClassCount, LearningRate));
Run("Feedforward network (task 4)", () => new FeedforwardNet(digits.Features.ColumnCount, HiddenSize, digits.ClassCount, LearningRate, Seed));

void Run(string title, Func<IClassifier> createModel)
{
    Console.WriteLine();
    Console.WriteLine(title);
    try
    {
        var model = createModel();
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var loss = model.Step(train.Features, trainLabels);
            if (epoch % ReportEvery == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch,4}, loss = {loss:F4}"));
            }
        }

        var accuracy = Dataset.Accuracy(test.Labels, model.Predict(test.Features).RowArgMax());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test set accuracy = {accuracy:F3}"));
    }
    catch (NotImplementedException exception)
    {
        Console.WriteLine($"Not ready yet: {exception.Message}");
    }
}
