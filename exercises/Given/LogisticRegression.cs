using MathNet.Numerics.LinearAlgebra;

namespace Coursework;

/// <summary>
/// Multinomial logistic regression trained with backpropagation: input → affine → softmax.
/// Complete code that uses your <see cref="Affine"/> and <see cref="CrossEntropy"/>: read it as a model for task 4.
/// </summary>
public sealed class LogisticRegression : IClassifier
{
    private readonly Affine _affine = new();
    private readonly CrossEntropy _crossEntropy = new();

    /// <summary>Creates a model whose weights and bias start at zero.</summary>
    /// <param name="featureCount">D, the number of input features.</param>
    /// <param name="classCount">K, the number of classes.</param>
    /// <param name="learningRate">The step size of gradient descent.</param>
    public LogisticRegression(int featureCount, int classCount, double learningRate = 1e-2)
    {
        LearningRate = learningRate;
        Weight = Matrix<double>.Build.Dense(featureCount, classCount);
        Bias = Vector<double>.Build.Dense(classCount);
    }

    /// <summary>The step size of gradient descent.</summary>
    public double LearningRate { get; }

    /// <summary>The weight matrix W, shape (D, K).</summary>
    public Matrix<double> Weight { get; private set; }

    /// <summary>The bias vector b, shape (K).</summary>
    public Vector<double> Bias { get; private set; }

    /// <inheritdoc />
    public Matrix<double> Predict(Matrix<double> inputs) => Softmax.Rows(_affine.Forward(inputs, Weight, Bias));

    /// <inheritdoc />
    public double Step(Matrix<double> inputs, Matrix<double> labels)
    {
        // Forward pass: the loss on this batch.
        var logits = _affine.Forward(inputs, Weight, Bias);
        var loss = _crossEntropy.Forward(logits, labels);

        // Backward pass: the gradients of the loss with respect to every parameter.
        var dLogits = _crossEntropy.Backward();
        var (_, dWeight, dBias) = _affine.Backward(dLogits);

        // Gradient descent: a small step against the gradient.
        Weight -= LearningRate * dWeight;
        Bias -= LearningRate * dBias;
        return loss;
    }
}
