using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Task 5: standardization of features (scikit-learn's <c>StandardScaler</c>): each column is shifted by its mean and
/// divided by its standard deviation, so that every feature has mean 0 and spread 1 on the training set.
/// </summary>
/// <remarks>
/// <para>
/// Fit on the training features only, then transform training, validation and test features with those same
/// statistics. Statistics of the test set must never reach the model: that would leak information about the
/// samples the model is judged on.
/// </para>
/// <para>
/// The standard deviation is the population one (divide by N, not N - 1), as NumPy's <c>std</c> and
/// scikit-learn compute it. A constant column (standard deviation below <see cref="ConstantColumnTolerance"/>,
/// e.g. a pixel that is 0 in every training image) gets <see cref="Scale"/> 1, so that nothing is divided by zero:
/// its standardized values are then 0 wherever the value equals the training mean.
/// </para>
/// </remarks>
public sealed class Standardizer
{
    /// <summary>A standard deviation below this counts as zero: the column is constant.</summary>
    public const double ConstantColumnTolerance = 1e-10;

    /// <summary>The mean of each column of the fitted data, shape (D); null before <see cref="Fit"/>.</summary>
    public Vector<double>? Mean { get; private set; }

    /// <summary>
    /// The population standard deviation of each column of the fitted data, or 1 for a constant column, shape (D);
    /// null before <see cref="Fit"/>.
    /// </summary>
    public Vector<double>? Scale { get; private set; }

    /// <summary>Learns <see cref="Mean"/> and <see cref="Scale"/> from the columns of <paramref name="features"/>.</summary>
    /// <param name="features">Shape (N, D), N ≥ 1: the training features only.</param>
    /// <returns>This standardizer, so that <c>var scaler = new Standardizer().Fit(train);</c> reads as one step.</returns>
    public Standardizer Fit(Matrix<double> features)
    {
        // TODO (task 5): set Mean and Scale, then return this.
        // Hint: ColumnSums, SubtractRowVector (exercises/Given/MatrixExtensions.cs), PointwiseMultiply, PointwiseSqrt, Map.
        throw new NotImplementedException("Task 5: Standardizer.Fit is not implemented yet (exercises/Task5_BinaryClassifier/Standardizer.cs).");
    }

    /// <summary>
    /// Standardizes with the fitted statistics: <c>result[i, j] = (features[i, j] - Mean[j]) / Scale[j]</c>.
    /// Does not change <see cref="Mean"/> or <see cref="Scale"/>.
    /// </summary>
    /// <param name="features">Shape (M, D): training, validation or test features, with the D columns of the fitted data.</param>
    /// <returns>Shape (M, D).</returns>
    /// <exception cref="InvalidOperationException"><see cref="Fit"/> has not been called.</exception>
    public Matrix<double> Transform(Matrix<double> features)
    {
        // TODO (task 5): use the statistics learnt by Fit, never those of `features`.
        // Hint: SubtractRowVector and DivideByRowVector.
        throw new NotImplementedException("Task 5: Standardizer.Transform is not implemented yet (exercises/Task5_BinaryClassifier/Standardizer.cs).");
    }
}
