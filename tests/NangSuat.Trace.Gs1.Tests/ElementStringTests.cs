using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1.Tests;

public sealed class ElementStringTests
{
    private const char GS = '\u001D';

    [Fact]
    public void The_embedded_dictionary_is_the_one_gs1_publishes()
    {
        var shared = Path.Combine(RepositoryRoot(), "..", "shared", "conformance", "gs1", "gs1-syntax-dictionary.txt");
        NangSuat.Trace.TestSupport.ExternalComponents.Require(File.Exists(shared), "../shared beside the checkout");

        var embedded = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "NangSuat.Trace.Gs1", "Syntax", "gs1-syntax-dictionary.txt"));
        Assert.Equal(File.ReadAllText(shared), embedded);
    }

    [Fact]
    public void The_table_holds_every_ai_of_the_dictionary_with_its_format()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "NangSuat.Trace.Gs1", "Syntax", "gs1-syntax-dictionary.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var expected = lines.Sum(l => l.Split(' ')[0] is var range && range.Contains('-')
            ? int.Parse(range.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture) - int.Parse(range.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture) + 1
            : 1);
        Assert.Equal(expected, AiTable.All.Count);
        var gtin = AiTable.Find("01")!;
        Assert.Equal(("GTIN", true, true, 14), (gtin.Title, gtin.PredefinedLength, gtin.DigitalLinkAttribute, gtin.MaxLength));
        Assert.Equal(["csum", "gcppos2"], gtin.Components[0].Linters);
        Assert.Equal([["22", "10", "21"], ["235"]], gtin.DigitalLinkQualifiers);
        Assert.Equal(["37"], AiTable.Find("02")!.Requires.Single());
        Assert.Equal("NET WEIGHT (kg)", AiTable.Find("3103")!.Title);
        Assert.All(AiTable.All, d => Assert.NotEmpty(d.Components));
    }

    [Fact]
    public void A_bracketed_string_converts_to_raw_scanner_data_and_a_digital_link()
    {
        var parsed = ElementStringParser.Parse("(01)09506000134352(17)281231(10)ABC123(21)S/1");
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
        var element = parsed.Value!;
        Assert.Equal(Gs1Form.Bracketed, element.Form);
        Assert.Equal($"01095060001343521728123110ABC123{GS}21S/1", element.Raw);
        Assert.Equal("https://id.example/01/09506000134352/10/ABC123/21/S%2F1?17=281231", element.ToDigitalLink("https://id.example").Value);
    }

    [Theory]
    [InlineData("]C1010950600013435210ABC\u001D21XYZ", "]C1")]
    [InlineData("]d2010950600013435210ABC\u001D21XYZ", "]d2")]
    [InlineData("]Q3\u001D010950600013435210ABC\u001D21XYZ", "]Q3")]
    [InlineData("010950600013435210ABC\u001D21XYZ", null)]
    public void Raw_scanner_data_is_read_with_or_without_a_symbology_identifier(string raw, string? symbology)
    {
        var parsed = ElementStringParser.Parse(raw);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
        Assert.Equal("(01)09506000134352(10)ABC(21)XYZ", parsed.Value!.Bracketed);
        Assert.Equal(symbology, parsed.Value.SymbologyIdentifier);
    }

    [Fact]
    public void An_ean13_scan_is_a_gtin()
    {
        var parsed = ElementStringParser.Parse("]E09506000134352");
        Assert.Equal("(01)09506000134352", parsed.Value!.Bracketed);
    }

    [Theory]
    [InlineData("https://id.gs1.org/01/9506000134352/10/ABC?17=281231&linkType=gs1:pip", "(01)09506000134352(10)ABC(17)281231")]
    [InlineData("https://example.vn/00/106141411234567897", "(00)106141411234567897")]
    [InlineData("https://example.vn/414/9501101020016/254/A1", "(414)9501101020016(254)A1")]
    [InlineData("/01/09506000134352/235/TPX1", "(01)09506000134352(235)TPX1")]
    public void Digital_links_of_any_primary_key_are_read(string uri, string bracketed)
    {
        var parsed = ElementStringParser.Parse(uri);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
        Assert.Equal(bracketed, parsed.Value!.Bracketed);
    }

    [Theory]
    [InlineData("(01)09506000134352(17)281331", "17", "AI 17 (position 23): month 13 is not a month")]
    [InlineData("(01)09506000134352(17)270230", "17", "day 30 is not a day of month 02 (1 to 28, or 00)")]
    [InlineData("(01)09506000134353", "01", "AI 01 (position 5): check digit should be 2, not 3")]
    [InlineData("(00)106141411234567898", "00", "check digit should be 7, not 8")]
    [InlineData("(01)0950600013435", "01", "value is too short: needs 14 characters")]
    [InlineData("(01)09506000134352(10)ABCDEFGHIJKLMNOPQRSTU", "10", "value is too long: at most 1 to 20 characters")]
    [InlineData("(01)09506000134352(10)AB C", "10", "AI 10 (position 25): character 'U+0020' is not allowed (GS1 character set 82)")]
    [InlineData("(21)12345", "21", "needs one of AI 01, 03, 8006 in the same message")]
    [InlineData("(02)09506000134352", "02", "needs one of AI 37")]
    [InlineData("(00)106141411234567897(02)09506000134352(37)10(01)09506000134352", "02", "cannot appear together with AI 01")]
    [InlineData("(01)09506000134352(10)A(10)B", "10", "appears again with a different value ('A' and 'B')")]
    [InlineData("(01)09506000134352(3103)001250(3102)012500", "3103", "cannot appear together with AI 3102")]
    [InlineData("(01)09506000134352(9999)X", "9999", "not an Application Identifier")]
    [InlineData("https://x.example/01/09506000134352/21/S1/10/L1", "10", "AI 10 must come before AI 21: key qualifiers go in the order 22, 10, 21")]
    [InlineData("https://x.example/01/09506000134352?3103=abc", "3103", "character 'a' is not allowed (digits only)")]
    [InlineData("https://x.example/01/09506000134352?21=S1", "21", "not allowed as a Digital Link data attribute")]
    public void Every_rejection_names_the_ai_the_position_and_the_rule(string input, string ai, string message)
    {
        var parsed = ElementStringParser.Parse(input);
        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Problems, p => p.Part == ai && p.English.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Random_valid_messages_survive_every_conversion()
    {
        const string set82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
        var random = new Random(1322);
        string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + random.Next(10))));
        string Text(int max) => string.Concat(Enumerable.Range(0, random.Next(1, max + 1)).Select(_ => set82[random.Next(set82.Length)]));
        string Date() => $"{random.Next(100):00}{random.Next(1, 13):00}{random.Next(1, 29):00}";
        for (var i = 0; i < 2000; i++)
        {
            var elements = new List<(string Ai, string Value)> { ("01", CheckDigit.Append(Digits(13))) };
            if (random.Next(2) == 0) elements.Add(("17", Date()));
            if (random.Next(2) == 0) elements.Add(("10", Text(20)));
            if (random.Next(2) == 0) elements.Add(($"310{random.Next(6)}", Digits(6)));
            if (random.Next(2) == 0) elements.Add(("21", Text(20)));
            elements = [.. elements.OrderBy(_ => random.Next())];
            var bracketed = string.Concat(elements.Select(e => $"({e.Ai}){e.Value.Replace("(", "\\(", StringComparison.Ordinal)}"));

            var fromBracketed = ElementStringParser.Parse(bracketed);
            Assert.True(fromBracketed.IsValid, bracketed + ": " + string.Join("; ", fromBracketed.Problems));
            var fromRaw = ElementStringParser.Parse("]C1" + fromBracketed.Value!.Raw);
            Assert.True(fromRaw.IsValid, fromBracketed.Value.Raw + ": " + string.Join("; ", fromRaw.Problems));
            Assert.Equal(fromBracketed.Value.Bracketed, fromRaw.Value!.Bracketed);

            var link = fromBracketed.Value.ToDigitalLink("https://truyxuat.example.vn").Value!;
            var fromLink = ElementStringParser.Parse(link);
            Assert.True(fromLink.IsValid, link + ": " + string.Join("; ", fromLink.Problems));
            Assert.Equal(elements.OrderBy(e => e.Ai), fromLink.Value!.Elements.Select(e => (e.Ai, e.Value)).OrderBy(e => e.Ai));
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NangSuat.Trace.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
