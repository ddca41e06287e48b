namespace Coursework.Grading;

/// <summary>
/// The matrices of the student's call that a test is making, by the names the docs use, so that a shape error thrown
/// by that call names its operands (<see cref="ShapeError"/>): "dOut (2, 3) · weight (2, 3)". Cleared before each test.
/// </summary>
public static class CallShapes
{
    /// <summary>The matrices of the current call; empty when the test named none.</summary>
    [ThreadStatic]
    private static (string Name, Matrix<double> Value)[]? _current;

    /// <summary>The matrices of the current call; empty when the test named none.</summary>
    public static (string Name, Matrix<double> Value)[] Current
    {
        get => _current ?? [];
        set => _current = value;
    }
}
