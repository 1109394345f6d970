using System.Numerics;
using System.Text;

namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>
/// Decompresses a GS1 Digital Link compressed with the GS1 Digital Link Compression method: the
/// path segment is base64url of a bit string of AIs (or optimisation codes standing for AI
/// sequences) each followed by its value, numeric values in binary, alphanumeric ones in one of five
/// encodings.
/// </summary>
public static class CompressedDigitalLink
{
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string Hex = "0123456789ABCDEF";

    // Codes outside 00-99 that stand for a sequence of AIs (GS1 Digital Link: Compression, table "Opt").
    private static readonly Dictionary<string, string[]> Optimisations = new()
    {
        ["0A"] = ["01", "22"], ["0B"] = ["01", "10"], ["0C"] = ["01", "21"], ["0D"] = ["01", "17"], ["0E"] = ["01", "7003"], ["0F"] = ["01", "30"],
        ["1A"] = ["01", "10", "21", "17"], ["1B"] = ["01", "15"], ["1C"] = ["01", "11"], ["1D"] = ["01", "16"], ["1E"] = ["01", "91"], ["1F"] = ["01", "10", "15"],
        ["2A"] = ["01", "3100"], ["2B"] = ["01", "3101"], ["2C"] = ["01", "3102"], ["2D"] = ["01", "3103"], ["2E"] = ["01", "3104"], ["2F"] = ["01", "3105"],
        ["3A"] = ["01", "3200"], ["3B"] = ["01", "3201"], ["3C"] = ["01", "3202"], ["3D"] = ["01", "3203"], ["3E"] = ["01", "3204"], ["3F"] = ["01", "3205"],
        ["9A"] = ["8010", "8011"], ["9B"] = ["8017", "8019"], ["9C"] = ["8018", "8019"], ["9D"] = ["414", "254"],
        ["A0"] = ["01", "3920"], ["A1"] = ["01", "3921"], ["A2"] = ["01", "3922"], ["A3"] = ["01", "3923"], ["A4"] = ["01", "3924"],
        ["A5"] = ["01", "3925"], ["A6"] = ["01", "3926"], ["A7"] = ["01", "3927"], ["A8"] = ["01", "3928"], ["A9"] = ["01", "3929"],
        ["C0"] = ["255", "3900"], ["C1"] = ["255", "3901"], ["C2"] = ["255", "3902"], ["C3"] = ["255", "3903"], ["C4"] = ["255", "3904"],
        ["C5"] = ["255", "3905"], ["C6"] = ["255", "3906"], ["C7"] = ["255", "3907"], ["C8"] = ["255", "3908"], ["C9"] = ["255", "3909"],
        ["CA"] = ["255", "3940"], ["CB"] = ["255", "3941"], ["CC"] = ["255", "3942"], ["CD"] = ["255", "3943"],
    };

    public static bool LooksCompressed(string segment) =>
        segment.Length >= 4 && segment.All(c => Base64Url.Contains(c, StringComparison.Ordinal)) && !segment.All(char.IsAsciiDigit);

