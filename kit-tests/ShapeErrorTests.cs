using Coursework.Testing;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Grading.Tests;

/// <summary>MathNet's shape errors become a sentence about the call's own matrices, and name nothing they cannot tell.</summary>
public class ShapeErrorTests
{
    private static readonly (string, Matrix<double>)[] Call =
        [("inputs", Matrix<double>.Build.Dense(4, 2)), ("weight", Matrix<double>.Build.Dense(2, 3)), ("dOut", Matrix<double>.Build.Dense(4, 3))];

    [Test]
    public void A_product_without_the_transpose_names_both_matrices_and_the_transpose_that_fits()
    {
        ShapeError.Explain("Matrix dimensions must agree: op1 is 4x3, op2 is 2x3.", Call, "var dInputs = dOut * _weight;")
            .ShouldBe("dOut (4, 3) · weight (2, 3): the inner sizes differ (3 ≠ 2); did you mean weightᵀ?");
    }

    [Test]
    public void Without_the_line_the_form_of_the_product_is_not_claimed()
    {
        ShapeError.Explain("Matrix dimensions must agree: op1 is 4x3, op2 is 2x3.", Call)
            .ShouldBe("dOut (4, 3) and weight (2, 3) do not fit a product; did you mean weightᵀ?");
    }

    [Test]
    public void A_transposing_call_is_read_from_the_line_and_gets_no_second_transpose()
    {
        ShapeError.Explain("Matrix dimensions must agree: op1 is 2x3, op2 is 4x3.", Call, "var dWeight = _weight.TransposeThisAndMultiply(dOut);")
            .ShouldBe("weightᵀ (2, 3) · dOut (4, 3): the inner sizes differ (2 ≠ 4)");
    }

    [Test]
    public void A_shape_of_no_matrix_of_the_call_points_at_a_cache_filled_by_another_call()
    {
        ShapeError.Explain("Matrix dimensions must agree: op1 is 6x4, op2 is 2x3.", Call, "var dWeight = _inputs.TransposeThisAndMultiply(dOut);")
            .ShouldNotBeNull().ShouldContain("one layer object used for two layers");
    }

    [Test]
    public void Another_message_is_not_explained()
    {
        ShapeError.Explain("Value cannot be null.", Call).ShouldBeNull();
    }
}
