using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;

namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>
/// Decompresses a GS1 Digital Link compressed with the GS1 Digital Link Compression method: the
/// path segment is base64url of a bit string of AIs (or optimisation codes standing for AI
/// sequences) each followed by its value, numeric values in binary, alphanumeric ones in one of five
/// encodings, and optionally non-GS1 key=value pairs from the query string.
/// </summary>
/// <remarks>
/// The segment comes from whoever scanned or typed it, so every count and length read from the bits
/// is checked against what is left and what the AI allows: garbage is refused with a reason, never
/// by an exception.
/// </remarks>
public static class CompressedDigitalLink
{
    // The GS1 syntax engine's limit on AIs in one message; it also bounds the work a long segment can cause.
    internal const int MaxValues = 64;

    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string Hex = "0123456789ABCDEF";
    private const string LowerHex = "0123456789abcdef";
    private static readonly SearchValues<char> Base64UrlChars = SearchValues.Create(Base64Url);

    // Codes outside 00-99 that stand for a sequence of AIs (GS1 Digital Link: Compression, table "Opt").
    // 1A and 9D are in code order, not the table's: GS1's reference toolkit sorts every sequence in
    // place when it builds its reverse table, so the links it writes carry the values in that order.
    private static readonly FrozenDictionary<int, string[]> Optimisations = new Dictionary<int, string[]>
    {
        [0x0A] = ["01", "22"], [0x0B] = ["01", "10"], [0x0C] = ["01", "21"], [0x0D] = ["01", "17"], [0x0E] = ["01", "7003"], [0x0F] = ["01", "30"],
        [0x1A] = ["01", "10", "17", "21"], [0x1B] = ["01", "15"], [0x1C] = ["01", "11"], [0x1D] = ["01", "16"], [0x1E] = ["01", "91"], [0x1F] = ["01", "10", "15"],
        [0x2A] = ["01", "3100"], [0x2B] = ["01", "3101"], [0x2C] = ["01", "3102"], [0x2D] = ["01", "3103"], [0x2E] = ["01", "3104"], [0x2F] = ["01", "3105"],
        [0x3A] = ["01", "3200"], [0x3B] = ["01", "3201"], [0x3C] = ["01", "3202"], [0x3D] = ["01", "3203"], [0x3E] = ["01", "3204"], [0x3F] = ["01", "3205"],
        [0x9A] = ["8010", "8011"], [0x9B] = ["8017", "8019"], [0x9C] = ["8018", "8019"], [0x9D] = ["254", "414"],
        [0xA0] = ["01", "3920"], [0xA1] = ["01", "3921"], [0xA2] = ["01", "3922"], [0xA3] = ["01", "3923"], [0xA4] = ["01", "3924"],
        [0xA5] = ["01", "3925"], [0xA6] = ["01", "3926"], [0xA7] = ["01", "3927"], [0xA8] = ["01", "3928"], [0xA9] = ["01", "3929"],
        [0xC0] = ["255", "3900"], [0xC1] = ["255", "3901"], [0xC2] = ["255", "3902"], [0xC3] = ["255", "3903"], [0xC4] = ["255", "3904"],
        [0xC5] = ["255", "3905"], [0xC6] = ["255", "3906"], [0xC7] = ["255", "3907"], [0xC8] = ["255", "3908"], [0xC9] = ["255", "3909"],
        [0xCA] = ["255", "3940"], [0xCB] = ["255", "3941"], [0xCC] = ["255", "3942"], [0xCD] = ["255", "3943"],
    }.ToFrozenDictionary();

    // An AI's length follows from its first two digits (GS1 General Specifications, 3.2); 0 where no AI starts so.
    private static readonly Lazy<byte[]> AiLengths = new(() =>
    {
        var lengths = new byte[100];
        foreach (var definition in AiTable.All)
        {
            lengths[(definition.Code[0] - '0') * 10 + definition.Code[1] - '0'] = (byte)definition.Code.Length;
        }

        return lengths;
    });

    private static readonly Lazy<FrozenDictionary<string, Run[]>> Runs = new(() =>
        AiTable.All.ToFrozenDictionary(d => d.Code, d => Components(d).Select(c => new Run(c.Numeric, c.Length, c.Variable, LengthBits(c.Length))).ToArray(), StringComparer.Ordinal));

    public static bool LooksCompressed(string segment) => LooksCompressed(segment.AsSpan());

    internal static bool LooksCompressed(ReadOnlySpan<char> segment) =>
        segment.Length >= 4 && !segment.ContainsAnyExcept(Base64UrlChars) && segment.ContainsAnyExceptInRange('0', '9');

