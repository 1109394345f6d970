using CsCheck;
using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1.Tests;

/// <summary>
/// Whatever a scanner, a typist or an attacker sends, the parser answers with a link or with the
/// problems that stop it, never an exception: the resolver would answer 500.
/// </summary>
public sealed class DigitalLinkFuzzTests
{
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // Bit patterns that steer the decoder into each of its branches before the random rest.
    private static readonly string[] Openings =
    [
        "", "1111", "11110000", "1111111", "00000001", "00010000", "00100001", "0011000100000011", "10000000000000010000",
        "00001011", "00011010", "10011101", "11000000", "11001101", "10110000", "01001001",
    ];

    [Fact]
    public void Random_base64url_segments_are_a_link_or_problems_in_every_position()
    {
        Gen.String[Gen.Char[Base64Url], 0, 160].Sample(segment =>
        {
            AnswersCleanly("/" + segment);
            AnswersCleanly("https://id.gs1.org/" + segment + "?linkType=all");
            AnswersCleanly("/01/09506000134352/" + segment);
            AnswersCleanly("/01/09506000134352/10/L1/" + segment);
            _ = CompressedDigitalLink.Decode(segment);
        }, iter: 20_000, threads: 1);
    }

    [Fact]
    public void Random_bit_strings_behind_every_kind_of_opening_are_a_link_or_problems()
    {
        var bits = Gen.Select(Gen.Int[0, Openings.Length - 1], Gen.Bool.Array[0, 900], (opening, random) =>
            Openings[opening] + string.Concat(random.Select(b => b ? '1' : '0')));
        bits.Sample(bitString =>
        {
            var segment = ToBase64Url(bitString);
            AnswersCleanly("/" + segment);
            AnswersCleanly("/01/09506000134352/" + segment);
            _ = CompressedDigitalLink.Decode(segment);
        }, iter: 20_000, threads: 1);
    }

    [Fact]
    public void Random_paths_queries_encodings_and_unicode_are_a_link_or_problems()
    {
        var segment = Gen.OneOf(
            Gen.OneOf("01", "10", "21", "22", "235", "17", "99", "00", "414", "254", "8004", "3103", "7040", "8006", "", "gtin"),
            Gen.OneOf("09506000134352", "9506000134352", "96385074", "106141411234567897", "9501101020016", "ABC123", "01", "S/1"),
            Gen.OneOf("%", "%2", "%zz", "%2F", "%C3%A9", "%C3", "%FF%FE", "%00", "+", "%E2%82%AC", "%F0%9F%98%80"),
            Gen.String[Gen.Char["0123456789"], 1, 20],
            Gen.String[Gen.Char["ABCxyz019%+-._~!$&'()*,;=:@/?#[]\"<> "], 0, 12],
            Gen.String[0, 12]);
        var path = segment.Array[0, 12].Select(parts => "/" + string.Join('/', parts));
        var pair = Gen.Select(segment, segment, (key, value) => key + "=" + value);
        var query = Gen.OneOf(Gen.Const(""), pair.Array[0, 6].Select(pairs => "?" + string.Join('&', pairs)));
        var start = Gen.OneOf("", "https://id.gs1.org", "HTTP://example.vn/prefix", "ftp://x", "https://", "https://a_b", " ", "x");
        Gen.Select(start, path, query, Gen.OneOf("", "/", "#frag", "//"), (s, p, q, end) => s + p + end + q).Sample(uri =>
        {
            AnswersCleanly(uri);
            _ = ElementStringParser.Parse(uri);
        }, iter: 30_000, threads: 1);
    }

    [Fact]
    public void Every_valid_link_reads_back_the_same_from_its_own_uri()
    {
        const string set82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
        var gtin = Gen.String[Gen.Char["0123456789"], 13, 13].Select(CheckDigit.Append);
        var text = Gen.String[Gen.Char[set82], 1, 20];
        var date = Gen.Select(Gen.Int[0, 99], Gen.Int[1, 12], Gen.Int[1, 28], (y, m, d) => $"{y:00}{m:00}{d:00}");
        Gen.Select(gtin, text.Null(), text.Null(), date.Null(), (g, lot, serial, expiry) => (g, lot, serial, expiry)).Sample(sample =>
        {
            var elements = new List<AiValue> { new("01", sample.g, 0) };
            if (sample.lot is not null) elements.Add(new("10", sample.lot, 0));
            if (sample.serial is not null) elements.Add(new("21", sample.serial, 0));
            if (sample.expiry is not null) elements.Add(new("17", sample.expiry, 0));
            var uri = DigitalLinkUri.FromElements(elements).Value!.ToUri("https://truyxuat.example.vn");
            var parsed = DigitalLinkUri.Parse(uri);
            Assert.True(parsed.IsValid, uri + ": " + string.Join("; ", parsed.Problems));
            Assert.Equal(uri, parsed.Value!.ToUri(parsed.Value.Stem));
            Assert.Equal(elements.Select(e => (e.Ai, e.Value)).OrderBy(e => e.Ai), parsed.Value.Elements.Select(e => (e.Ai, e.Value)).OrderBy(e => e.Ai));
        }, iter: 5_000, threads: 1);
    }

    private static void AnswersCleanly(string uri)
    {
        var parsed = DigitalLinkUri.Parse(uri);
        Assert.True(parsed.IsValid == (parsed.Value is not null), uri);
        Assert.True(parsed.IsValid || parsed.Problems.Count > 0, uri);
        Assert.All(parsed.Problems, p => Assert.False(string.IsNullOrEmpty(p.English) || string.IsNullOrEmpty(p.Vietnamese)));
        var gtin = DigitalLink.Parse(uri);
        Assert.True(gtin.IsValid == (gtin.Value is not null) && (gtin.IsValid || gtin.Problems.Count > 0), uri);
    }

    private static string ToBase64Url(string bits)
    {
        var padded = bits.PadRight((bits.Length + 5) / 6 * 6, '0');
        return string.Concat(Enumerable.Range(0, padded.Length / 6).Select(i => Base64Url[Convert.ToInt32(padded.Substring(i * 6, 6), 2)]));
    }
}
