using System.Globalization;
using System.Text;
using CsCheck;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

/// <summary>A generator from a function of the random source, for choices that depend on earlier ones.</summary>
public sealed class GenFn<T>(Func<PCG, T> generate) : Gen<T>
{
    public override T Generate(PCG pcg, Size? min, out Size size)
    {
        size = new Size(0);
        return generate(pcg);
    }
}

/// <summary>The odd values the fuzzer draws from: text, numbers, dates and encodings that break things.</summary>
public static class Vocabulary
{
    public static Gen<T> Pick<T>(IReadOnlyList<T> items) => Gen.Int[0, items.Count - 1].Select(i => items[i]);

    public static Gen<T> Weighted<T>(params (int Weight, Gen<T> Gen)[] options) =>
        Gen.Frequency([.. options.Where(o => o.Weight > 0).Select(o => (o.Weight, (IGen<T>)o.Gen))]);

    public static Gen<T> Fn<T>(Func<PCG, T> generate) => new GenFn<T>(generate);

    public static T Draw<T>(this Gen<T> gen, PCG pcg) => gen.Generate(pcg, null, out _);

    public static readonly string[] Specials =
    [
        "\uFFFE", "\uFFFF", "\u202E", "\u200F", "\u200B", "\u0000", "\u001F", "\u007F", "\u0085", "\u2028", "\uFEFF", "😀", "👨‍👩‍👧", "𝕏",
        "\uD800", "\uDFFF", "e\u0301", "Ⅻ", "１２３", "٣", "ǅ", "\t", "\r\n", "İ", "ß", "中文", "\u00A0", "\u3000", "\uFDD0", "\U0010FFFF", "\U000E0001",
    ];

    public static readonly string[] IntegerEdges =
    [
        "2147483647", "-2147483648", "2147483648", "0", "-1", "1e9", "NaN", "99999999999", "1.5", "", "2147483646", "1073741824", "107374183", "21474837", "%00", "1%00",
    ];

    public static readonly string[] NumberTokens =
    [
        "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "79228162514264337593543950335", "79228162514264337593543950336", "1e308", "1.7976931348623157e308",
        "1e309", "-1e309", "1e-400", "4.9e-324", "1e28", "1e29", "0.1", "0.0000001", "1.5", "123456789012345678901234567890", "1E+2", "1e9", "1000000000",
        "-1e9", "999999999999", "3.4028235e38", "NaN", "Infinity", "-Infinity", "0x10", "01", "+1", ".5", "5.", "1_000", "١٢", "1,5", " 1", "1 ",
    ];

