using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Cli;

/// <summary>
/// <c>nangsuat-trace gs1 parse|check-digit</c> and <c>label render</c>. Exit codes: 0 valid,
/// 1 invalid input (the output still says why), 2 a usage error.
/// </summary>
public static class CliApp
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    private static readonly JsonSerializerOptions Output = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("NangSuat.Trace: GS1 element strings and barcode labels")
        {
            Gs1Command(stdout, stderr),
            LabelCommand(stdout, stderr),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine(error.Message);
            }

            stderr.WriteLine("Run with --help for usage.");
            return Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static Command Gs1Command(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<string>("input") { Description = "Bracketed (01)…(10)…, raw scanner data (]C1…, GS separators) or a Digital Link URI" };
        var baseUrl = new Option<string>("--base") { Description = "Resolver base URL for the canonical Digital Link", DefaultValueFactory = _ => "https://id.gs1.org" };
        var parse = new Command("parse", "Parse and validate a GS1 element string; print JSON") { input, baseUrl };
        parse.SetAction(result => Parse(result.GetValue(input)!, result.GetValue(baseUrl)!, stdout));

        var digits = new Argument<string>("digits") { Description = "A GS1 key without its check digit (e.g. 12 digits of a GTIN-13)" };
        var checkDigit = new Command("check-digit", "Print the key with its check digit appended") { digits };
        checkDigit.SetAction(result =>
        {
            var value = result.GetValue(digits)!;
            if (value.Length is < 1 or > 17 || !value.All(char.IsAsciiDigit))
            {
                stderr.WriteLine($"'{value}' is not 1 to 17 digits.");
                return Invalid;
            }

            stdout.WriteLine(CheckDigit.Append(value));
            return Valid;
        });
        return new Command("gs1", "GS1 element strings and keys") { parse, checkDigit };
    }

    private static int Parse(string input, string baseUrl, TextWriter stdout)
    {
        var result = ElementStringParser.Parse(input);
        var element = result.Value;
        var link = element?.ToDigitalLink(baseUrl);
        var report = new
        {
            valid = result.IsValid,
            form = element is null ? Detect(input) : Json(element.Form.ToString()),
            symbologyIdentifier = element?.SymbologyIdentifier,
            elements = element?.Elements.Select(e => new { ai = e.Ai, title = e.Definition?.Title, value = e.Value }),
            bracketed = element?.Bracketed,
            raw = element?.Raw,
            digitalLink = link is { IsValid: true } ? link.Value.Value : null,
            errors = result.Problems.Concat(link?.Problems ?? []).Select(p => new { ai = p.Part, rule = Json(p.Rule.ToString()), message = p.English }),
        };
        stdout.WriteLine(JsonSerializer.Serialize(report, Output));
        return result.IsValid ? Valid : Invalid;
    }

    private static Command LabelCommand(TextWriter stdout, TextWriter stderr)
    {
        var symbology = new Option<string>("--symbology") { Description = "qr, datamatrix, gs1-128, ean13, ean8 or upca", Required = true };
        symbology.AcceptOnlyFromAmong([.. LabelRenderer.Symbologies.Keys]);
        var format = new Option<string>("--format") { Description = "png, svg or zpl", DefaultValueFactory = _ => "png" };
        format.AcceptOnlyFromAmong([.. LabelRenderer.Formats.Keys]);
        var data = new Option<string>("--data") { Description = "Bracketed element string, digits or a Digital Link", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "File to write", Required = true };
        var width = new Option<double?>("--width-mm") { Description = "Printed width of the symbol with its quiet zones, in millimetres" };
        var dpi = new Option<int>("--dpi") { Description = "Printer resolution (203, 300, 600…)", DefaultValueFactory = _ => 300 };
        var baseUrl = new Option<string>("--base") { Description = "Resolver base URL for a QR code when --data is not already a Digital Link", DefaultValueFactory = _ => "https://id.gs1.org" };
        var render = new Command("render", "Render a barcode label to a file") { symbology, format, data, output, width, dpi, baseUrl };
        render.SetAction(result =>
        {
            var text = result.GetValue(data)!;
            var parsed = ElementStringParser.Parse(text.All(char.IsAsciiDigit) && text.Length is 8 or 12 or 13 or 14 ? $"(01){text.PadLeft(14, '0')}" : text);
            if (!parsed.IsValid)
            {
                return Fail(stderr, parsed.Problems);
            }

            var message = parsed.Value!;
            var kind = LabelRenderer.Symbologies[result.GetValue(symbology)!];
            string? link = null;
            if (kind == Symbology.Qr)
            {
                var built = message.ToDigitalLink(result.GetValue(baseUrl)!);
                if (!built.IsValid)
                {
                    return Fail(stderr, built.Problems);
                }

                // A Digital Link given as input keeps its own host; anything else goes on --base.
                link = message.Form == Gs1Form.DigitalLink ? text : built.Value!;
            }

            var label = LabelRenderer.Render(kind, LabelRenderer.Formats[result.GetValue(format)!], message, link,
                new LabelSize(result.GetValue(width), result.GetValue(dpi), result.GetValue(width) is null ? 6 : null));
            if (!label.IsValid)
            {
                return Fail(stderr, label.Problems);
            }

            File.WriteAllBytes(result.GetValue(output)!.FullName, label.Value!.Bytes);
            stdout.WriteLine(label.Value.Content);
            return Valid;
        });
        return new Command("label", "Barcode labels") { render };
    }

    private static int Fail(TextWriter stderr, IEnumerable<Gs1Problem> problems)
    {
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem.English);
        }

        return Invalid;
    }

    private static string Detect(string input) =>
        input.StartsWith('(') ? "bracketed" : input.StartsWith("http", StringComparison.OrdinalIgnoreCase) || input.StartsWith('/') ? "digitalLink" : "raw";

    private static string Json(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
