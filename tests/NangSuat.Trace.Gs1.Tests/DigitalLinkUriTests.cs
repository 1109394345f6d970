using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1.Tests;

/// <summary>
/// The one Digital Link model. Compressed forms come from GS1's own GS1DigitalLinkToolkit.js
/// (compressGS1DigitalLink and gs1ElementStringsToCompressedGS1DigitalLink), an independent oracle.
/// </summary>
public sealed class DigitalLinkUriTests
{
    private const string Lot = "https://id.gs1.org/01/08936099000121/10/MC2611A?17=281231";

    [Theory]
    [InlineData("https://id.gs1.org/01/08936099000121/10/MC2611A?17=281231", DigitalLinkCompression.None)]
    [InlineData("https://id.gs1.org/CxBBMgNecs5gW3WuoAuiVHg", DigitalLinkCompression.Full)]
    [InlineData("https://id.gs1.org/01/08936099000121/EGcwLbrXUAXRKjw", DigitalLinkCompression.Partial)]
    public void Every_form_of_a_link_reads_as_the_same_link_and_says_how_it_came(string uri, DigitalLinkCompression compression)
    {
        var link = Parse(uri);
        Assert.Equal(compression, link.Compression);
        Assert.Equal(compression != DigitalLinkCompression.None, link.IsCompressed);
        Assert.Equal(("01", "08936099000121"), (link.PrimaryKey.Ai, link.PrimaryKey.Value));
        Assert.Equal(["10:MC2611A"], link.KeyQualifiers.Select(q => $"{q.Ai}:{q.Value}"));
        Assert.Equal(["17:281231"], link.Attributes.Select(a => $"{a.Ai}:{a.Value}"));
        Assert.Equal("https://id.gs1.org", link.Stem);
        Assert.Equal(Lot, link.ToUri(link.Stem)); // what a resolver gives as owl:sameAs
    }

    [Theory]
    [InlineData("https://id.gs1.org/HxFKk4XBoMReqD4qQsSXpExK7GIGAJxA", "https://id.gs1.org/01/09506000134352/22/V2/10/L1/21/S9?15=270101&3103=001250")]
    [InlineData("https://id.gs1.org/nUKhikJcBTcA", "https://id.gs1.org/414/9501101020016/254/A1")]
    [InlineData("https://id.gs1.org/01/09506000134352/IWJLU", "https://id.gs1.org/01/09506000134352/21/S1")]
    [InlineData("https://id.gs1.org/GhFKk4XBoMReqJUexJeg", "https://id.gs1.org/01/09506000134352/10/L1/21/S9?17=281231")]
    public void A_compressed_link_writes_out_with_its_qualifiers_in_the_dictionary_order(string compressed, string uncompressed)
    {
        var link = Parse(compressed);
        Assert.Equal(uncompressed, link.ToUri(link.Stem));
        Assert.Equal(Parse(uncompressed).ToElementString().Bracketed, link.ToElementString().Bracketed);
    }

    [Fact]
    public void Query_pairs_that_were_compressed_come_back_as_parameters_before_those_of_the_query_string()
    {
        var link = Parse("https://id.gs1.org/CxBBMgNecs5gW3WuoAuiVH-IlinkTypegfPzYuuGnh4SVqeBgr4g?context=dpp");
        Assert.Equal([new("linkType", "gs1:pip"), new("lang", "vi"), new("context", "dpp")], link.Parameters);
    }

    [Fact]
    public void Other_query_parameters_are_kept_in_order_to_pass_on()
    {
        var link = Parse("/01/09506000134352?linkType=gs1%3Apip&17=270101&lang=vi&context=a+b&utm={label}");
        Assert.Equal([new("linkType", "gs1:pip"), new("lang", "vi"), new("context", "a b"), new("utm", "{label}")], link.Parameters);
        Assert.Equal(["17"], link.Attributes.Select(a => a.Ai));
    }

    [Theory]
    [InlineData("/01/09506000134352/10/L1", "", 5)]
    [InlineData("/resolver/v2/01/09506000134352/10/L1/", "/resolver/v2", 17)]
    [InlineData("  https://example.vn/shop/10/x/01/09506000134352/10/L1#top", "https://example.vn/shop/10/x", 35)]
    public void What_comes_before_the_primary_key_is_the_resolver_stem(string uri, string stem, int keyPosition)
    {
        var link = Parse(uri);
        Assert.Equal((stem, keyPosition, "L1"), (link.Stem, link.PrimaryKey.Position, link.KeyQualifiers[0].Value));
    }