    /// <summary>The AIs and values in a compressed segment, in their order; non-GS1 key=value pairs are left out.</summary>
    public static Gs1Result<List<(string Ai, string Value)>> Decode(string segment)
    {
        var bits = new StringBuilder(segment.Length * 6);
        foreach (var c in segment)
        {
            var index = Base64Url.IndexOf(c, StringComparison.Ordinal);
            if (index < 0)
            {
                return Fail($"'{c}' is not a base64url character", $"'{c}' không phải ký tự base64url");
            }

            bits.Append(Convert.ToString(index, 2).PadLeft(6, '0'));
        }

        var reader = new BitReader(bits.ToString());
        var values = new List<(string Ai, string Value)>();
        try
        {
            while (reader.Remaining > 8)
            {
                var (h1, h2) = (reader.Read(4), reader.Read(4));
                if (h1 <= 9 && h2 <= 9)
                {
                    var prefix = $"{h1}{h2}";
                    var length = AiTable.All.FirstOrDefault(d => d.Code.StartsWith(prefix, StringComparison.Ordinal))?.Code.Length
                        ?? throw new FormatException($"no AI starts with {prefix}");
                    var ai = new StringBuilder(prefix);
                    for (var i = 2; i < length; i++)
                    {
                        var digit = reader.Read(4);
                        ai.Append(digit <= 9 ? (char)('0' + digit) : throw new FormatException($"AI {ai} continues with a non-digit"));
                    }

                    values.Add((ai.ToString(), Value(ai.ToString(), reader)));
                }
                else if (Optimisations.TryGetValue($"{Hex[(int)h1]}{Hex[(int)h2]}", out var sequence))
                {
                    values.AddRange(sequence.Select(ai => (ai, Value(ai, reader))));
                }
                else if (h1 == 0xF)
                {
                    // A non-GS1 key=value pair from the query string: read past it.
                    var keyLength = (int)((h2 << 3) | reader.Read(3));
                    reader.Read(6 * keyLength);
                    var encoding = (int)reader.Read(3);
                    Characters(reader, encoding, (int)reader.Read(7));
                }
                else
                {
                    throw new FormatException($"code {Hex[(int)h1]}{Hex[(int)h2]} names no AI sequence");
                }
            }
        }
        catch (FormatException e)
        {
            return Fail($"not a compressed GS1 Digital Link: {e.Message}", $"không phải GS1 Digital Link nén: {e.Message}");
        }

        return values.Count == 0
            ? Fail("not a compressed GS1 Digital Link: no data", "không phải GS1 Digital Link nén: không có dữ liệu")
            : Gs1Result<List<(string Ai, string Value)>>.Ok(values);
    }

    private static string Value(string ai, BitReader reader)
    {
        var value = new StringBuilder();
        foreach (var (numeric, length, variable) in Components(AiTable.Find(ai) ?? throw new FormatException($"AI {ai} is unknown")))
        {
            if (numeric)
            {
                var digits = variable ? (int)reader.Read(LengthBits(length)) : length;
                value.Append(Number(reader, digits));
            }
            else
            {
                var encoding = (int)reader.Read(3);
                var count = variable ? (int)reader.Read(LengthBits(length)) : length;
                value.Append(Characters(reader, encoding, count));
            }
        }

        return value.ToString();
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

    private static string Number(BitReader reader, int digits)
    {
        var count = (int)Math.Ceiling(digits * Math.Log2(10) + 0.01);
        return reader.ReadBig(count).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    private static string Characters(BitReader reader, int encoding, int count) => encoding switch
    {
        0 => Number(reader, count),
        1 => new string([.. Enumerable.Range(0, count).Select(_ => char.ToLowerInvariant(Hex[(int)reader.Read(4)]))]),
        2 => new string([.. Enumerable.Range(0, count).Select(_ => Hex[(int)reader.Read(4)])]),
        3 => new string([.. Enumerable.Range(0, count).Select(_ => Base64Url[(int)reader.Read(6)])]),
        4 => new string([.. Enumerable.Range(0, count).Select(_ => (char)reader.Read(7))]),
        _ => throw new FormatException($"encoding {encoding} is not defined"),
    };

    private static Gs1Result<List<(string Ai, string Value)>> Fail(string english, string vietnamese) =>
        Gs1Result<List<(string Ai, string Value)>>.Fail(new Gs1Problem("path", Gs1Rule.NotAUri, english, vietnamese));

    private sealed class BitReader(string bits)
    {
        private int _position;

        public int Remaining => bits.Length - _position;

        public ulong Read(int count) => (ulong)ReadBig(count);

        public BigInteger ReadBig(int count)
        {
            if (count > Remaining)
            {
                throw new FormatException("the data ends in the middle of a value");
            }

            var value = BigInteger.Zero;
            for (var i = 0; i < count; i++)
            {
                value = (value << 1) | (bits[_position++] - '0');
            }

            return value;
        }
    }
}