    /// <summary>The AIs and values in a compressed segment, in their order; non-GS1 key=value pairs are left out.</summary>
    public static Gs1Result<List<(string Ai, string Value)>> Decode(string segment)
    {
        var values = new List<(string Ai, string Value)>();
        return Decode(segment, values, null) is { } problem
            ? Gs1Result<List<(string Ai, string Value)>>.Fail(problem)
            : Gs1Result<List<(string Ai, string Value)>>.Ok(values);
    }

    /// <summary>Adds the segment's AIs to <paramref name="values"/> and its non-GS1 pairs to <paramref name="others"/>; a problem when it is not a compressed link.</summary>
    internal static Gs1Problem? Decode(ReadOnlySpan<char> segment, List<(string Ai, string Value)> values, List<KeyValuePair<string, string>>? others)
    {
        var sextets = segment.Length <= 256 ? stackalloc byte[segment.Length] : new byte[segment.Length];
        for (var i = 0; i < segment.Length; i++)
        {
            var index = Base64Url.IndexOf(segment[i], StringComparison.Ordinal);
            if (index < 0)
            {
                return Problem($"'{segment[i]}' is not a base64url character", $"'{segment[i]}' không phải ký tự base64url");
            }

            sextets[i] = (byte)index;
        }

        var reader = new BitReader(sextets);
        var found = 0;
        Span<char> code = stackalloc char[4];
        while (reader.Remaining > 8)
        {
            if (++found > MaxValues)
            {
                return Problem($"more than {MaxValues} values", $"nhiều hơn {MaxValues} giá trị");
            }

            var (h1, h2) = (reader.Read(4), reader.Read(4));
            Gs1Problem? problem = null;
            if (h1 <= 9 && h2 <= 9)
            {
                var length = AiLengths.Value[h1 * 10 + h2];
                if (length == 0)
                {
                    return Problem($"no AI starts with {h1}{h2}", $"không có AI nào bắt đầu bằng {h1}{h2}");
                }

                (code[0], code[1]) = ((char)('0' + h1), (char)('0' + h2));
                for (var i = 2; i < length; i++)
                {
                    var digit = reader.Read(4);
                    if (digit > 9)
                    {
                        return Problem($"AI {code[..i].ToString()} continues with a non-digit", $"AI {code[..i].ToString()} tiếp theo là ký tự không phải chữ số");
                    }

                    code[i] = (char)('0' + digit);
                }

                if (AiTable.Find(code[..length]) is not { } definition)
                {
                    return Problem($"AI {code[..length].ToString()} is unknown", $"AI {code[..length].ToString()} không tồn tại");
                }

                problem = Value(definition.Code, ref reader, values);
            }
            else if (Optimisations.TryGetValue(h1 << 4 | h2, out var sequence))
            {
                foreach (var ai in sequence)
                {
                    problem ??= Value(ai, ref reader, values);
                }
            }
            else if (h1 == 0xF)
            {
                problem = Parameter(h2, ref reader, others);
            }
            else
            {
                return Problem($"code {Hex[h1]}{Hex[h2]} names no AI sequence", $"mã {Hex[h1]}{Hex[h2]} không ứng với dãy AI nào");
            }

            if (reader.Failed)
            {
                return Problem("the data ends in the middle of a value", "dữ liệu kết thúc giữa chừng một giá trị");
            }

            if (problem is not null)
            {
                return problem;
            }
        }

        return values.Count == 0 ? Problem("no data", "không có dữ liệu") : null;
    }

    private static Gs1Problem? Value(string ai, ref BitReader reader, List<(string Ai, string Value)> values)
    {
        Span<char> value = stackalloc char[128];
        var written = 0;
        foreach (var run in Runs.Value[ai])
        {
            var encoding = run.Numeric ? 0 : reader.Read(3);
            var count = run.Variable ? reader.Read(run.LengthBits) : run.Length;
            if (count > run.Length || written + count > value.Length)
            {
                return Problem($"AI {ai} is said to hold {count} characters where it allows {run.Length}",
                    $"AI {ai} được cho là có {count} ký tự trong khi chỉ cho phép {run.Length}");
            }

            if (Characters(ref reader, encoding, count, value[written..]) is { } problem)
            {
                return problem;
            }

            written += count;
        }

        values.Add((ai, new string(value[..written])));
        return null;
    }

