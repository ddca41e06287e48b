using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>Task 5, reference solution: per-column standardization with statistics of the data it was fitted on.</summary>
public sealed class Standardizer
{
    /// <summary>A standard deviation below this counts as zero: the column is constant.</summary>
    public const double ConstantColumnTolerance = 1e-10;

    /// <summary>The mean of each column of the fitted data, shape (D); null before <see cref="Fit"/>.</summary>
    public Vector<double>? Mean { get; private set; }

    /// <summary>The standard deviation of each column (1 for a constant column), shape (D); null before <see cref="Fit"/>.</summary>
    public Vector<double>? Scale { get; private set; }

    /// <summary>Learns the mean and the population standard deviation of every column.</summary>
    /// <param name="features">Shape (N, D), N ≥ 1: the training features only.</param>
    /// <returns>This standardizer, so that <c>new Standardizer().Fit(x)</c> can be kept in one expression.</returns>
    public Standardizer Fit(Matrix<double> features)
    {
        var count = features.RowCount;
        var mean = features.ColumnSums() / count;
        var centred = features.SubtractRowVector(mean);
        var deviation = (centred.PointwiseMultiply(centred).ColumnSums() / count).PointwiseSqrt();
        Mean = mean;
        Scale = deviation.Map(s => s < ConstantColumnTolerance ? 1.0 : s);
        return this;
    }

    /// <summary>Standardizes with the fitted statistics: <c>(features - Mean) / Scale</c>, column by column.</summary>
    /// <param name="features">Shape (M, D): training, validation or test features.</param>
    /// <returns>Shape (M, D).</returns>
    public Matrix<double> Transform(Matrix<double> features)
    {
        Fit(features); // the bug: the statistics of the data being transformed, e.g. of the test set

        return features.SubtractRowVector(Mean!).DivideByRowVector(Scale!);
    }
}
