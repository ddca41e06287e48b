using Coursework.Testing;

namespace Coursework.Tests.Task5_BinaryClassifier;

[GradedTask(5, "BinaryClassifier")]
public class StandardizerTests
{
    // Column 0 is 1, 3, 1, 3 (mean 2, standard deviation 1); column 1 is 10, 10, 30, 30 (mean 20, deviation 10);
    // column 2 is constant (mean 7, deviation 0, so its scale is 1).
    private static readonly Matrix<double> Train = Matrix<double>.Build.DenseOfArray(new double[,]
    {
        { 1, 10, 7 }, { 3, 10, 7 }, { 1, 30, 7 }, { 3, 30, 7 },
    });

    [Test]
    public void Fit_learns_the_mean_and_the_population_standard_deviation_of_each_column()
    {
        var scaler = new Standardizer().Fit(Train);

        MatrixAssert.ShouldBeClose(scaler.Mean, Vector<double>.Build.DenseOfArray([2, 20, 7]), "Standardizer.Mean");
        MatrixAssert.ShouldBeClose(scaler.Scale, Vector<double>.Build.DenseOfArray([1, 10, 1]), "Standardizer.Scale",
            hint: "Divide by N (the population deviation, NumPy's default), not N - 1; a constant column gets scale 1.");
    }

    [Test]
    public void Transform_of_the_training_data_gives_columns_of_mean_0_and_deviation_1()
    {
        var expected = Matrix<double>.Build.DenseOfArray(new double[,]
        {
            { -1, -1, 0 }, { 1, -1, 0 }, { -1, 1, 0 }, { 1, 1, 0 },
        });

        MatrixAssert.ShouldBeClose(new Standardizer().Fit(Train).Transform(Train), expected, "Standardizer.Transform of the training data");
    }

    [Test]
    public void Transform_uses_the_statistics_of_the_fitted_data_not_of_the_data_it_transforms()
    {
        // (2 - 2) / 1 = 0, (40 - 20) / 10 = 2, (8 - 7) / 1 = 1. Statistics of this single row would give 0, 0, 0.
        var test = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 40, 8 } });

        MatrixAssert.ShouldBeClose(new Standardizer().Fit(Train).Transform(test), Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 2, 1 } }),
            "Standardizer.Transform of new data", hint: "Transform must use Mean and Scale from Fit: test statistics must never be used.");
    }

    [Test]
    public void A_constant_column_that_is_not_exactly_representable_is_not_divided_by_a_tiny_deviation()
    {
        // The mean of 0.1, 0.1, 0.1 is 0.10000000000000002 in floating point, so the deviation is about 1e-17, not 0.
        var features = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.1, 0 }, { 0.1, 1 }, { 0.1, 2 } });

        var scaled = new Standardizer().Fit(features).Transform(features);

        MatrixAssert.ShouldBeClose(scaled.Column(0), Vector<double>.Build.Dense(3), "the standardized constant column",
            hint: "A deviation below Standardizer.ConstantColumnTolerance (1e-10) means a constant column: use scale 1.");
    }

    [Test]
    public void Transform_leaves_its_argument_unmodified()
    {
        var features = Train.Clone();

        new Standardizer().Fit(features).Transform(features);

        MatrixAssert.ShouldBeClose(features, Train, "the features after Fit and Transform", absolute: 0, relative: 0);
    }
}
