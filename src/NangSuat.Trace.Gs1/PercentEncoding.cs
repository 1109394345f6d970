using System.Buffers;
using System.Text;

namespace NangSuat.Trace.Gs1;

/// <summary>Strict percent-decoding of URI components, for Digital Link values and the pcenc linter.</summary>
internal static class PercentEncoding
{
    /// <summary>Strict percent-decoding: every % must start a two-hex-digit UTF-8 byte.</summary>
    public static bool TryDecode(string raw, out string value) => TryDecode(raw, query: false, out value);

    /// <summary>In a query (<paramref name="query"/>) '+' is a space, as forms send it; in a path it is itself.</summary>
    public static bool TryDecode(ReadOnlySpan<char> raw, bool query, out string value)
    {
        if (query ? !raw.ContainsAny('%', '+') : !raw.Contains('%'))
        {
            value = raw.ToString();
            return true;
        }

        value = "";
        byte[]? rented = null;
        var bytes = raw.Length <= 128 ? stackalloc byte[raw.Length * 3] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length * 3));
        try
        {
            var count = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '%')
                {
                    var (high, low) = i + 2 < raw.Length ? (HexDigit(raw[i + 1]), HexDigit(raw[i + 2])) : (-1, -1);
                    if ((high | low) < 0)
                    {
                        return false;
                    }

                    bytes[count++] = (byte)(high << 4 | low);
                    i += 2;
                }
                else if (raw[i] < 0x80)
                {
                    bytes[count++] = (byte)(query && raw[i] == '+' ? ' ' : raw[i]);
                }
                else
                {
                    var width = char.IsHighSurrogate(raw[i]) && i + 1 < raw.Length ? 2 : 1;
                    count += Encoding.UTF8.GetBytes(raw.Slice(i, width), bytes[count..]);
                    i += width - 1;
                }
            }

            if (!System.Text.Unicode.Utf8.IsValid(bytes[..count]))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(bytes[..count]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
