// The judge's own versions of the classes that other tasks build on. When such a class failed its task, the host of a
// task built on it gets a stand-in (bridge/Proxies) whose calls the judge serves with these. They travel with
// the hidden tests, so a task is graded on them wherever the hidden tests are: the kit, a template, Gradescope,
// Classroom 50. Each line is the operation the model answer (solutions/) uses, in the same order, on the same
// MathNet provider: the training thresholds and every golden score were measured with the model answers, so these
// must give the same numbers bit for bit. They check their arguments as the model answers do (the student's network
// calls them, and gets the same exceptions). Their namespace keeps them apart from the stand-ins of the same names,
// which the hidden tests call, and the grader resolves a stand-in's class name to this namespace only.
namespace Coursework.Grading.Served;

/// <summary>Task 1's layer, <c>out = inputs · weight + bias</c>, as the model answer computes it.</summary>
public sealed class Affine
{
    private Matrix<double>? _inputs;
    private Matrix<double>? _weight;

    /// <summary>Forward pass.</summary>
    /// <param name="inputs">Shape (N, D).</param>
    /// <param name="weight">Shape (D, H).</param>
    /// <param name="bias">Shape (H).</param>
    /// <returns>Shape (N, H).</returns>
    public Matrix<double> Forward(Matrix<double> inputs, Matrix<double> weight, Vector<double> bias)
    {
        _inputs = inputs;
        _weight = weight;
        return (inputs * weight).AddRowVector(bias);
    }

    /// <summary>Backward pass.</summary>
    /// <param name="dOut">Shape (N, H).</param>
    /// <returns>∂loss/∂inputs (N, D), ∂loss/∂weight (D, H), ∂loss/∂bias (H).</returns>
    public (Matrix<double> DInputs, Matrix<double> DWeight, Vector<double> DBias) Backward(Matrix<double> dOut)
    {
        if (_inputs is null || _weight is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        return (dOut.TransposeAndMultiply(_weight), _inputs.TransposeThisAndMultiply(dOut), dOut.ColumnSums());
    }
}

/// <summary>Task 2's layer, <c>out = max(0, inputs)</c>, as the model answer computes it.</summary>
public sealed class ReLU
{
    private Matrix<double>? _inputs;

    /// <summary>Forward pass.</summary>
    /// <param name="inputs">Any shape.</param>
    /// <returns>The same shape.</returns>
    public Matrix<double> Forward(Matrix<double> inputs)
    {
        _inputs = inputs;
        return inputs.PointwiseMaximum(0.0);
    }

    /// <summary>Backward pass: the gradient where the input was positive, 0 elsewhere (at 0 too).</summary>
    /// <param name="dOut">The shape of the latest Forward's inputs.</param>
    /// <returns>The same shape.</returns>
    public Matrix<double> Backward(Matrix<double> dOut)
    {
        if (_inputs is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        if (dOut.RowCount != _inputs.RowCount || dOut.ColumnCount != _inputs.ColumnCount)
        {
            throw new ArgumentException("dOut must have the shape of the inputs of the latest Forward.", nameof(dOut));
        }

        return dOut.PointwiseMultiply(_inputs.Map(x => x > 0 ? 1.0 : 0.0));
    }
}

/// <summary>Task 3's loss, softmax and mean cross-entropy, stable for any logits, as the model answer computes it.</summary>
public sealed class CrossEntropy
{
    private Matrix<double>? _probabilities;
    private Matrix<double>? _labels;

    /// <summary>The mean loss.</summary>
    /// <param name="logits">Shape (N, K).</param>
    /// <param name="labels">Shape (N, K), one-hot.</param>
    /// <returns>The mean over the N samples.</returns>
    public double Forward(Matrix<double> logits, Matrix<double> labels)
    {
        var shifted = logits.SubtractColumnVector(logits.RowMaxima());
        var logProbabilities = shifted.SubtractColumnVector(shifted.PointwiseExp().RowSums().PointwiseLog());
        _probabilities = logProbabilities.PointwiseExp();
        _labels = labels;
        return -labels.PointwiseMultiply(logProbabilities).RowSums().Sum() / logits.RowCount;
    }

    /// <summary>The gradient of the latest Forward's loss: <c>dOut · (softmax(logits) - labels) / N</c>.</summary>
    /// <param name="dOut">∂final/∂loss.</param>
    /// <returns>Shape (N, K).</returns>
    public Matrix<double> Backward(double dOut = 1.0)
    {
        if (_probabilities is null || _labels is null)
        {
            throw new InvalidOperationException("Call Forward before Backward.");
        }

        return (_probabilities - _labels) * (dOut / _labels.RowCount);
    }
}
