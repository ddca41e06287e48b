namespace Coursework.Grading.Tasks;

/// <summary>Hidden tests of task 1, <see cref="Affine"/>.</summary>
[GradedTask(1)]
public sealed class AffineHiddenTests
{
    /// <summary>Forward against a naive triple loop on random shapes.</summary>
    /// <param name="context">Seeded randomness.</param>
    [GradedTest(weight: 2)]
    public void Forward_matches_an_independent_computation_on_random_shapes(GradingContext context)
    {
        var (n, d, h) = (context.Random.Next(1, 9), context.Random.Next(1, 9), context.Random.Next(1, 9));
        var inputs = context.Uniform(n, d);
        var weight = context.Uniform(d, h);
        var bias = context.UniformVector(h);
        var expected = Matrix<double>.Build.Dense(n, h, (i, j) => bias[j] + Enumerable.Range(0, d).Sum(k => inputs[i, k] * weight[k, j]));
        MatrixAssert.ShouldBeClose(new Affine().Forward(inputs, weight, bias), expected, "Affine.Forward output");
    }
}
