using NangSuat.Trace.TestSupport;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels.Linear;

namespace NangSuat.Trace.Labels.Tests;

public sealed class LinearSymbolTests
{
    private readonly Random _random = new(1322);

    private string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + _random.Next(10))));

    [Fact]
    public void Random_ean13_symbols_decode_to_their_gtin_in_both_decoders()
    {
        for (var i = 0; i < 25; i++)
        {
            var gtin = CheckDigit.Append(Digits(12));
            var png = Ean.Ean13(gtin).ToPng();
            Assert.Equal(("EAN-13", gtin), Decoders.Zbar(png));
            // ZXing names an EAN-13 that starts with 0 by its UPC-A form.
            Assert.Equal(gtin[0] == '0' ? ("UPC-A", "]E0", gtin[1..]) : ("EAN-13", "]E0", gtin), Decoders.Zxing(png));
        }
    }

    [Fact]
    public void Random_ean8_and_upca_symbols_decode_to_their_gtin_in_both_decoders()
    {
        for (var i = 0; i < 15; i++)
        {
            var ean8 = CheckDigit.Append(Digits(7));
            Assert.Equal(("EAN-8", ean8), Decoders.Zbar(Ean.Ean8(ean8).ToPng()));
            Assert.Equal(("EAN-8", "]E4", ean8), Decoders.Zxing(Ean.Ean8(ean8).ToPng()));

            var upc = CheckDigit.Append(Digits(11));
            Assert.Equal(("UPC-A", "]E0", upc), Decoders.Zxing(Ean.UpcA(upc).ToPng()));
            Assert.Equal("0" + upc, Decoders.Zbar(Ean.UpcA(upc).ToPng()).Data); // zbar reports UPC-A as its EAN-13 form
        }
    }

    [Fact]
    public void Ean13_has_95_modules_and_its_quiet_zones()
    {
        var symbol = Ean.Ean13("9506000134352");
        Assert.Equal((95, 11, 7), (symbol.Modules.Count, symbol.QuietLeft, symbol.QuietRight));
        Assert.Equal("9 506000 134352", symbol.HumanReadable);
        Assert.Throws<ArgumentException>(() => Ean.Ean13("9506000134353"));
    }

    [Fact]
    public void Random_gs1_128_messages_decode_exactly_with_fnc1_and_identifier_c1()
    {
        const string set82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
        string Text(int max) => string.Concat(Enumerable.Range(0, _random.Next(1, max + 1)).Select(_ => set82[_random.Next(set82.Length)]));
        for (var i = 0; i < 40; i++)
        {
            var bracketed = $"(00){CheckDigit.Append(Digits(17))}(02){CheckDigit.Append(Digits(13))}(37){_random.Next(1, 999)}(10){Text(12).Replace("(", "\\(", StringComparison.Ordinal)}(17){_random.Next(100):00}{_random.Next(1, 13):00}{_random.Next(1, 29):00}(3103){Digits(6)}";
            var message = ElementStringParser.Parse(bracketed);
            Assert.True(message.IsValid, bracketed + ": " + string.Join("; ", message.Problems));
            var png = Code128.Gs1(message.Value!.Raw, message.Value.Bracketed).ToPng();

            var (symbology, data) = Decoders.Zbar(png);
            Assert.Equal("CODE-128", symbology);
            Assert.Equal(message.Value.Raw, data);
            var (format, identifier, text) = Decoders.Zxing(png);
            Assert.Equal(("Code128", "]C1"), (format, identifier));
            Assert.Equal(message.Value.Bracketed, ElementStringParser.Parse("]C1" + data).Value!.Bracketed);
            Assert.Equal(message.Value.Raw, text);
        }
    }

    [Fact]
    public void Gs1_128_uses_the_fewest_symbol_characters_an_exhaustive_search_can_find()
    {
        const string alphabet = "0123456789AB\u001D";
        for (var i = 0; i < 400; i++)
        {
            var data = "\u001D" + string.Concat(Enumerable.Range(0, _random.Next(1, 11)).Select(_ => alphabet[_random.Next(alphabet.Length)]));
            Assert.Equal(Shortest(data, 0, null), Code128.Encode(data).Count);
        }
    }

    /// <summary>Every way to encode data[at..] in sets B and C, switching anywhere: the fewest symbols (start included).</summary>
    private static int Shortest(string data, int at, char? set)
    {
        if (at == data.Length)
        {
            return 0;
        }

        var best = int.MaxValue;
        foreach (var next in new[] { 'B', 'C' })
        {
            var overhead = set is null || set == next ? 1 - (set is null ? 0 : 1) : 1; // a start or a code switch costs one symbol
            var isPair = at + 1 < data.Length && char.IsAsciiDigit(data[at]) && char.IsAsciiDigit(data[at + 1]);
            var step = data[at] == '\u001D' ? 1 : next == 'B' ? 1 : isPair ? 2 : 0;
            if (step > 0)
            {
                best = Math.Min(best, overhead + 1 + Shortest(data, at + step, next));
            }
        }

        return best;
    }

    [Fact]
    public void Svg_output_is_vector_with_the_human_readable_text()
    {
        var svg = System.Xml.Linq.XDocument.Parse(Code128.Gs1("0109506000134352", "(01)09506000134352").ToSvg());
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("(01)09506000134352", svg.Descendants(ns + "text").Single().Value);
        Assert.Single(svg.Descendants(ns + "path"));
    }
}
