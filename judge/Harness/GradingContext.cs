using Coursework.Grading.Protocol;

namespace Coursework.Grading;

/// <summary>What a hidden test gets: randomness derived from the grading seed and the test's own name.</summary>
public sealed class GradingContext
{
    /// <summary>Creates the context of one test.</summary>
    /// <param name="gradingSeed">The seed of the whole grading run (printed and recorded in the result).</param>
    /// <param name="taskId">The task the test grades.</param>
    /// <param name="testName">The test's name; mixing it in keeps tests independent of each other's order.</param>
    public GradingContext(int gradingSeed, int taskId, string testName)
    {
        TaskId = taskId;
        GradingSeed = gradingSeed;
        TestSeed = StableSeed(gradingSeed, testName);
        Random = new Random(TestSeed);
    }

    /// <summary>The task the test grades.</summary>
    public int TaskId { get; }

    /// <summary>The seed of the whole grading run.</summary>
    public int GradingSeed { get; }

    /// <summary>This test's seed: the same for the same grading seed and test name, on every machine.</summary>
    public int TestSeed { get; }

    /// <summary>
    /// A threshold of this test's task from the assignment manifest, e.g. <c>context.Threshold("digitsTestAccuracy")</c>.
    /// </summary>
    /// <param name="name">The threshold's name.</param>
    /// <returns>Its value.</returns>
    public double Threshold(string name) => Thresholds.Of(TaskId, name);

    /// <summary>What this test recorded of a training run, shown in the feedback report; null if nothing.</summary>
    internal TrainingRecord? Training { get; private set; }

    /// <summary>Records the training loss at an epoch, for the loss curve in the feedback report.</summary>
    /// <param name="epoch">The epoch, from 0.</param>
    /// <param name="loss">The loss the model reported; non-finite values are kept out of the chart.</param>
    /// <param name="lossName">What the loss is, e.g. "mean cross-entropy".</param>
    public void RecordLoss(int epoch, double loss, string lossName)
    {
        Training ??= new TrainingRecord();
        if (double.IsFinite(loss))
        {
            Training.Epochs.Add(epoch);
            Training.Loss.Add(Math.Round(loss, 6));
        }

        Training = Training with { LossName = lossName };
    }

    /// <summary>Records how held-out samples were classified, for the confusion matrix in the feedback report.</summary>
    /// <param name="actual">The true classes, each in [0, classes).</param>
    /// <param name="predicted">The predicted classes, same length; values outside [0, classes) are ignored.</param>
    /// <param name="classes">Number of classes.</param>
    public void RecordPredictions(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classes)
    {
        var counts = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        for (var n = 0; n < actual.Count; n++)
        {
            if (predicted[n] >= 0 && predicted[n] < classes)
            {
                counts[actual[n]][predicted[n]]++;
            }
        }

        Training = (Training ?? new TrainingRecord()) with { ConfusionMatrix = counts };
    }

    /// <summary>Records the held-out metric the test checks (accuracy, error), for the feedback report.</summary>
    /// <param name="name">What it is, e.g. "test accuracy".</param>
    /// <param name="value">Its value.</param>
    public void RecordMetric(string name, double value) =>
        Training = (Training ?? new TrainingRecord()) with { MetricName = name, Metric = double.IsFinite(value) ? Math.Round(value, 6) : null };

    /// <summary>Seeded randomness for this test.</summary>
    public Random Random { get; }

    /// <summary>A matrix of shape (rows, columns) with elements uniform in [low, high).</summary>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <param name="low">Smallest value.</param>
    /// <param name="high">Bound of the largest value.</param>
    /// <returns>A new dense matrix.</returns>
    public Matrix<double> Uniform(int rows, int columns, double low = -1, double high = 1) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => low + (high - low) * Random.NextDouble());

    /// <summary>A vector of length n with elements uniform in [low, high).</summary>
    /// <param name="length">Number of elements.</param>
    /// <param name="low">Smallest value.</param>
    /// <param name="high">Bound of the largest value.</param>
    /// <returns>A new dense vector.</returns>
    public Vector<double> UniformVector(int length, double low = -1, double high = 1) =>
        Vector<double>.Build.Dense(length, _ => low + (high - low) * Random.NextDouble());

    /// <summary>A one-hot matrix of shape (rows, classes) with random classes.</summary>
    /// <param name="rows">Number of samples.</param>
    /// <param name="classes">Number of classes.</param>
    /// <returns>Each row holds a single 1.</returns>
    public Matrix<double> OneHot(int rows, int classes)
    {
        var oneHot = Matrix<double>.Build.Dense(rows, classes);
        for (var n = 0; n < rows; n++)
        {
            oneHot[n, Random.Next(classes)] = 1.0;
        }

        return oneHot;
    }

    /// <summary>FNV-1a over the seed and the name: string.GetHashCode differs from run to run, this does not.</summary>
    private static int StableSeed(int seed, string name)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var b in BitConverter.GetBytes(seed).Concat(System.Text.Encoding.UTF8.GetBytes(name)))
            {
                hash = (hash ^ b) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }
}
