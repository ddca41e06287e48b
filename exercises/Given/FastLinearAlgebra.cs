using System.Runtime.CompilerServices;
using Coursework.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Switches MathNet to the kit's faster linear-algebra provider (linalg/), and its element-wise operations to one
/// thread (<see cref="FastLinearAlgebraProvider.Install"/>), as soon as this project's code loads, for the training
/// demo, the public tests and the grader alike. Nothing to do for students.
/// </summary>
/// <remarks>
/// Set the environment variable <c>COURSEWORK_MANAGED_LINEAR_ALGEBRA=1</c> to keep MathNet as it comes: its own
/// managed provider and its threading (to compare speed, or to rule the kit out when something looks wrong).
/// </remarks>
internal static class FastLinearAlgebra
{
    [ModuleInitializer]
    internal static void Use()
    {
        if (Environment.GetEnvironmentVariable("COURSEWORK_MANAGED_LINEAR_ALGEBRA") != "1")
        {
            FastLinearAlgebraProvider.Install();
        }
    }
}
