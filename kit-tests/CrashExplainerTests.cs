namespace Coursework.Grading.Tests;

public class CrashExplainerTests
{
    private static readonly RunLimits Limits = RunLimits.Default;

    [Test]
    public void A_stack_overflow_names_the_students_method_not_the_graders()
    {
        const string output = "Stack overflow.\nRepeat 1000 times:\n   at Coursework.ReLU.Backward(MathNet.Numerics.LinearAlgebra.Matrix`1<Double>)\n" +
                              "   at Coursework.Grading.Tasks.ReLUHiddenTests.Backward_works(Coursework.Grading.GradingContext)\n";

        CrashExplainer.Explain(134, output, Limits).ShouldBe("The test process crashed: stack overflow in ReLU.Backward. Is there a recursion that never stops?");
    }

    [Test]
    public void An_exit_code_of_zero_without_a_report_suggests_Environment_Exit()
    {
        CrashExplainer.Explain(0, string.Empty, Limits).ShouldContain("Environment.Exit");
    }

    [Test]
    public void An_unhandled_exception_on_another_thread_is_quoted()
    {
        const string output = "Unhandled exception. System.InvalidOperationException: boom\n   at Coursework.ReLU.<>c.<Backward>b__2_0()\n";

        CrashExplainer.Explain(134, output, Limits).ShouldStartWith("The test process crashed with an unhandled exception");
        CrashExplainer.Explain(134, output, Limits).ShouldContain("System.InvalidOperationException: boom");
    }

    [Test]
    public void A_constructor_is_named_as_such()
    {
        const string output = "Stack overflow.\n   at Coursework.FeedforwardNet..ctor(Int32, Int32, Int32, Double, Int32)\n";

        CrashExplainer.Explain(134, output, Limits).ShouldContain("in the FeedforwardNet constructor");
    }
}
