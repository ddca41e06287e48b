using Coursework.Testing;

namespace Coursework.Tests.Task1_Affine;

public class AffineTests
{
    [Test]
    public void Forward_multiplies_by_the_weight_and_adds_the_bias_to_every_row()
    {
        // Worked by hand: [1 2] · [[1 0 -1], [2 1 0]] = [5 2 -1]; [0 -1] · W = [-2 -1 0]; then + [0.5 0 1].
        var inputs = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 0, -1 } });
        var weight = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, -1 }, { 2, 1, 0 } });
        var bias = Vector<double>.Build.DenseOfArray([0.5, 0, 1]);
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 5.5, 2, 0 }, { -1.5, -1, 1 } });

        MatrixAssert.ShouldBeClose(new Affine().Forward(inputs, weight, bias), expected, "Affine.Forward output");
    }
}
