using System.Text;

namespace Coursework.Grading;

/// <summary>Collects what student code prints, keeping the first <c>limit</c> characters and counting the rest.</summary>
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
        if (_kept.Length < limit)
        {
            _kept.Append(value);
        }
        else
        {
            _dropped++;
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        var room = Math.Max(0, limit - _kept.Length);
        _kept.Append(value.AsSpan(0, Math.Min(room, value.Length)));
        _dropped += Math.Max(0, value.Length - room);
    }

    /// <summary>What was kept, with a note of how much was cut; null if nothing was printed.</summary>
    /// <returns>The captured text or null.</returns>
    public string? Captured() =>
        _kept.Length == 0 && _dropped == 0 ? null
        : _dropped == 0 ? _kept.ToString()
        : $"{_kept}\n… ({_dropped} more characters not shown)";
}
