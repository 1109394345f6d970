using NangSuat.Trace.TestSupport;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using static NangSuat.Trace.Labels.DataMatrixEncodation;

namespace NangSuat.Trace.Labels.Tests;

/// <summary>
/// ASCII, C40 and Text mixed for the fewest codewords, checked against oracles written here from
/// ISO/IEC 16022 (ASCII alone as the encoder had it, each encodation alone, every assignment of
/// encodations to short messages) and against the two independent decoders.
/// </summary>
public sealed class DataMatrixEncodationTests
{
    private const string Set82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    private const string Punctuation = "!\"%&'()*+,-./:;<=>?_";

    // 16022 table 7, square sizes 10×10 to 132×132: data codewords and modules across.
    private static readonly int[] Capacities = [3, 5, 8, 12, 18, 22, 30, 36, 44, 62, 86, 114, 144, 174, 204, 280, 368, 456, 576, 696, 816, 1050, 1304];
    private static readonly int[] Sides = [10, 12, 14, 16, 18, 20, 22, 24, 26, 32, 36, 40, 44, 48, 52, 64, 72, 80, 88, 96, 104, 120, 132];

    [Fact]
    public void The_pack_label_fits_22_by_22_where_ascii_alone_needs_24_and_decodes_exactly()
    {
        var message = ElementStringParser.Parse("(01)08936099000121(17)281231(10)MC2611A(21)7KQ2M9XH4CZP").Value!;
        Assert.Equal(24, AsciiOnlySide(message.Raw));

        var symbol = DataMatrix.Gs1(message.Raw);

        Assert.Equal(22, symbol.Size);
        AssertDecodes(symbol, message.Raw);
    }

    [Fact]
    public void Random_gs1_messages_are_never_larger_than_ascii_alone_and_decode_exactly_in_both_decoders()
    {
        var random = new Random(21471);
        var smaller = 0;
        var sides = new HashSet<int>();
        for (var i = 0; i < 64; i++)
        {
            var raw = RandomMessage(random, i);
            var symbol = DataMatrix.Gs1(raw);
            var ascii = AsciiOnlySide(raw);
            Assert.True(symbol.Size <= ascii, $"{symbol.Size}×{symbol.Size} where ASCII alone fits {ascii}×{ascii}: {raw}");
            smaller += symbol.Size < ascii ? 1 : 0;
            sides.Add(symbol.Size);
            AssertDecodes(symbol, raw);
        }

        Assert.True(sides.Count >= 12, $"only sizes {string.Join(", ", sides.Order())} were exercised");
        Assert.True(smaller >= 10, $"only {smaller} of 64 messages got a smaller symbol than ASCII alone");
    }

    [Fact]
    public void Mixed_encodation_is_never_longer_than_ascii_c40_or_text_alone()
    {
        var random = new Random(16022);
        var shorterThanEveryOne = 0;
        for (var i = 0; i < 2000; i++)
        {
            var raw = RandomMessage(random, i);
            var encoded = Encode(raw, Capacities);
            var single = new[] { AsciiAlone(raw), C40OrTextAlone(raw, text: false), C40OrTextAlone(raw, text: true) }.Min();

            Assert.True(encoded.Length <= single, $"{encoded.Length} codewords where one encodation alone takes {single}: {raw}");
            Assert.True(encoded.SizeIndex <= Array.FindIndex(Capacities, c => c >= single), raw);
            shorterThanEveryOne += encoded.Length < single ? 1 : 0;
        }

        // Mixing must matter, or this test proves nothing about it.
        Assert.True(shorterThanEveryOne >= 500, $"only {shorterThanEveryOne} of 2000 were shorter mixed");
    }

    [Fact]
    public void Mixed_encodation_fits_every_capacity_some_assignment_of_encodations_fits()
    {
        // Every way to give each character ASCII, C40 or Text, with every ending 16022 5.2.5.2 allows
        // (the Shift 1 padding the encoder leaves out included): the encoder must fit each capacity
        // one of them fits, and its plain length must be the shortest.
        var random = new Random(5252);
        const string alphabet = "0123456789AZaz.- \u001D";
        for (var i = 0; i < 400; i++)
        {
            var raw = string.Concat(Enumerable.Range(0, random.Next(1, 10)).Select(_ => alphabet[random.Next(alphabet.Length)]));
            var (shortest, exact) = Exhaustive(raw);

            Assert.Equal(shortest, Encode(raw, [5000]).Length);
            for (var capacity = 1; capacity <= shortest; capacity++)
            {
                var fits = capacity == shortest || exact.Contains(capacity);
                Assert.True(fits == (Encode(raw, [capacity]).SizeIndex == 0), $"{raw}: capacity {capacity} fits {fits} by the exhaustive search");
            }
        }
    }

