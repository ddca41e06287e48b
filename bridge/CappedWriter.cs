using System.Text;

namespace Coursework.Bridge;

/// <summary>
/// Collects what student code prints, keeping the first <c>limit</c> characters and counting the rest. The host
/// takes it with every reply; the judge keeps a test's worth. Safe to write from several threads.
/// </summary>
/// <param name="limit">How many characters to keep.</param>
public sealed class CappedWriter(int limit) : TextWriter
{
    private readonly StringBuilder _kept = new();
    private long _dropped;

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_kept)
        {
            if (_kept.Length < limit)
            {
                _kept.Append(value);
            }
            else
            {
                _dropped++;
            }
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        lock (_kept)
        {
            var room = Math.Max(0, limit - _kept.Length);
            _kept.Append(value.AsSpan(0, Math.Min(room, value.Length)));
            _dropped += Math.Max(0, value.Length - room);
        }
    }

    /// <summary>What was kept, with a note of how much was cut; null if nothing was printed.</summary>
    /// <returns>The captured text or null.</returns>
    public string? Captured()
    {
        lock (_kept)
        {
            return _kept.Length == 0 && _dropped == 0 ? null
                : _dropped == 0 ? _kept.ToString()
                : $"{_kept}\n… ({_dropped} more characters not shown)";
        }
    }

    /// <summary>What was printed since the last call (as <see cref="Captured"/>), and starts again empty.</summary>
    /// <returns>The captured text or null.</returns>
    public string? Take()
    {
        lock (_kept)
        {
            var text = Captured();
            _kept.Clear();
            _dropped = 0;
            return text;
        }
    }
}