    [Fact]
    public void A_lot_value_that_looks_like_an_ai_is_read_as_a_value()
    {
        var link = Parse("/01/09506000134352/10/01/21/00");
        Assert.Equal(["10:01", "21:00"], link.KeyQualifiers.Select(q => $"{q.Ai}:{q.Value}"));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("21")]
    [InlineData("22")]
    public void A_key_qualifier_in_the_query_string_is_refused_naming_it_in_both_languages(string ai)
    {
        var uri = $"/01/09520123456788?{ai}=ABC123";
        var problem = Assert.Single(DigitalLinkUri.Parse(uri).Problems);
        Assert.Equal((ai, Gs1Rule.QualifierInQuery), (problem.Part, problem.Rule));
        Assert.StartsWith($"AI {ai} is a key qualifier of AI 01 and belongs in the path (/01/…/{ai}/…), not in the query string", problem.English, StringComparison.Ordinal);
        Assert.StartsWith($"AI {ai} là định danh phụ của AI 01 và phải nằm trong đường dẫn (/01/…/{ai}/…), không nằm trong chuỗi truy vấn", problem.Vietnamese, StringComparison.Ordinal);
        Assert.Equal(problem, Assert.Single(DigitalLink.Parse(uri).Problems));
        Assert.Equal(problem, Assert.Single(ElementStringParser.Parse(uri).Problems));
    }

    [Fact]
    public void A_key_qualifier_that_could_not_go_in_this_path_may_stay_a_data_attribute()
    {
        // With 235 in the path no GTIN sequence can take 10 as well, so GS1's engine reads it as an attribute.
        var link = Parse("/01/09520123456788/235/TPX1?10=ABC123");
        Assert.Equal(["235"], link.KeyQualifiers.Select(q => q.Ai));
        Assert.Equal(["10"], link.Attributes.Select(a => a.Ai));
    }

    [Theory]
    [InlineData("/01/09506000134352?17=270101&17=270101", "17", Gs1Rule.RepeatedElement, "AI 17 appears more than once in the link")]
    [InlineData("/01/09506000134352/10/L1?10=L1", "10", Gs1Rule.RepeatedElement, "AI 10 appears more than once in the link")]
    [InlineData("/01/09506000134352?12345=1", "12345", Gs1Rule.UnknownAi, "'12345' in the query string is not a GS1 Application Identifier")]
    [InlineData("/01/09506000134352?17=", "17", Gs1Rule.MissingValue, "AI 17 in the query string has no value")]
    [InlineData("/01/09506000134352?17=281331", "17", Gs1Rule.InvalidContent, "month 13 is not a month")]
    [InlineData("/01/09506000134352?7040=1A2B", "7040", Gs1Rule.InvalidPairing, "AI 7040 is not allowed as a Digital Link data attribute")]
    [InlineData("/01/09506000134352/10/A\"B", "10", Gs1Rule.PercentEncoding, "position 24: character '\"' must be percent-encoded in a URI")]
    [InlineData("/01/09506000134352/10/A B", "10", Gs1Rule.PercentEncoding, "position 24: character 'U+0020' must be percent-encoded in a URI")]
    [InlineData("https:///01/09506000134352", "uri", Gs1Rule.NotAUri, "a GS1 Digital Link needs a host name after https://")]
    [InlineData("https://id_gs1.org/01/09506000134352", "uri", Gs1Rule.NotAUri, "the host name 'id_gs1.org' contains '_', which a domain name may not")]
    [InlineData("/01/09506000134352/235/T/10/L", "235", Gs1Rule.QualifierOrder, "AI 235 cannot be used together with AI 10 in the path: the key qualifiers of a GTIN are 22, 10 and 21 (or 235 on its own)")]
    [InlineData("/00/106141411234567897/10/L", "10", Gs1Rule.UnknownPathElement, "'10' cannot follow /00/: AI 00 has no key qualifiers")]
    [InlineData("/414/9501101020016/10/L", "10", Gs1Rule.UnknownPathElement, "'10' is not a key qualifier of AI 414; only 254 may follow /414/ (or 7040 on its own)")]
    [InlineData("/00/106141411234567898", "00", Gs1Rule.CheckDigit, "check digit should be 7, not 8")]
    public void Rules_of_the_standard_a_link_must_keep_are_enforced_with_a_reason(string uri, string part, Gs1Rule rule, string message)
    {
        var problems = DigitalLinkUri.Parse(uri).Problems;
        Assert.Contains(problems, p => p.Part == part && p.Rule == rule && p.English.Contains(message, StringComparison.Ordinal) && p.Vietnamese.Length > 0);
    }

    [Fact]
    public void A_raw_character_is_reported_with_what_else_is_wrong_with_the_value()
    {
        var problems = DigitalLinkUri.Parse("/01/09506000134352/10/Lô").Problems;
        Assert.Equal([Gs1Rule.PercentEncoding, Gs1Rule.CharacterSet], problems.Select(p => p.Rule));
    }

    [Fact]
    public void Parameters_that_are_not_ais_are_passed_on_as_they_came_but_must_decode()
    {
        Assert.Equal("{label}", Parse("/01/09506000134352?utm={label}").Parameters[0].Value);
        var problem = Assert.Single(DigitalLinkUri.Parse("/01/09506000134352?lang=%zz").Problems);
        Assert.Equal(("query", Gs1Rule.PercentEncoding, "the query parameter 'lang' has a malformed percent-encoding"), (problem.Part, problem.Rule, problem.English));
    }