    [Fact]
    public void Every_end_of_data_rule_decodes_in_both_decoders()
    {
        // 16022 5.2.5.2: unlatch then pads; the last triple filling the symbol, or all but one codeword
        // (a pad, read as ASCII); the last character in that one ASCII codeword, the unlatch implied.
        var random = new Random(2006);
        var found = new Dictionary<string, List<string>>();
        for (var i = 0; i < 20_000 && found.Values.Sum(l => l.Count) < 16; i++)
        {
            var raw = RandomMessage(random, i % 2);
            var encoded = Encode(raw, Capacities);
            var kind = encoded.Ending switch
            {
                Ending.Ascii => null, // every other test has plenty
                Ending.Implied => encoded.Length == encoded.Codewords.Length ? "C40/Text to the end" : "C40/Text, one pad",
                var ending => ending.ToString(),
            };
            if (kind is null)
            {
                continue;
            }

            var list = found.TryGetValue(kind, out var known) ? known : found[kind] = [];
            if (list.Count < 4)
            {
                list.Add(raw);
            }
        }

        Assert.Equal(["C40/Text to the end", "C40/Text, one pad", "LastAscii", "Unlatch"], found.Keys.Order(StringComparer.Ordinal));
        foreach (var raw in found.Values.SelectMany(l => l))
        {
            AssertDecodes(DataMatrix.Gs1(raw), raw);
        }
    }

    private static void AssertDecodes(DataMatrix symbol, string raw)
    {
        var png = symbol.ToPng(symbol.Size > 60 ? 4 : 6);
        Assert.Equal(("DataMatrix", "]d2", raw), Decoders.Zxing(png));
        Assert.Equal(raw.Replace("\u001D", "", StringComparison.Ordinal), Decoders.Dmtx(png));
    }

