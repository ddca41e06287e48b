using System.Globalization;
using System.IO.Compression;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>A table of samples: one row of features per sample and its class label.</summary>
/// <param name="Features">Shape (N, D).</param>
/// <param name="Labels">Length N; each a class index in 0..K-1.</param>
public sealed record Dataset(Matrix<double> Features, int[] Labels)
{
    /// <summary>N, the number of samples.</summary>
    public int Count => Features.RowCount;

    /// <summary>K, the number of classes: one more than the largest label.</summary>
    public int ClassCount => Labels.Length == 0 ? 0 : Labels.Max() + 1;

    /// <summary>The labels as a one-hot matrix of shape (N, K) (scikit-learn's <c>label_binarize</c>).</summary>
    /// <param name="classCount">K; by default <see cref="ClassCount"/>.</param>
    /// <returns>Shape (N, K): <c>result[n, Labels[n]] = 1</c>, every other element 0.</returns>
    public Matrix<double> OneHotLabels(int? classCount = null) => OneHot(Labels, classCount ?? ClassCount);

    /// <summary>The labels as one column of numbers: the targets of a binary classifier (labels 0 and 1).</summary>
    /// <returns>Shape (N, 1): <c>result[n, 0] = Labels[n]</c>.</returns>
    public Matrix<double> LabelColumn() => Matrix<double>.Build.Dense(Count, 1, (n, _) => Labels[n]);

    /// <summary>The same samples with the features replaced, e.g. by their standardized version.</summary>
    /// <param name="features">Shape (N, D'), one row per sample of this dataset, in the same order.</param>
    /// <returns>A dataset with these features and the same labels.</returns>
    public Dataset WithFeatures(Matrix<double> features) =>
        features.RowCount == Count
            ? this with { Features = features }
            : throw new ArgumentException($"Expected {Count} rows of features, got {features.RowCount}.", nameof(features));

    /// <summary>Shuffles the samples and splits them (scikit-learn's <c>train_test_split</c>).</summary>
    /// <param name="testFraction">The share of samples that goes to the test set, rounded up; 0.25 in the notebook.</param>
    /// <param name="random">The source of the shuffle; a seeded one makes the split reproducible.</param>
    /// <returns>The training set and the test set; together they hold every sample once.</returns>
    public (Dataset Train, Dataset Test) Split(double testFraction, Random random)
    {
        if (testFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "must be between 0 and 1");
        }

        var order = Enumerable.Range(0, Count).ToArray();
        random.Shuffle(order);
        var testCount = (int)Math.Ceiling(testFraction * Count);
        return (Select(order[testCount..]), Select(order[..testCount]));
    }

    /// <summary>The samples at the given row indices, in that order.</summary>
    /// <param name="rows">Row indices into this dataset.</param>
    /// <returns>A new dataset with <c>rows.Count</c> samples.</returns>
    public Dataset Select(IReadOnlyList<int> rows) => new(
        Matrix<double>.Build.DenseOfRowVectors(rows.Select(Features.Row)),
        rows.Select(row => Labels[row]).ToArray());

    /// <summary>Encodes class indices as one-hot rows.</summary>
    /// <param name="labels">Length N; each in 0..classCount-1.</param>
    /// <param name="classCount">K.</param>
    /// <returns>Shape (N, K).</returns>
    public static Matrix<double> OneHot(IReadOnlyList<int> labels, int classCount)
    {
        var oneHot = Matrix<double>.Build.Dense(labels.Count, classCount);
        for (var n = 0; n < labels.Count; n++)
        {
            oneHot[n, labels[n]] = 1.0;
        }

        return oneHot;
    }

    /// <summary>The share of predictions that equal the true labels (scikit-learn's <c>accuracy_score</c>).</summary>
    /// <param name="expected">The true labels, length N.</param>
    /// <param name="predicted">The predicted labels, length N.</param>
    /// <returns>A number in [0, 1].</returns>
    public static double Accuracy(IReadOnlyList<int> expected, IReadOnlyList<int> predicted)
    {
        if (expected.Count != predicted.Count || expected.Count == 0)
        {
            throw new ArgumentException($"Cannot compare {expected.Count} labels with {predicted.Count} predictions.");
        }

        return expected.Zip(predicted).Count(pair => pair.First == pair.Second) / (double)expected.Count;
    }
}

