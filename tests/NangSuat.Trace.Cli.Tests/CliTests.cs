using NangSuat.Trace.TestSupport;
using System.Diagnostics;
using System.Text.Json;

namespace NangSuat.Trace.Cli.Tests;

public sealed class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Parse_prints_the_form_each_ai_the_canonical_strings_and_exits_0()
    {
        var (exit, output, _) = Run("gs1", "parse", "]C1010950600013435217281231\u001D10ABC", "--base", "https://truyxuat.sonla.gov.vn");
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal("raw", json.GetProperty("form").GetString());
        Assert.Equal("]C1", json.GetProperty("symbologyIdentifier").GetString());
        Assert.Equal(["01:GTIN", "17:USE BY or EXPIRY", "10:BATCH/LOT"],
            json.GetProperty("elements").EnumerateArray().Select(e => $"{e.GetProperty("ai").GetString()}:{e.GetProperty("title").GetString()}"));
        Assert.Equal("(01)09506000134352(17)281231(10)ABC", json.GetProperty("bracketed").GetString());
        Assert.Equal("https://truyxuat.sonla.gov.vn/01/09506000134352/10/ABC?17=281231", json.GetProperty("digitalLink").GetString());
    }

    [Fact]
    public void Parse_of_invalid_input_exits_1_and_still_says_why_in_json()
    {
        var (exit, output, _) = Run("gs1", "parse", "(01)09506000134352(17)281331");
        Assert.Equal(1, exit);
        var error = Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("17", error.GetProperty("ai").GetString());
        Assert.Equal("AI 17 (position 23): month 13 is not a month", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("10")]
    [InlineData("21")]
    [InlineData("22")]
    public void Parse_of_a_key_qualifier_in_the_query_string_exits_1_naming_the_ai(string ai)
    {
        var (exit, output, _) = Run("gs1", "parse", $"https://id.gs1.org/01/09520123456788?{ai}=ABC123");
        Assert.Equal(1, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal("digitalLink", json.GetProperty("form").GetString());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal((ai, "qualifierInQuery"), (error.GetProperty("ai").GetString(), error.GetProperty("rule").GetString()));
        Assert.StartsWith($"AI {ai} is a key qualifier of AI 01 and belongs in the path (/01/…/{ai}/…), not in the query string",
            error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_of_a_compressed_link_prints_its_elements_and_the_link_written_out()
    {
        var (exit, output, _) = Run("gs1", "parse", "https://id.gs1.org/AQnYUc1gmiCNV4JG", "--base", "https://truyxuat.sonla.gov.vn");
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("(01)05412345000013(10)ABC123", json.GetProperty("bracketed").GetString());
        Assert.Equal("https://truyxuat.sonla.gov.vn/01/05412345000013/10/ABC123", json.GetProperty("digitalLink").GetString());
    }

    [Fact]
    public void Parse_of_damaged_compressed_data_exits_1_with_a_reason()
    {
        var (exit, output, _) = Run("gs1", "parse", "/AQnYUc1gmiCNV4JGgiktXXi5g-Q2Hif7pSJvGuOYsRJmh0");
        Assert.Equal(1, exit);
        var error = Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("errors").EnumerateArray());
        Assert.StartsWith("not a compressed GS1 Digital Link: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gs1", "frobnicate")]
    [InlineData("gs1", "parse")]
    [InlineData("label", "render", "--symbology", "aztec", "--data", "(01)09506000134352", "--out", "x.png")]
    [InlineData("label", "render", "--symbology", "qr", "--data", "(01)09506000134352")]
    public void A_usage_error_exits_2(params string[] args) => Assert.Equal(2, Run(args).Exit);

    [Theory]
    [InlineData("950600013435", "9506000134352")]
    [InlineData("10614141123456789", "106141411234567897")]
    public void Check_digit_prints_the_whole_key(string digits, string key)
    {
        var (exit, output, _) = Run("gs1", "check-digit", digits);
        Assert.Equal((0, key), (exit, output.Trim()));
    }

    [Fact]
    public void Check_digit_of_something_that_is_not_digits_exits_1() => Assert.Equal(1, Run("gs1", "check-digit", "95O6").Exit);

    [Theory]
    [InlineData("png")]
    [InlineData("svg")]
    public void Label_render_writes_a_qr_code_that_decodes_to_the_digital_link(string format)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.{format}");
        try
        {
            var (exit, output, error) = Run("label", "render", "--symbology", "qr", "--format", format, "--data", "(01)09506000134352(10)L1", "--out", file,
                "--base", "https://truyxuat.sonla.gov.vn");
            Assert.True(exit == 0, error);
            Assert.Equal("https://truyxuat.sonla.gov.vn/01/09506000134352/10/L1", output.Trim());
            if (format == "png")
            {
                Assert.Equal(output.Trim(), Decoders.ZbarRaw(File.ReadAllBytes(file)));
            }
            else
            {
                Assert.Contains("(10) L1", File.ReadAllText(file), StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("ean13", "9506000134352", "EAN-13:9506000134352")]
    [InlineData("ean8", "96385074", "EAN-8:96385074")]
    [InlineData("upca", "614141123452", "EAN-13:0614141123452")]
    [InlineData("gs1-128", "(00)106141411234567897(02)09506000134352(37)24(10)L2611A", "CODE-128:0010614141123456789702095060001343523724\u001D10L2611A")]
    public void Label_render_writes_every_linear_symbology_a_decoder_reads_back(string symbology, string data, string decoded)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.png");
        try
        {
            var (exit, _, error) = Run("label", "render", "--symbology", symbology, "--data", data, "--out", file);
            Assert.True(exit == 0, error);
            Assert.Equal(decoded, Decoders.Zbar(File.ReadAllBytes(file)) is var (name, content) ? $"{name}:{content}" : null);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Label_render_writes_gs1_datamatrix_and_zpl()
    {
        var png = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.png");
        var zpl = Path.ChangeExtension(png, ".zpl");
        try
        {
            Assert.Equal(0, Run("label", "render", "--symbology", "datamatrix", "--data", "(01)09506000134352(17)281231(10)ABC", "--out", png).Exit);
            Assert.Equal("01095060001343521728123110ABC", Decoders.Dmtx(File.ReadAllBytes(png)));
            Assert.Equal(0, Run("label", "render", "--symbology", "gs1-128", "--format", "zpl", "--data", "(00)106141411234567897", "--out", zpl).Exit);
            var text = File.ReadAllText(zpl);
            Assert.Matches(@"^\^XA.*\^GFA,\d+,\d+,\d+,[0-9A-F]+\^FS", text.Replace("\n", "", StringComparison.Ordinal));
            Assert.Contains("^FD(00)106141411234567897^FS", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(png);
            File.Delete(zpl);
        }
    }

    [Fact]
    public void A_printed_width_at_a_dpi_sets_whole_dots_per_module()
    {
        var small = Path.Combine(Path.GetTempPath(), $"cli-{Guid.NewGuid():N}.png");
        var large = Path.ChangeExtension(small, ".large.png");
        try
        {
            Assert.Equal(0, Run("label", "render", "--symbology", "datamatrix", "--data", "(01)09506000134352", "--width-mm", "10", "--dpi", "300", "--out", small).Exit);
            Assert.Equal(0, Run("label", "render", "--symbology", "datamatrix", "--data", "(01)09506000134352", "--width-mm", "20", "--dpi", "300", "--out", large).Exit);
            // A 16x16 symbol with its quiet zone is 18 modules: 10 mm at 300 dpi is 118 dots, 6 a module; 20 mm is 13 a module.
            Assert.Equal((18 * 6, 18 * 13), (PngWidth(small), PngWidth(large)));
            Assert.Equal("0109506000134352", Decoders.Dmtx(File.ReadAllBytes(small)));
        }
        finally
        {
            File.Delete(small);
            File.Delete(large);
        }
    }

    private static int PngWidth(string file) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(File.ReadAllBytes(file).AsSpan(16));

    [Fact]
    public void An_ean8_of_a_thirteen_digit_gtin_is_invalid_input() =>
        Assert.Equal(1, Run("label", "render", "--symbology", "ean8", "--data", "9506000134352", "--out", "x.png").Exit);

    [Fact]
    public void The_built_tool_runs_as_a_process_with_the_same_exit_codes()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "nangsuat-trace.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { tool, "gs1", "parse", "(21)ABC" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("needs one of AI 01, 03, 8006", output, StringComparison.Ordinal);
    }
}
