using System.IO.Pipes;
using Coursework.Bridge;
using MathNet.Numerics.LinearAlgebra;

namespace Coursework.Grading.Tests;

/// <summary>The bridge on its own: values cross it exactly, hostile input is refused, calls and callbacks nest.</summary>
public class BridgeTests
{
    [Test]
    public void A_restored_Random_draws_what_the_original_draws_next()
    {
        var original = new Random(20261123);
        original.Next();
        var copy = RandomState.Restore(RandomState.Of(original));

        Enumerable.Range(0, 100).Select(_ => copy.Next(1000)).ShouldBe(Enumerable.Range(0, 100).Select(_ => original.Next(1000)));
    }

    [Test]
    public void An_unseeded_Random_is_refused_with_a_message_for_the_tests_author()
    {
        Should.Throw<InvalidOperationException>(() => RandomState.Of(new Random())).Message.ShouldContain("new Random(seed)");
    }

    [Test]
    public void Matrices_vectors_tuples_and_lists_cross_unchanged()
    {
        var matrix = Matrix<double>.Build.Dense(2, 3, [1, 2, 3, 4, double.NaN, -0.0]);
        var value = (matrix, Vector<double>.Build.Dense([5.5, 6]), new[] { 7, 8 }, new List<double> { 9, 10 });

        var back = ((Matrix<double>, Vector<double>, int[], IReadOnlyList<double>))RoundTrip(value, typeof((Matrix<double>, Vector<double>, int[], IReadOnlyList<double>)))!;

        back.Item1.ToColumnMajorArray().ShouldBe(matrix.ToColumnMajorArray());
        back.Item2.ToArray().ShouldBe([5.5, 6]);
        back.Item3.ShouldBe([7, 8]);
        back.Item4.ShouldBe([9.0, 10.0]);
    }