    [Theory]
    [InlineData("/01/9506000134352", "09506000134352")]
    [InlineData("/01/614141123452", "00614141123452")]
    [InlineData("/01/96385074", "00000096385074")]
    [InlineData("/00/106141411234567897?01=9506000134352", "106141411234567897")]
    public void A_gtin_without_its_leading_zeros_is_read_as_fourteen_digits(string uri, string key)
    {
        var link = Parse(uri);
        Assert.Equal(key, link.PrimaryKey.Value);
        Assert.All(link.Elements.Where(e => e.Ai == "01"), e => Assert.Equal(14, e.Value.Length));
    }

    [Fact]
    public void The_gtin_view_of_a_compressed_link_tells_that_it_was_compressed()
    {
        var link = DigitalLink.Parse("/AQnYUc1gmiCNV4JGQhcNT6K6c?linkType=gs1:pip").Value!;
        Assert.Equal(("05412345000013", "ABC123", "72292641703", DigitalLinkCompression.Full), (link.Gtin, link.Lot, link.Serial, link.Compression));
        Assert.Equal([new("linkType", "gs1:pip")], link.Parameters);
        Assert.Equal("https://r.example/01/05412345000013/10/ABC123/21/72292641703", link.ToUri("https://r.example"));
        Assert.Equal(DigitalLinkCompression.None, DigitalLink.Parse("/01/05412345000013").Value!.Compression);
    }

    [Theory]
    [InlineData("/00/106141411234567897", "00", Gs1Rule.MissingPrimaryKey, "this link is for AI 00 (SSCC), not a trade item")]
    [InlineData("/01/09506000134352/235/TPX1", "235", Gs1Rule.UnknownPathElement, "AI 235 (TPX) is a key qualifier of a GTIN that this portal does not resolve")]
    public void The_gtin_view_refuses_what_it_cannot_carry_saying_why(string uri, string part, Gs1Rule rule, string message)
    {
        Assert.True(DigitalLinkUri.Parse(uri).IsValid);
        var problem = Assert.Single(DigitalLink.Parse(uri).Problems);
        Assert.Equal((part, rule), (problem.Part, problem.Rule));
        Assert.Contains(message, problem.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/01/08934563123459", "01", "check digit should be 1, not 9", "số kiểm tra phải là 1, không phải 9")]
    [InlineData("/01/0893456312345X", "01", "only digits are allowed; found 'X' at position 14", "chỉ được dùng chữ số; có ký tự 'X' ở vị trí 14")]
    [InlineData("/01/08934563123451/21/S1/10/L1", "10", "AI 10 must come before AI 21: key qualifiers go in the order 22, 10, 21", "AI 10 phải đứng trước AI 21: thứ tự định danh phụ là 22, 10, 21")]
    [InlineData("/01/08934563123451/99/X", "99", "'99' is not a key qualifier of a GTIN; only 22, 10 and 21 may follow /01/", "'99' không phải là định danh phụ của GTIN; sau /01/ chỉ được có 22, 10 và 21")]
    [InlineData("/01/", "01", "AI 01 in the path has no value after it", "AI 01 trong đường dẫn không có giá trị đi kèm")]
    public void The_resolver_words_a_broken_link_as_it_always_has(string uri, string part, string english, string vietnamese)
    {
        var problem = Assert.Single(DigitalLink.Parse(uri).Problems);
        Assert.Equal(part, problem.Part);
        Assert.StartsWith(english, problem.English, StringComparison.Ordinal);
        Assert.StartsWith(vietnamese, problem.Vietnamese, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/AQnYUc1gmiCNV4JGgiktXXi5g-Q2Hif7pSJvGuOYsRJmh0")] // once an OverflowException: a 6 * keyLength-bit read cast to ulong
    [InlineData("/AQnYUc1g")]
    [InlineData("/01/09506000134352/_w__")]
    [InlineData("/____________________________________________________________")]
    public void Damaged_compressed_data_is_refused_with_a_reason_not_an_exception(string uri)
    {
        var problem = Assert.Single(DigitalLinkUri.Parse(uri).Problems);
        Assert.Equal(("path", Gs1Rule.NotAUri), (problem.Part, problem.Rule));
        Assert.StartsWith("not a compressed GS1 Digital Link: ", problem.English, StringComparison.Ordinal);
        Assert.False(DigitalLink.Parse(uri).IsValid);
        Assert.False(CompressedDigitalLink.Decode(uri[(uri.LastIndexOf('/') + 1)..]).IsValid);
    }

    [Fact]
    public void An_element_string_arranges_as_a_link_and_reads_back_the_same()
    {
        var message = ElementStringParser.Parse("(17)281231(21)S/1(01)09506000134352(10)ABC").Value!;
        var link = DigitalLinkUri.FromElements(message.Elements).Value!;
        Assert.Equal("https://x.example/01/09506000134352/10/ABC/21/S%2F1?17=281231", link.ToUri("https://x.example/"));
        Assert.Equal(link.Path, Parse(link.ToUri("https://x.example")).Path);
    }

    private static DigitalLinkUri Parse(string uri)
    {
        var parsed = DigitalLinkUri.Parse(uri);
        Assert.True(parsed.IsValid, uri + ": " + string.Join("; ", parsed.Problems));
        return parsed.Value!;
    }
}
