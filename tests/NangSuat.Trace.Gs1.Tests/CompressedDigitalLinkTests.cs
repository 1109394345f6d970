using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1.Tests;

/// <summary>Vectors from GS1's Digital Link compression test suite: compressed URI and the element string it carries.</summary>
public sealed class CompressedDigitalLinkTests
{
    [Theory]
    [InlineData("https://id.gs1.org/AN2yxDhfaiaw", "(00)998440410914660971")]
    [InlineData("https://id.gs1.org/AQnYUc1gmg", "(01)05412345000013")]
    [InlineData("https://id.gs1.org/AQnYUc1gmiCNV4JG", "(01)05412345000013(10)ABC123")]
    [InlineData("https://id.gs1.org/AQnYUc1gmiCNV4JGQhcNT6K6c", "(01)05412345000013(10)ABC123(21)72292641703")]
    [InlineData("https://id.gs1.org/AQnYUc1gmiCNV4JGQhcNT6K6cibQCWN9Pee9tT-PQ", "(01)05412345000013(10)ABC123(21)72292641703(22)AJY3095721P49")]
    [InlineData("https://id.gs1.org/AQnYUc1gmkax7ipGrOHDPC5YNI8hMz", "(01)05412345000013(235)8TFV883a904GH&3")]
    [InlineData("https://id.gs1.org/QVSaVjC_dA", "(415)5060917510004")]
    [InlineData("https://id.gs1.org/gBe1ajAd9ATDmAGXPRfk", "(8017)817019610850151481(8019)4003812")]
    [InlineData("https://id.gs1.org/gBhbV6rzBENPk", "(8018)411369833821910265")]
    [InlineData("https://id.gs1.org/gBCVYNWjFkzaNWbdk5YQWjFHHkM2cAI0xdvpGo", "(8010)0541234537290A41#GH33(8011)6639047221")]
    [InlineData("https://id.gs1.org/EEarwSOABgwEj9s0bAmQ", "(10)ABC123(8006)054123450000130201")]
    public void Gs1_test_vectors_decompress_to_their_element_strings(string uri, string expected)
    {
        var decoded = CompressedDigitalLink.Decode(uri[(uri.LastIndexOf('/') + 1)..]);
        Assert.True(decoded.IsValid, string.Join("; ", decoded.Problems));
        Assert.Equal(expected, string.Concat(decoded.Value!.OrderBy(v => v.Ai == "01" || v.Ai == "00" ? "" : v.Ai, StringComparer.Ordinal).Select(v => $"({v.Ai}){v.Value}")));
    }

    [Fact]
    public void A_compressed_link_parses_like_its_uncompressed_form_and_converts_to_it()
    {
        var compressed = ElementStringParser.Parse("https://id.gs1.org/AQnYUc1gmiCNV4JGQhcNT6K6c");
        Assert.True(compressed.IsValid, string.Join("; ", compressed.Problems));
        Assert.Equal("https://id.gs1.org/01/05412345000013/10/ABC123/21/72292641703", compressed.Value!.ToDigitalLink("https://id.gs1.org").Value);
    }

    [Fact]
    public void A_partially_compressed_link_keeps_its_primary_key_in_the_path()
    {
        var parsed = ElementStringParser.Parse("https://id.gs1.org/01/05412345000013/EEarwSM");
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
        Assert.Equal("(01)05412345000013(10)ABC123", parsed.Value!.Bracketed);
    }

    [Theory]
    [InlineData("https://id.gs1.org/AQnYUc1g")] // cut off in the middle of the GTIN
    [InlineData("https://id.gs1.org/_____________")]
    public void Damaged_compressed_links_are_refused_with_a_reason(string uri)
    {
        var parsed = ElementStringParser.Parse(uri);
        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Problems, p => p.English.Contains("compressed", StringComparison.Ordinal) || p.Rule is Gs1Rule.CheckDigit or Gs1Rule.MissingPrimaryKey);
    }
}