    [Test]
    public void A_matrix_over_the_size_limit_is_refused_before_it_is_allocated()
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)6); // a matrix
            writer.Write(100_000);
            writer.Write(100_000);
        }

        stream.Position = 0;
        Should.Throw<BridgeProtocolException>(() => Wire.ReadRaw(new BinaryReader(stream))).Message.ShouldContain("over the limit");
    }

    [Test]
    public void A_value_of_the_wrong_kind_is_a_protocol_error_not_a_cast()
    {
        Should.Throw<BridgeProtocolException>(() => Wire.Convert("text", typeof(Matrix<double>), (_, _) => null))
            .Message.ShouldBe("a String where a Matrix`1 was expected");
    }

    [Test]
    public void A_call_returns_its_value_and_an_argument_changed_in_place_changes_here_too()
    {
        using var pair = new PeerPair();
        var remote = Remote.New(nameof(Doubler));
        var inputs = Matrix<double>.Build.Dense(2, 2, [1, 2, 3, 4]);

        var result = remote.Call<Matrix<double>>(nameof(Doubler.TwiceAndZeroTheArgument), inputs);

        result.ToColumnMajorArray().ShouldBe([2.0, 4, 6, 8]);
        inputs.ToColumnMajorArray().ShouldBe([0.0, 0, 0, 0], "the other side zeroed its copy of the argument");
    }

    [Test]
    public void A_returned_matrix_that_a_later_call_overwrites_changes_here_too()
    {
        using var pair = new PeerPair();
        var remote = Remote.New(nameof(Doubler));
        var output = remote.Call<Matrix<double>>(nameof(Doubler.Output), Matrix<double>.Build.Dense(1, 3, [-1.0, 0, 2]));

        remote.Call<double>(nameof(Doubler.OverwriteTheOutput));

        output.ToColumnMajorArray().ShouldBe([0.0, 0, 1], "the other side turned its returned matrix into a mask in place");
    }

    [Test]
    public void An_exception_on_the_other_side_arrives_as_data_with_its_type_and_place()
    {
        using var pair = new PeerPair();
        var remote = Remote.New(nameof(Doubler));

        var exception = Should.Throw<RemoteException>(() => remote.Call<double>(nameof(Doubler.Fail)));

        exception.TypeName.ShouldBe("System.NotImplementedException");
        exception.Message.ShouldBe("not yet");
        exception.Where.ShouldStartWith(" in Doubler.Fail");
    }

    [Test]
    public void A_seeded_Random_passed_across_goes_on_here_from_where_it_stopped_there()
    {
        using var pair = new PeerPair();
        var remote = Remote.New(nameof(Doubler));
        var (random, twin) = (new Random(7), new Random(7));

        remote.Call<int>(nameof(Doubler.Draw), random).ShouldBe(twin.Next(100));
        random.Next(100).ShouldBe(twin.Next(100));
    }

    [Test]
    public void A_large_matrix_sent_again_unchanged_is_the_same_object_there_and_a_changed_one_arrives_changed()
    {
        using var pair = new PeerPair();
        var remote = Remote.New(nameof(Doubler));
        var large = Matrix<double>.Build.Dense(100, 100, (i, j) => i + j);

        remote.Call<double>(nameof(Doubler.SumIfSameAsBefore), large).ShouldBe(-1, "the first time there is nothing before");
        remote.Call<double>(nameof(Doubler.SumIfSameAsBefore), large).ShouldBe(large.Enumerate().Sum(), "an unchanged matrix is the object kept there");
        large[0, 0] = 1e6;
        remote.Call<double>(nameof(Doubler.SumIfSameAsBefore), large).ShouldBe(-1, "a changed matrix is sent again, as a new object");
        remote.Call<double>(nameof(Doubler.SumIfSameAsBefore), large).ShouldBe(large.Enumerate().Sum());
    }

    [Test]
    public void A_large_matrix_the_other_side_returned_goes_back_by_its_number_with_the_values_it_had()
    {
        using var pair = new PeerPair();
        var remote = Remote.New(nameof(Doubler));
        var output = remote.Call<Matrix<double>>(nameof(Doubler.Output), Matrix<double>.Build.Dense(100, 100, (i, j) => i - j));

        var before = pair.SentBytes;
        remote.Call<double>(nameof(Doubler.Sum), output).ShouldBe(output.Enumerate().Sum());

        (pair.SentBytes - before).ShouldBeLessThan(1000, "an unchanged output goes back as a number, not as 80 kB of values");
    }

    [Test]
    public void A_returned_matrix_changed_here_goes_back_whole_with_the_change()
    {
        using var pair = new PeerPair();
        var remote = Remote.New(nameof(Doubler));
        var output = remote.Call<Matrix<double>>(nameof(Doubler.Output), Matrix<double>.Build.Dense(100, 100, (i, j) => i - j));
        output[3, 4] = 1e6;

        var before = pair.SentBytes;
        remote.Call<double>(nameof(Doubler.Sum), output).ShouldBe(output.Enumerate().Sum());

        (pair.SentBytes - before).ShouldBeGreaterThan(80_000);
    }

    [Test]
    public void A_reference_to_a_matrix_never_sent_or_no_longer_kept_is_a_protocol_error()
    {
        var cache = new MatrixCache();
        Should.Throw<BridgeProtocolException>(() => cache.Returned(1)).Message.ShouldContain("not kept");
        var first = Matrix<double>.Build.Dense(1, 1);
        cache.Keep(1, first);
        for (var id = 2; id <= MatrixCache.Window + 1; id++)
        {
            cache.Keep(id, Matrix<double>.Build.Dense(1, 1));
        }

        Should.Throw<BridgeProtocolException>(() => cache.Kept(1)).Message.ShouldContain("not kept");
        Should.Throw<BridgeProtocolException>(() => cache.Keep(MatrixCache.Window + 5, first)).Message.ShouldContain("was next");
    }

    private static object? RoundTrip(object value, Type type)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Wire.Write(writer, value, _ => throw new InvalidOperationException());
        }

        stream.Position = 0;
        return Wire.Convert(Wire.ReadRaw(new BinaryReader(stream)), type, (_, _) => null);
    }

    /// <summary>A class served on the other side.</summary>
    public sealed class Doubler
    {
        public Matrix<double> TwiceAndZeroTheArgument(Matrix<double> inputs)
        {
            var result = 2 * inputs;
            inputs.Clear();
            return result;
        }

        public double Fail() => throw new NotImplementedException("not yet");

        private Matrix<double>? _output;

        public Matrix<double> Output(Matrix<double> inputs) => _output = inputs.Clone();

        public double OverwriteTheOutput()
        {
            _output!.MapInplace(x => x > 0 ? 1 : 0);
            return 0;
        }

        public int Draw(Random random) => random.Next(100);

        public double Sum(Matrix<double> matrix) => matrix.Enumerate().Sum();

        private Matrix<double>? _last;

        public double SumIfSameAsBefore(Matrix<double> matrix)
        {
            var same = ReferenceEquals(matrix, _last);
            _last = matrix;
            return same ? matrix.Enumerate().Sum() : -1;
        }
    }

    /// <summary>A stream that counts what is written through it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Count += count;
            inner.Write(buffer, offset, count);
        }
    }

    /// <summary>Two peers over pipes, the far one serving <see cref="Doubler"/> on a thread of its own.</summary>
    private sealed class PeerPair : IDisposable
    {
        private readonly AnonymousPipeServerStream _toFar = new(PipeDirection.Out);
        private readonly AnonymousPipeServerStream _toNear = new(PipeDirection.Out);
        private readonly Thread _far;
        private readonly CountingStream _counted;

        public PeerPair()
        {
            _counted = new CountingStream(_toFar);
            var farIn = new AnonymousPipeClientStream(PipeDirection.In, _toFar.ClientSafePipeHandle);
            var nearIn = new AnonymousPipeClientStream(PipeDirection.In, _toNear.ClientSafePipeHandle);
            var dispatcher = new Dispatcher(name => name == nameof(Doubler) ? typeof(Doubler) : null, viaInterfaces: false, detectChangedArguments: true,
                isOwnCode: method => method.DeclaringType == typeof(Doubler));
            var far = new Peer(farIn, _toNear, dispatcher);
            _far = new Thread(far.Serve) { IsBackground = true };
            _far.Start();
            Peer.Current = new Peer(nearIn, _counted, null);
        }

        /// <summary>How many bytes this side has sent to the far side.</summary>
        public long SentBytes => _counted.Count;


        public void Dispose()
        {
            _toFar.Dispose(); // the far side's loop ends at the end of its input
            _far.Join(TimeSpan.FromSeconds(5));
            _toNear.Dispose();
            Peer.Current = null;
        }
    }
}
