using NangSuat.Trace.TestSupport;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Labels.Tests;

public sealed class DataMatrixTests
{
    [Fact]
    public void Random_gs1_messages_of_every_symbol_size_decode_exactly_in_both_decoders()
    {
        const string set82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
        var random = new Random(16022);
        string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + random.Next(10))));
        string Text(int max) => string.Concat(Enumerable.Range(0, random.Next(1, max + 1)).Select(_ => set82[random.Next(set82.Length)])).Replace("(", "\\(", StringComparison.Ordinal);
        var sizes = new HashSet<int>();
        for (var i = 0; i < 60; i++)
        {
            var parts = new List<string> { $"(01){CheckDigit.Append(Digits(13))}" };
            var extra = i % 6;
            if (extra > 0) parts.Add($"(17){random.Next(100):00}{random.Next(1, 13):00}{random.Next(1, 29):00}");
            if (extra > 1) parts.Add($"(10){Text(20)}");
            if (extra > 2) parts.Add($"(21){Text(20)}");
            if (extra > 3) parts.Add($"(240){Text(30)}");
            if (extra > 4) parts.Add($"(241){Text(30)}(91){Text(40)}");
            var message = ElementStringParser.Parse(string.Concat(parts)).Value!;
            var symbol = DataMatrix.Gs1(message.Raw);
            sizes.Add(symbol.Size);
            var png = symbol.ToPng();

            var (format, identifier, bytes) = Decoders.Zxing(png);
            Assert.Equal(("DataMatrix", "]d2"), (format, identifier));
            Assert.Equal(message.Raw, bytes);
            Assert.Equal(message.Raw.Replace("\u001D", "", StringComparison.Ordinal), Decoders.Dmtx(png));
        }

        Assert.True(sizes.Count >= 6, $"only sizes {string.Join(", ", sizes.Order())} were exercised");
    }

    // Small letters go in Text encodation, three to two codewords: lengths chosen to land mid-size.
    [Theory]
    [InlineData(250, 52)]
    [InlineData(320, 64)]
    [InlineData(440, 72)]
    [InlineData(570, 80)]
    [InlineData(710, 88)]
    [InlineData(880, 96)]
    [InlineData(1050, 104)]
    [InlineData(1300, 120)]
    [InlineData(1650, 132)]
    public void Large_symbols_interleave_their_blocks_so_both_decoders_read_them(int characters, int size)
    {
        var random = new Random(characters);
        var text = string.Concat(Enumerable.Range(0, characters).Select(_ => (char)('a' + random.Next(26))));
        // AI 91 is company-internal, up to 90 characters; a long message repeats it as 91-99 would.
        var raw = "0109506000134352" + string.Join('\u001D', text.Chunk(90).Select((chunk, i) => $"9{1 + i % 9}{new string(chunk)}"));
        var symbol = DataMatrix.Gs1(raw);
        Assert.Equal(size, symbol.Size);
        var png = symbol.ToPng(4);
        Assert.Equal(("DataMatrix", "]d2", raw), Decoders.Zxing(png));
        Assert.Equal(raw.Replace("\u001D", "", StringComparison.Ordinal), Decoders.Dmtx(png));
    }

    [Fact]
    public void A_gtin_alone_fits_a_16_by_16_symbol()
    {
        // FNC1 + 7 digit pairs = 8 codewords: exactly the 14×14 capacity.
        Assert.Equal(14, DataMatrix.Gs1("01095060001343").Size);
        Assert.Equal(16, DataMatrix.Gs1("0109506000134352").Size);
    }

    [Fact]
    public void Data_beyond_a_132_by_132_symbol_is_refused_with_a_reason()
    {
        // Capitals go in C40, three to two codewords: 2,000 of them take 1,337.
        var error = Assert.Throws<ArgumentException>(() => DataMatrix.Gs1(new string('A', 2000)));
        Assert.Contains("1337 codewords exceed", error.Message, StringComparison.Ordinal);
    }
}
