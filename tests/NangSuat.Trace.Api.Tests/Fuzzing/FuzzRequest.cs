using System.Text;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

/// <summary>
/// One request exactly as it goes on the wire. <see cref="Target"/> is the endpoint the generator
/// aimed at, for counting and for naming a finding; <see cref="Json"/> is the body's tree when the
/// body is that tree written out, so a finding can be shrunk field by field.
/// </summary>
public sealed record FuzzRequest(
    string Target, string Method, string RawPath, IReadOnlyList<string>? Query, IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body, J? Json = null, bool Chunked = false)
{
    public string Path => Query is null ? RawPath : RawPath + "?" + string.Join('&', Query);

    public bool IsHead => Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The request line, headers and body, with Host and the body's framing added.</summary>
    public byte[] ToBytes()
    {
        using var bytes = new MemoryStream();
        void Write(string text) => bytes.Write(Encoding.UTF8.GetBytes(text));
        Write($"{Method} {Path} HTTP/1.1\r\n");
        if (Header("Host") is null)
        {
            Write("Host: localhost\r\n");
        }

        foreach (var (name, value) in Headers)
        {
            Write($"{name}: {value}\r\n");
        }

        if (Body is null)
        {
            Write("\r\n");
        }
        else if (Chunked)
        {
            Write("Transfer-Encoding: chunked\r\n\r\n");
            for (var offset = 0; offset < Body.Length; offset += 4096)
            {
                var size = Math.Min(4096, Body.Length - offset);
                Write($"{size:x}\r\n");
                bytes.Write(Body, offset, size);
                Write("\r\n");
            }

            Write("0\r\n\r\n");
        }
        else
        {
            Write($"Content-Length: {Body.Length}\r\n\r\n");
            bytes.Write(Body);
        }

        return bytes.ToArray();
    }

    /// <summary>A curl command that sends the same bytes (bash quoting; --path-as-is keeps dot segments and encodings).</summary>
    public string ToCurl(string origin)
    {
        var command = new StringBuilder(IsHead ? $"curl -sI --path-as-is {Quote(origin + Path)}" : $"curl -si --path-as-is -X {Method} {Quote(origin + Path)}");
        foreach (var (name, value) in Headers)
        {
            command.Append(" -H ").Append(Quote(value.Length == 0 ? name + ";" : $"{name}: {value}"));
        }

        if (Chunked)
        {
            command.Append(" -H 'Transfer-Encoding: chunked'");
        }

        if (Body is not null)
        {
            command.Append(" --data-binary ").Append(Quote(Body));
        }

        return command.ToString();
    }

    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {Escape(Encoding.UTF8.GetBytes(Path), 600)}\n");
        foreach (var (name, value) in Headers)
        {
            text.Append(name).Append(": ").Append(Escape(Encoding.UTF8.GetBytes(value), 300)).Append('\n');
        }

        if (Body is not null)
        {
            text.Append(Chunked ? "(chunked) " : "").Append($"body {Body.Length} bytes: ").Append(Escape(Body, 600)).Append('\n');
        }

        return text.ToString();
    }

    private static string Quote(string text) => Quote(Encoding.UTF8.GetBytes(text));

    /// <summary>bash $'…' quoting: exact for any bytes, NUL aside, which bash strings cannot hold.</summary>
    private static string Quote(byte[] bytes) => "$'" + Escape(bytes, int.MaxValue, forBash: true) + "'";

    public static string Escape(byte[] bytes, int max, bool forBash = false)
    {
        var text = new StringBuilder();
        var decoded = Encoding.UTF8.GetString(bytes);
        var roundTrips = Encoding.UTF8.GetByteCount(decoded) == bytes.Length && !decoded.Contains('\uFFFD', StringComparison.Ordinal);
        if (roundTrips && !forBash)
        {
            foreach (var rune in decoded.EnumerateRunes())
            {
                if (text.Length > max)
                {
                    return text.Append($"… ({bytes.Length} bytes in all)").ToString();
                }

                text.Append(rune.Value switch
                {
                    < 0x20 or 0x7F => $"\\x{rune.Value:X2}",
                    0xFFFE or 0xFFFF or (>= 0x200E and <= 0x202E) or 0xFEFF => $"\\u{rune.Value:X4}",
                    _ => rune.ToString(),
                });
            }

            return text.ToString();
        }

        foreach (var b in bytes)
        {
            if (text.Length > max)
            {
                return text.Append($"… ({bytes.Length} bytes in all)").ToString();
            }

            text.Append(b switch
            {
                (byte)'\'' or (byte)'\\' when forBash => "\\" + (char)b,
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        }

        return text.ToString();
    }
}