    /// <summary>
    /// A GS1 message whose values are runs of digits, capitals, small letters, punctuation or any of
    /// set 82. Tiers: 0 a pack label, 1 with more attributes, 2 company-internal AIs 91-99 at up to 90
    /// characters, 3 up to the largest symbol: 91-99 repeated, beyond what one element string may hold,
    /// as the large-symbol tests do.
    /// </summary>
    private static string RandomMessage(Random random, int i)
    {
        string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + random.Next(10))));
        string Value(int max)
        {
            var length = random.Next(1, max + 1);
            var value = new System.Text.StringBuilder();
            while (value.Length < length)
            {
                var pool = random.Next(5) switch
                {
                    0 => "0123456789",
                    1 => "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    2 => "abcdefghijklmnopqrstuvwxyz",
                    3 => Punctuation,
                    _ => Set82,
                };
                for (var run = random.Next(1, 13); run > 0 && value.Length < length; run--)
                {
                    value.Append(pool[random.Next(pool.Length)]);
                }
            }

            return value.ToString();
        }

        var gtin = CheckDigit.Append(Digits(13));
        if (i % 4 == 3)
        {
            var target = random.Next(250, 1300);
            var raw = $"01{gtin}";
            for (var n = 0; ; n++)
            {
                var longer = $"{raw}\u001D9{1 + n % 9}{Value(90)}";
                if (AsciiAlone(longer) > target) return raw;
                raw = longer;
            }
        }

        var elements = new List<(string Ai, string Value)> { ("01", gtin) };
        if (random.Next(2) == 0) elements.Add(("17", $"{random.Next(100):00}{random.Next(1, 13):00}{random.Next(1, 29):00}"));
        elements.Add(("10", Value(20)));
        if (i % 4 >= 1 || random.Next(2) == 0) elements.Add(("21", Value(20)));
        if (i % 4 >= 1) elements.AddRange([("240", Value(30)), ("241", Value(30))]);
        if (i % 4 == 2) elements.AddRange(Enumerable.Range(1, random.Next(1, 10)).Select(n => ($"9{n}", Value(90))));

        // A literal '(' in a bracketed value is written "\(".
        var bracketed = string.Concat(elements.Select(e => $"({e.Ai}){e.Value.Replace("(", "\\(", StringComparison.Ordinal)}"));
        var parsed = ElementStringParser.Parse(bracketed);
        Assert.True(parsed.IsValid, bracketed);
        return parsed.Value!.Raw;
    }

    private static int AsciiOnlySide(string raw) => Sides[Array.FindIndex(Capacities, c => c >= AsciiAlone(raw))];

    /// <summary>ASCII alone, as the encoder had it: FNC1, then a codeword a character or a digit pair.</summary>
    private static int AsciiAlone(string raw) => 1 + AsciiCodewords(raw, 0);

    private static int AsciiCodewords(string raw, int from)
    {
        var codewords = 0;
        for (var i = from; i < raw.Length; i++, codewords++)
        {
            i += i + 1 < raw.Length && char.IsAsciiDigit(raw[i]) && char.IsAsciiDigit(raw[i + 1]) ? 1 : 0;
        }

        return codewords;
    }

    private static int Values(char c, bool text) =>
        c == ' ' || char.IsAsciiDigit(c) || (text ? char.IsAsciiLetterLower(c) : char.IsAsciiLetterUpper(c)) ? 1 : 2;

    /// <summary>
    /// Every character in C40 (or Text) but FNC1, which stays in ASCII as the encoder writes it (see
    /// DataMatrixEncodation): FNC1 first, then per value between separators a latch, its characters,
    /// an unlatch; a last triple left short goes back to the last character that completed one and
    /// writes the rest in ASCII (16022 5.2.5.2).
    /// </summary>
    private static int C40OrTextAlone(string raw, bool text)
    {
        var codewords = 1;
        foreach (var value in raw.Split('\u001D'))
        {
            var values = value.Sum(c => Values(c, text));
            var end = value.Length;
            while (values % 3 != 0)
            {
                values -= Values(value[--end], text);
            }

            codewords += (values > 0 ? 2 + values / 3 * 2 : 0) + AsciiCodewords(value, end) + 1;
        }

        return codewords - 1;
    }

    /// <summary>
    /// Over every assignment of ASCII, C40 or Text to each character (FNC1 in ASCII, as the encoder
    /// writes it): the fewest codewords of any with an ending that fits a larger symbol too, and the
    /// capacities the endings that must fill the symbol exactly fit.
    /// </summary>
    private static (int Shortest, HashSet<int> Exact) Exhaustive(string raw)
    {
        var (shortest, exact) = (int.MaxValue, new HashSet<int>());
        var modes = new int[raw.Length];
        var total = (int)Math.Pow(3, raw.Length);
        for (var assignment = 0; assignment < total; assignment++)
        {
            for (int i = 0, rest = assignment; i < raw.Length; i++, rest /= 3)
            {
                modes[i] = rest % 3;
            }

            Endings(raw, modes, ref shortest, exact);
        }

        return (shortest, exact);
    }

    /// <summary>One assignment (0 ASCII, 1 C40, 2 Text); nothing where a triple is left short or FNC1 is not in ASCII.</summary>
    private static void Endings(string raw, int[] modes, ref int shortest, HashSet<int> exact)
    {
        var (codewords, mode, values, asciiRun) = (1, 0, 0, -1);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\u001D' && modes[i] != 0) return;
            if (modes[i] != mode)
            {
                if (mode != 0)
                {
                    if (values % 3 != 0) return;
                    codewords += values / 3 * 2 + 1;
                    values = 0;
                }

                codewords += modes[i] != 0 ? 1 : 0;
                asciiRun = modes[i] == 0 ? 0 : -1; // ASCII codewords since a C40/Text segment ended
                mode = modes[i];
            }

            if (mode == 0)
            {
                var pair = i + 1 < raw.Length && modes[i + 1] == 0 && char.IsAsciiDigit(raw[i]) && char.IsAsciiDigit(raw[i + 1]);
                i += pair ? 1 : 0;
                codewords++;
                asciiRun += asciiRun >= 0 ? 1 : 0;
            }
            else
            {
                values += Values(raw[i], text: mode == 2);
            }
        }

        if (mode == 0)
        {
            shortest = Math.Min(shortest, codewords);
            if (asciiRun == 1) exact.Add(codewords - 1); // one ASCII codeword after the last triple, unlatch implied
        }
        else if (values % 3 == 0)
        {
            shortest = Math.Min(shortest, codewords + values / 3 * 2 + 1); // unlatch, pads
            exact.Add(codewords + values / 3 * 2); // the triple fills the symbol
        }
        else if (values % 3 == 2)
        {
            exact.Add(codewords + (values + 1) / 3 * 2); // Shift 1 completes the triple and fills the symbol
        }
    }
}