    /// <summary>A non-GS1 key=value pair from the query string: a 7-bit key length, the key in base64url, then the value.</summary>
    private static Gs1Problem? Parameter(int h2, ref BitReader reader, List<KeyValuePair<string, string>>? others)
    {
        var keyLength = h2 << 3 | reader.Read(3);
        if (keyLength == 0)
        {
            return Problem("a query parameter has no name", "một tham số truy vấn không có tên");
        }

        Span<char> key = stackalloc char[keyLength];
        var problem = Characters(ref reader, 3, keyLength, key);
        var encoding = reader.Read(3);
        var count = reader.Read(7);
        Span<char> value = stackalloc char[count];
        problem ??= Characters(ref reader, encoding, count, value);
        others?.Add(new(new string(key), new string(value)));
        return problem;
    }
    /// <summary>
    /// The compression method's view of an AI's format: numeric runs and alphanumeric runs, fixed or
    /// variable. Consecutive fixed numeric parts join, as do optional or variable numeric parts;
    /// alphanumeric parts always join into one variable part.
    /// </summary>
    internal static List<(bool Numeric, int Length, bool Variable)> Components(AiDefinition definition)
    {
        var runs = new List<(bool Numeric, int Length, bool Variable)>();
        foreach (var component in definition.Components)
        {
            var numeric = component.CharacterSet == 'N';
            var variable = !component.IsFixedLength || component.Optional;
            if (runs.Count > 0 && runs[^1].Numeric == numeric && (!numeric || runs[^1].Variable == variable))
            {
                runs[^1] = (numeric, runs[^1].Length + component.MaxLength, variable || !numeric);
            }
            else
            {
                runs.Add((numeric, component.MaxLength, variable));
            }
        }

        return runs;
    }

    private static int LengthBits(int maxLength) => (int)Math.Ceiling(Math.Log2(maxLength) + 0.01);

    /// <summary>Writes <paramref name="count"/> characters in one of the five encodings into <paramref name="text"/>.</summary>
    private static Gs1Problem? Characters(ref BitReader reader, int encoding, int count, scoped Span<char> text)
    {
        if (encoding == 0)
        {
            return Number(ref reader, count, text);
        }

        if (encoding > 4)
        {
            return Problem($"encoding {encoding} is not defined", $"không có kiểu mã hóa {encoding}");
        }

        var width = encoding switch { 1 or 2 => 4, 3 => 6, _ => 7 };
        if (count * width > reader.Remaining)
        {
            reader.Fail();
            return null;
        }

        for (var i = 0; i < count; i++)
        {
            var index = reader.Read(width);
            text[i] = encoding switch { 1 => LowerHex[index], 2 => Hex[index], 3 => Base64Url[index], _ => (char)index };
        }

        return null;
    }

    /// <summary>A run of <paramref name="digits"/> digits stored as one binary number.</summary>
    private static Gs1Problem? Number(ref BitReader reader, int digits, scoped Span<char> text)
    {
        var bits = (int)Math.Ceiling(digits * Math.Log2(10) + 0.01);
        if (bits > reader.Remaining)
        {
            reader.Fail();
            return null;
        }

        // The bits can hold a number up to about 1.2 times larger than the digits can.
        var written = 0;
        var fits = bits <= 64
            ? reader.ReadLong(bits).TryFormat(text[..digits], out written, default, CultureInfo.InvariantCulture)
            : Big(ref reader, bits).TryFormat(text[..digits], out written, default, CultureInfo.InvariantCulture);
        if (!fits)
        {
            return Problem($"a {digits}-digit number is larger than {digits} digits", $"một số {digits} chữ số lớn hơn {digits} chữ số");
        }

        // Right-align and pad with zeros: the number 42 in four digits is "0042".
        text[..written].CopyTo(text[(digits - written)..digits]);
        text[..(digits - written)].Fill('0');
        return null;
    }

    private static BigInteger Big(ref BitReader reader, int bits)
    {
        var value = BigInteger.Zero;
        for (var left = bits; left > 0; left -= 32)
        {
            var take = Math.Min(left, 32);
            value = value << take | reader.ReadLong(take);
        }

        return value;
    }

    private static Gs1Problem Problem(string english, string vietnamese) =>
        new("path", Gs1Rule.NotAUri, $"not a compressed GS1 Digital Link: {english}", $"không phải GS1 Digital Link nén: {vietnamese}");

    private readonly record struct Run(bool Numeric, int Length, bool Variable, int LengthBits);

    /// <summary>Reads bits most significant first; reading past the end sets <see cref="Failed"/> and yields zeros.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> sextets)
    {
        private readonly ReadOnlySpan<byte> _sextets = sextets;
        private int _position;

        public bool Failed { get; private set; }

        public readonly int Remaining => _sextets.Length * 6 - _position;

        public void Fail()
        {
            Failed = true;
            _position = _sextets.Length * 6;
        }

        public int Read(int count) => (int)ReadLong(count);

        public ulong ReadLong(int count)
        {
            if (count > Remaining)
            {
                Fail();
                return 0;
            }

            var value = 0UL;
            for (var i = 0; i < count; i++, _position++)
            {
                value = value << 1 | (uint)(_sextets[_position / 6] >> (5 - _position % 6) & 1);
            }

            return value;
        }
    }
}