/// <summary>The data files that ship with the kit, in its <c>data/</c> folder.</summary>
public static class DataFiles
{
    /// <summary>The folder the data files are copied to when the project builds.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>
    /// The UCI handwritten digits: 1,797 images of 8×8 pixels, each pixel a count in 0..16, labels 0..9.
    /// </summary>
    /// <param name="path">The file; by default <c>data/digits.csv.gz</c> beside the program.</param>
    /// <returns>Features of shape (1797, 64), unscaled as in the notebook, and 10 classes.</returns>
    /// <exception cref="FileNotFoundException">The file is not there.</exception>
    /// <exception cref="InvalidDataException">A line is not 64 numbers and a label.</exception>
    public static Dataset Digits(string? path = null)
    {
        path ??= Path.Combine(DefaultFolder, "digits.csv.gz");
        return ParseCsv(ReadLines(path, gzip: true), path, featureCount: 64, skipHeader: false);
    }

    /// <summary>
    /// The UCI breast cancer (Wisconsin, diagnostic) data: 569 tumours, 30 real-valued measurements each (radius,
    /// texture, … as mean, standard error and worst value), labels 0 (malignant, 212) and 1 (benign, 357).
    /// </summary>
    /// <param name="path">The file; by default <c>data/breast_cancer.csv</c> beside the program.</param>
    /// <returns>Features of shape (569, 30), unscaled (the columns range from about 0.001 to 4,000), and 2 classes.</returns>
    /// <exception cref="FileNotFoundException">The file is not there.</exception>
    /// <exception cref="InvalidDataException">A line after the header is not 30 numbers and a label.</exception>
    public static Dataset BreastCancer(string? path = null)
    {
        path ??= Path.Combine(DefaultFolder, "breast_cancer.csv");
        return ParseCsv(ReadLines(path, gzip: false), path, featureCount: 30, skipHeader: true);
    }

    private static IEnumerable<string> ReadLines(string path, bool gzip)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The data file '{path}' is missing. It ships in the kit's data/ folder; rebuild, or restore it with git checkout -- data/.",
                path);
        }

        using var file = File.OpenRead(path);
        using Stream content = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(content);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private static Dataset ParseCsv(IEnumerable<string> lines, string path, int featureCount, bool skipHeader)
    {
        var rows = new List<double[]>();
        var labels = new List<int>();
        var lineNumber = 0;
        try
        {
            foreach (var line in lines)
            {
                lineNumber++;
                if ((skipHeader && lineNumber == 1) || line.Length == 0)
                {
                    continue;
                }

                var fields = line.Split(',');
                if (fields.Length != featureCount + 1)
                {
                    throw new InvalidDataException(
                        $"{path}, line {lineNumber}: expected {featureCount + 1} comma-separated values, found {fields.Length}.");
                }

                rows.Add(fields[..featureCount].Select(field => ParseNumber(field, path, lineNumber)).ToArray());
                labels.Add((int)ParseNumber(fields[featureCount], path, lineNumber));
            }
        }
        catch (InvalidDataException exception) when (!exception.Message.StartsWith(path, StringComparison.Ordinal))
        {
            // A damaged .gz file: say which file, not just what the decompressor saw.
            throw new InvalidDataException($"{path} is damaged and could not be read: {exception.Message}", exception);
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{path} holds no samples.");
        }

        return new Dataset(Matrix<double>.Build.DenseOfRowArrays(rows), labels.ToArray());
    }

    private static double ParseNumber(string field, string path, int lineNumber) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{path}, line {lineNumber}: '{field}' is not a number.");
}
