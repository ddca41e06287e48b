using Coursework.StandIns;

namespace Coursework.Grading.Tests;

/// <summary>The stand-in generator (standins/): what it writes from an API file, and the one-line errors it reports.</summary>
public class StandInTests
{
    private const string Tanh = """
        using MathNet.Numerics.LinearAlgebra;

        namespace Coursework;

        /// <summary>Tanh.</summary>
        public sealed class Tanh : IClassifier
        {
            private Matrix<double>? _outputs;

            /// <summary>The slope.</summary>
            public const double Slope = 1.0;

            /// <summary>Creates it.</summary>
            /// <param name="scale">A scale.</param>
            public Tanh(double scale = 0.5) => Scale = scale;

            /// <summary>The scale.</summary>
            public double Scale { get; private set; }

            /// <summary>The weights, kept on the other side.</summary>
            public IList<Matrix<double>> Weights { get; } = [];

            /// <summary>A parameter.</summary>
            public Matrix<double> W { get; set; } = Matrix<double>.Build.Dense(1, 1);

            /// <summary>Forward pass.</summary>
            /// <param name="inputs">Any shape.</param>
            /// <returns>The same shape.</returns>
            public Matrix<double> Forward(Matrix<double> inputs) => _outputs = inputs.PointwiseTanh();

            /// <summary>Resets it.</summary>
            public void Reset() => _outputs = null;

            /// <summary>A copy.</summary>
            /// <returns>Another one.</returns>
            public Tanh Copy() => new(Scale);

            /// <summary>Batches.</summary>
            /// <param name="count">How many.</param>
            /// <returns>That many.</returns>
            public static IEnumerable<(int Index, double Value)> Batches(int count) => [];

            private void Helper() { }
        }
        """;

    [Test]
    public void A_stand_in_has_the_API_of_its_file_and_forwards_every_member()
    {
        var source = StandInSource.Of(Tanh, "solutions/Task8_Tanh/Tanh.cs", out var problems);

        problems.ShouldBeEmpty();
        PublicApi.Differences(PublicApi.Of(Tanh), PublicApi.Of(source)).ShouldBeEmpty();
        source.ShouldContain("[global::Coursework.Bridge.StandIn]");
        source.ShouldContain("internal Tanh(Remote remote) => _remote = remote;");
        source.ShouldContain("public Tanh(double scale = 0.5) =>\n        _remote = Remote.New(\"Tanh\", scale);");
        source.ShouldContain("public double Scale => _remote.Call<double>(\"get_Scale\");");
        source.ShouldContain("set => _remote.Invoke(\"set_W\", value);");
        source.ShouldContain("_remote.Invoke(\"Reset\")");
        source.ShouldContain("Remote.CallStatic<IEnumerable<(int Index, double Value)>>(\"Tanh\", \"Batches\", count)");
        source.ShouldContain("/// <param name=\"scale\">A scale.</param>");
        source.ShouldNotContain("Helper");
    }

    [Test]
    public void What_a_stand_in_cannot_forward_is_one_line_naming_the_file()
    {
        const string api = "namespace Coursework; public sealed class Tanh { public double Slope; public record Pair(int A); }";

        StandInSource.Of(api, "solutions/Task8_Tanh/Tanh.cs", out var problems);

        problems.ShouldBe([
            "solutions/Task8_Tanh/Tanh.cs: public record Pair: a stand-in can only be written for a public top-level class",
            "solutions/Task8_Tanh/Tanh.cs: class Tanh: a stand-in cannot forward the public field Slope (make it a property or a const)",
        ], ignoreOrder: true);
    }

    [Test]
    public void A_stub_whose_API_differs_from_its_reference_is_one_line_naming_both_files()
    {
        const string stub = "namespace Coursework; public sealed class Tanh { public Matrix<double> Forward(Matrix<double> inputs) => inputs; }";
        const string reference = "namespace Coursework; public sealed class Tanh { public Matrix<double> Forward(Matrix<double> inputs) => inputs; public Matrix<double> Backward(Matrix<double> dOut) => dOut; }";

        StandInGenerator.Problem(("stub", "exercises/Task8_Tanh/Tanh.cs", stub), ("api", "solutions/Task8_Tanh/Tanh.cs", reference))
            .ShouldBe("exercises/Task8_Tanh/Tanh.cs: public API differs from solutions/Task8_Tanh/Tanh.cs: missing Tanh: public Matrix<double> Backward(Matrix<double> dOut)");
        StandInGenerator.Problem(("stub", "exercises/Task8_Tanh/Tanh.cs", stub), ("api", "solutions/Task8_Tanh/Tanh.cs", stub)).ShouldBeNull();
    }

    [Test]
    public void The_reference_wins_over_a_shipped_stub_of_the_same_name()
    {
        StandInSource.Choose(["judge/Oracles/Api/exercises/Task1_Affine/Affine.cs", "solutions/Task1_Affine/Affine.cs", "judge/Oracles/Api/exercises/Task2_ReLU/ReLU.cs"])
            .ShouldBe(["solutions/Task1_Affine/Affine.cs", "judge/Oracles/Api/exercises/Task2_ReLU/ReLU.cs"]);
    }
}
