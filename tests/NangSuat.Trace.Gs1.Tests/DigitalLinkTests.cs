namespace NangSuat.Trace.Gs1.Tests;

public sealed class DigitalLinkTests
{
    private const string Base = "https://truyxuat.sonla.gov.vn";

    [Fact]
    public void Builds_gtin_lot_and_serial_in_key_qualifier_order()
    {
        var link = new DigitalLink("09506000134352", Lot: "ABC1", Serial: "12345");
        Assert.Equal("https://truyxuat.sonla.gov.vn/01/09506000134352/10/ABC1/21/12345", link.ToUri(Base + "/"));
    }

    [Fact]
    public void Percent_encodes_every_character_outside_the_unreserved_set()
    {
        var link = new DigitalLink("09506000134352", Lot: "A/B%C&D\"E+F?");
        Assert.Equal("/01/09506000134352/10/A%2FB%25C%26D%22E%2BF%3F", link.Path);
        Assert.Equal("A/B%C&D\"E+F?", DigitalLink.Parse(link.ToUri(Base)).Value!.Lot);
    }

    [Theory]
    [InlineData("https://id.gs1.org/01/9506000134352", "09506000134352", null, null)]
    [InlineData("https://example.vn/01/96385074/10/L1/", "00000096385074", "L1", null)]
    [InlineData("/01/09506000134352/22/V2/10/L%2F1/21/S9", "09506000134352", "L/1", "S9")]
    [InlineData("https://example.vn/some/prefix/01/09506000134352/10/L1?17=270101&linkType=gs1:pip", "09506000134352", "L1", null)]
    public void Parses_what_it_should(string uri, string gtin, string? lot, string? serial)
    {
        var result = DigitalLink.Parse(uri);
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal((gtin, lot, serial), (result.Value!.Gtin, result.Value.Lot, result.Value.Serial));
    }

    [Fact]
    public void Query_separates_ai_data_attributes_from_other_parameters()
    {
        var link = DigitalLink.Parse("/01/09506000134352/10/L1?17=270101&linkType=gs1%3Acertificationinfo&lang=en").Value!;
        Assert.Equal([new("17", "270101")], link.Attributes);
        Assert.Equal([new("linkType", "gs1:certificationinfo"), new("lang", "en")], link.Parameters);
    }

    [Theory]
    [InlineData("/01/09506000134353", "01", Gs1Rule.CheckDigit)]
    [InlineData("/01/0950600013435X", "01", Gs1Rule.DigitsOnly)]
    [InlineData("/01/09506000134352/21/S1/10/L1", "10", Gs1Rule.QualifierOrder)]
    [InlineData("/01/09506000134352/10/L1/10/L2", "10", Gs1Rule.RepeatedElement)]
    [InlineData("/01/09506000134352/17/270101", "17", Gs1Rule.UnknownPathElement)]
    [InlineData("/01/09506000134352/10", "10", Gs1Rule.MissingValue)]
    [InlineData("/01/09506000134352/10/L%G1", "10", Gs1Rule.PercentEncoding)]
    [InlineData("/01/09506000134352/10/L%20space", "10", Gs1Rule.CharacterSet)]
    [InlineData("/gtin/09506000134352", "path", Gs1Rule.MissingPrimaryKey)]
    [InlineData("ftp://x/01/09506000134352", "uri", Gs1Rule.NotAUri)]
    public void Every_rejection_names_the_part_and_the_rule(string uri, string part, Gs1Rule rule)
    {
        var problems = DigitalLink.Parse(uri).Problems;
        Assert.Contains(problems, p => p.Part == part && p.Rule == rule);
    }

    [Fact]
    public void Random_valid_links_survive_a_round_trip()
    {
        const string set82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
        var random = new Random(2024);
        string Text() => string.Concat(Enumerable.Range(0, random.Next(1, 21)).Select(_ => set82[random.Next(set82.Length)]));
        for (var i = 0; i < 3000; i++)
        {
            var gtin = CheckDigit.Append(string.Concat(Enumerable.Range(0, 13).Select(_ => (char)('0' + random.Next(10)))));
            var built = DigitalLink.Create(gtin, random.Next(4) == 0 ? null : Text(), random.Next(2) == 0 ? null : Text());
            Assert.True(built.IsValid, string.Join("; ", built.Problems));
            var uri = built.Value!.ToUri(Base);
            Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Absolute), uri);
            var parsed = DigitalLink.Parse(uri);
            Assert.True(parsed.IsValid, uri + ": " + string.Join("; ", parsed.Problems));
            Assert.Equal(built.Value with { }, parsed.Value! with { Attributes = [], Parameters = [] }, new LinkComparer());
        }
    }

    private sealed class LinkComparer : IEqualityComparer<DigitalLink>
    {
        public bool Equals(DigitalLink? x, DigitalLink? y) =>
            (x!.Gtin, x.ConsumerProductVariant, x.Lot, x.Serial) == (y!.Gtin, y.ConsumerProductVariant, y.Lot, y.Serial);

        public int GetHashCode(DigitalLink obj) => obj.Gtin.GetHashCode(StringComparison.Ordinal);
    }
}