    public static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "2026-02-30", "2026-02-29", "2028-02-29", "2026-13-01", "2026-00-10", "2026-11-01", "2026-11-01T00:00:00",
        "2026-11-01T25:61:00Z", "20261101", "2026-1-1", "-0001-01-01", "10000-01-01", "0000-00-00", "2026-11-01Z", "2026-11-01+07:00", "１９９９-01-01",
        "1970-01-01", "2038-01-19", "2099-12-31", "01/11/2026", "0001-01-01T00:00:00-14:00", "9999-12-31T23:59:59+14:00",
    ];

    public static readonly string[] Nasty =
    [
        "'; DROP TABLE lots;--", "<script>alert(1)</script>", "../../etc/passwd", "..\\..\\windows", "${jndi:ldap://x}", "{{7*7}}", "\\", "\"", "null",
        "undefined", "%s%n%x", "' OR '1'='1", "\u0000\u0000", "🙂🙃", "true", "[]", "{}", "=cmd|' /C calc'!A0", "\\u0000",
    ];

    public static readonly string[] Vietnamese = ["Chè Shan tuyết", "Sơn La", "Phường Mộc Châu", "Đồi chè Tân Lập", "Hợp tác xã", "ư", "Ỹ", "Ð", "Tiếng Việt"];

    /// <summary>Percent-encodings that are broken, decode to controls or separators, or are not UTF-8.</summary>
    public static readonly string[] BrokenEncodings =
    [
        "%", "%%", "%G1", "%1", "%e2%82", "%C3%28", "%FF", "%FE", "%ED%A0%80", "%ED%BF%BF", "%C0%AF", "%C0%80", "%F4%90%80%80", "%EF%BF%BE", "%EF%BF%BF",
        "%E2%80%AE", "%F0%9F%98%80", "%00", "%2F", "%2f", "%25", "%252F", "%5C", "%2E%2E", "%3F", "%23", "%26", "%3D", "%0A", "%0D%0A", "%20", "+", "%u0041",
        "%C2%85", "%E2%80%A8", "%EF%BB%BF", "%7F", "%1F",
    ];

    public static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    public static readonly Gen<string> Ascii = Gen.String[Gen.Char['\x20', '\x7e'], 0, 24];

    public static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"], 1, 12];

    private static readonly string[] Units = ["a", "ế", "😀", "\u0000", "9", "\uFFFE", " "];

    /// <summary>Bodies may be large; a request line or header over Kestrel's limits (8 and 32 KiB) is only ever a 414 or 431, so text for those stays shorter.</summary>
    public static readonly Gen<string> Huge =
        from n in Pick([1_000, 10_000, 70_000, 300_000]) from unit in Pick(Units) select string.Concat(Enumerable.Repeat(unit, n / unit.Length));

    public static readonly Gen<string> Long =
        from n in Pick([300, 1_000, 3_000, 9_000]) from unit in Pick(Units) select string.Concat(Enumerable.Repeat(unit, n / unit.Length));

    /// <summary>Characters that break storage, encoders and renderers more often than others.</summary>
    public static readonly Gen<string> HostileText = Weighted(
        (10, Pick(["\uFFFE", "\uFFFF", "\u0000", "\uD800", "\uDFFF", "\u202E", "😀", "\u0085", "\u2028", "\uFDD0", "\U0010FFFF", "\u001B", "\r\n"])),
        (2, Pick(Specials)));

    public static readonly Gen<string> Text = Weighted(
        (20, Ascii),
        (15, Pick(Specials)),
        (15, from a in Ascii from s in Pick(Specials) from b in Word select a + s + b),
        (8, Gen.String[Gen.Char['\u0000', '\uFFFF'], 0, 24]),
        (8, Pick(Vietnamese)),
        (5, Gen.String[Gen.Char['\u0000', '\u001f'], 1, 8]),
        (4, Long),
        (5, Pick(NumberTokens)),
        (5, Pick(Dates)),
        (5, Pick(["", " ", "\t", "  \n ", "\u3000"])),
        (10, Pick(Nasty)));

    public static string Gtin(PCG pcg, int length = 13)
    {
        var digits = new StringBuilder(length == 13 ? "893" : "0893");
        while (digits.Length < length - 1)
        {
            digits.Append((char)('0' + pcg.Next(10)));
        }

        return NangSuat.Trace.Gs1.CheckDigit.Append(digits.ToString());
    }

    private static readonly int[] TaxWeights = [31, 29, 23, 19, 17, 13, 7, 5, 3];

    public static string TaxCode(PCG pcg)
    {
        while (true)
        {
            var digits = string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + pcg.Next(10))));
            var check = 10 - digits.Select((c, i) => (c - '0') * TaxWeights[i]).Sum() % 11;
            if (check < 10)
            {
                return digits + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>
    /// Percent-encodes UTF-8: unreserved characters kept (mode 0), every byte (mode 1), or only what
    /// would break the request line (mode 2, which sends other non-ASCII characters as raw UTF-8).
    /// </summary>
    public static string Encode(string text, int mode = 0)
    {
        var encoded = new StringBuilder();
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var unreserved = rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '.' or '_' or '~');
            var harmless = rune.Value > 0x20 && rune.Value != 0x7F && !Rune.IsControl(rune) && !Rune.IsWhiteSpace(rune)
                && rune.Value is not ('?' or '#' or '/' or '&' or '=' or '%');
            if ((mode == 0 && unreserved) || (mode == 2 && harmless))
            {
                encoded.Append(rune.ToString());
                continue;
            }

            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    /// <summary>A path segment or query value that is garbage in one of many ways.</summary>
    public static readonly Gen<string> Garbage = Weighted(
        (30, Text.Select(t => Encode(t))),
        (8, Text.Select(t => Encode(t, 1))),
        (5, Text.Select(t => Encode(t, 2))),
        (20, Pick(BrokenEncodings)),
        (5, Gen.Const("%00")),
        (15, from a in Word from broken in Pick(BrokenEncodings) from b in Word select a + broken + b),
        (4, from n in Pick([256, 256, 2_000, 2_000, 9_000]) select new string('a', n)),
        (5, Pick([".", "..", "%2e", "%2E%2E", "..%2F..", "%2e%2e%2f"])),
        (5, Gen.Const("")));

    public static readonly Gen<J> OddJson = Weighted<J>(
        (35, Text.Select(t => (J)new JString(t))),
        (15, Pick(NumberTokens).Select(t => (J)new JRaw(t))),
        (10, Pick(Dates).Select(t => (J)new JString(t))),
        (8, Pick(["null", "true", "false"]).Select(t => (J)new JRaw(t))),
        (5, Pick(["[]", "{}", "[1,\"a\"]", "{\"a\":1}", "[null]", "{\"\":null}"]).Select(t => (J)new JRaw(t))),
        (4, Pick([63, 64, 65, 300, 5_000]).Select(n => (J)new JRaw(new string('[', n) + new string(']', n)))),
        (7, Pick(["00000000-0000-0000-0000-000000000000", "not-a-guid", "ffffffff-ffff-ffff-ffff-ffffffffffff", "{0}", "0"]).Select(t => (J)new JString(t))),
        (5, Pick(InvalidUtf8).Select(bytes => (J)new JBytes([(byte)'"', (byte)'a', .. bytes, (byte)'b', (byte)'"']))),
        (6, Pick(["\"unterminated", "\"a\u0001b\"", "tru", "1e", "--1", "'single'", "\"\\x41\"", "\"\\u12\"", "\"\\ud800\\u0041\"", "\"\\udc00\"",
            "\"\\ud83d\\ude00\"", "\"\\uFFFE\"", ",", "", "}", "]", "\"\\u0000\""]).Select(t => (J)new JRaw(t))),
        (5, Huge.Select(t => (J)new JString(t))));
}
