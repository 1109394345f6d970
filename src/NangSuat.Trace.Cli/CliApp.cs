using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels;
using Linear = NangSuat.Trace.Labels.Linear;

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
        var symbology = new Option<string>("--symbology") { Description = "qr, ean13, ean8, upca or gs1-128", Required = true };
        symbology.AcceptOnlyFromAmong("qr", "ean13", "ean8", "upca", "gs1-128");
        var format = new Option<string>("--format") { Description = "png or svg", DefaultValueFactory = _ => "png" };
        format.AcceptOnlyFromAmong("png", "svg");
        var data = new Option<string>("--data") { Description = "Bracketed element string, digits or a Digital Link", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "File to write", Required = true };
        var baseUrl = new Option<string>("--base") { Description = "Resolver base URL for a QR code when --data is not already a Digital Link", DefaultValueFactory = _ => "https://id.gs1.org" };
        var render = new Command("render", "Render a barcode label to a file") { symbology, format, data, output, baseUrl };
        render.SetAction(result =>
        {
            var text = result.GetValue(data)!;
            var parsed = ElementStringParser.Parse(text.All(char.IsAsciiDigit) && text.Length is 8 or 12 or 13 or 14 ? $"(01){text.PadLeft(14, '0')}" : text);
            if (!parsed.IsValid)
            {
                return Fail(stderr, parsed.Problems);
            }

            var message = parsed.Value!;
            var svg = result.GetValue(format) == "svg";
            var file = result.GetValue(output)!;
            switch (result.GetValue(symbology))
            {
                case "qr":
                    var link = message.ToDigitalLink(result.GetValue(baseUrl)!);
                    if (!link.IsValid)
                    {
                        return Fail(stderr, link.Problems);
                    }

                    // A Digital Link given as input keeps its own host; anything else goes on --base.
                    var uri = message.Form == Gs1Form.DigitalLink ? text : link.Value!;
                    var qr = QrLabel.Encode(uri);
                    Write(file, svg, () => qr.ToSvg(message.Elements.Select(e => $"({e.Ai}) {e.Value}").ToList()), () => qr.ToPng());
                    stdout.WriteLine(uri);
                    return Valid;
                case "gs1-128":
                    var linear = Linear.Code128.Gs1(message.Raw, message.Bracketed);
                    Write(file, svg, () => linear.ToSvg(), () => linear.ToPng());
                    stdout.WriteLine(message.Bracketed);
                    return Valid;
                default:
                    return RetailSymbol(result.GetValue(symbology)!, message, file, svg, stdout, stderr);
            }
        });
        return new Command("label", "Barcode labels") { render };
    }

    /// <summary>EAN-13, EAN-8 and UPC-A carry a GTIN alone, of the length the symbology holds.</summary>
    private static int RetailSymbol(string symbology, ElementString message, FileInfo file, bool svg, TextWriter stdout, TextWriter stderr)
    {
        var (length, encode) = symbology switch
        {
            "ean13" => (13, (Func<string, Linear.LinearSymbol>)Linear.Ean.Ean13),
            "ean8" => (8, Linear.Ean.Ean8),
            _ => (12, Linear.Ean.UpcA),
        };
        var gtin = message.Elements.FirstOrDefault(e => e.Ai == "01")?.Value;
        if (message.Elements.Count != 1 || gtin is null || gtin[..(14 - length)].Any(c => c != '0'))
        {
            stderr.WriteLine($"{symbology} carries only a GTIN of {length} digits (with leading zeros to 14); got {message.Bracketed}");
            return Invalid;
        }

        var symbol = encode(gtin[(14 - length)..]);
        Write(file, svg, () => symbol.ToSvg(), () => symbol.ToPng());
        stdout.WriteLine(gtin[(14 - length)..]);
        return Valid;
    }

    private static void Write(FileInfo file, bool svg, Func<string> toSvg, Func<byte[]> toPng)
    {
        if (svg)
        {
            File.WriteAllText(file.FullName, toSvg());
        }
        else
        {
            File.WriteAllBytes(file.FullName, toPng());
        }
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
