using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>A correct FeedforwardNet that writes backpropagation out with matrices instead of layer objects.</summary>
public sealed class FeedforwardNet : IClassifier
{
    /// <summary>Creates the network.</summary>
    public FeedforwardNet(int inputSize, int hiddenSize, int outputSize, double learningRate = 1e-2, int seed = 0)
    {
        var random = new Random(seed);
        LearningRate = learningRate;
        W1 = Initializers.XavierUniform(inputSize, hiddenSize, random);
        W2 = Initializers.XavierUniform(hiddenSize, outputSize, random);
        B1 = Vector<double>.Build.Dense(hiddenSize);
        B2 = Vector<double>.Build.Dense(outputSize);
    }

    /// <summary>The step size.</summary>
    public double LearningRate { get; }

    /// <summary>W1 (D, H).</summary>
    public Matrix<double> W1 { get; set; }

    /// <summary>b1 (H).</summary>
    public Vector<double> B1 { get; set; }

    /// <summary>W2 (H, K).</summary>
    public Matrix<double> W2 { get; set; }

    /// <summary>b2 (K).</summary>
    public Vector<double> B2 { get; set; }

    /// <summary>Class probabilities.</summary>
    public Matrix<double> Predict(Matrix<double> inputs)
    {
        var hidden = inputs.Multiply(W1).AddRowVector(B1).PointwiseMaximum(0.0);
        return Softmax.Rows(hidden.Multiply(W2).AddRowVector(B2));
    }

    /// <summary>One step of gradient descent.</summary>
    public double Step(Matrix<double> inputs, Matrix<double> labels)
    {
        var n = inputs.RowCount;
        var preActivation = inputs.Multiply(W1).AddRowVector(B1);
        var hidden = preActivation.PointwiseMaximum(0.0);
        var logits = hidden.Multiply(W2).AddRowVector(B2);
        var shifted = logits.SubtractColumnVector(logits.RowMaxima());
        var logProbabilities = shifted.SubtractColumnVector(shifted.PointwiseExp().RowSums().PointwiseLog());
        var probabilities = logProbabilities.PointwiseExp();
        var loss = -labels.PointwiseMultiply(logProbabilities).RowSums().Sum() / n;

        var dLogits = (probabilities - labels) / n;
        var dHidden = dLogits.TransposeAndMultiply(W2).PointwiseMultiply(preActivation.Map(z => z > 0 ? 1.0 : 0.0));

        // Biases first, then weights: the order does not matter, as every gradient was computed before any update.
        B2 -= LearningRate * dLogits.ColumnSums();
        B1 -= LearningRate * dHidden.ColumnSums();
        W2 -= LearningRate * hidden.TransposeThisAndMultiply(dLogits);
        W1 -= LearningRate * inputs.TransposeThisAndMultiply(dHidden);
        return loss;
    }
}
