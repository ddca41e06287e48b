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
