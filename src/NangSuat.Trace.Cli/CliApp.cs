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
        var symbology = new Option<string>("--symbology") { Description = "qr, ean13, ean8, upca, gs1-128 or datamatrix", Required = true };
        symbology.AcceptOnlyFromAmong("qr", "ean13", "ean8", "upca", "gs1-128", "datamatrix");
        var format = new Option<string>("--format") { Description = "png, svg or zpl", DefaultValueFactory = _ => "png" };
        format.AcceptOnlyFromAmong("png", "svg", "zpl");
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

            var label = Label(result.GetValue(symbology)!, parsed.Value!, text, result.GetValue(baseUrl)!);
            if (label.Problem is { } problem)
            {
                stderr.WriteLine(problem);
                return Invalid;
            }

            var file = result.GetValue(output)!.FullName;
            switch (result.GetValue(format))
            {
                case "svg":
                    File.WriteAllText(file, label.Svg!());
                    break;
                case "zpl":
                    File.WriteAllText(file, label.Zpl!());
                    break;
                default:
                    File.WriteAllBytes(file, label.Png!());
                    break;
            }

            stdout.WriteLine(label.Content);
            return Valid;
        });
        return new Command("label", "Barcode labels") { render };
    }

    private sealed record RenderedLabel(string? Content, Func<byte[]>? Png, Func<string>? Svg, Func<string>? Zpl, string? Problem = null);

    private static RenderedLabel Label(string symbology, ElementString message, string input, string baseUrl)
    {
        var caption = message.Elements.Select(e => $"({e.Ai}) {e.Value}").ToList();
        switch (symbology)
        {
            case "qr":
                var link = message.ToDigitalLink(baseUrl);
                if (!link.IsValid)
                {
                    return new RenderedLabel(null, null, null, null, string.Join("\n", link.Problems.Select(p => p.English)));
                }

                // A Digital Link given as input keeps its own host; anything else goes on --base.
                var uri = message.Form == Gs1Form.DigitalLink ? input : link.Value!;
                var qr = QrLabel.Encode(uri);
                return new RenderedLabel(uri, () => qr.ToPng(), () => qr.ToSvg(caption), () => qr.ToZpl(caption));
            case "datamatrix":
                var matrix = DataMatrix.Gs1(message.Raw);
                return new RenderedLabel(message.Bracketed, () => matrix.ToPng(), () => matrix.ToSvg(caption), () => matrix.ToZpl(caption));
            case "gs1-128":
                var linear = Linear.Code128.Gs1(message.Raw, message.Bracketed);
                return new RenderedLabel(message.Bracketed, () => linear.ToPng(), () => linear.ToSvg(), () => linear.ToZpl());
            default:
                // EAN-13, EAN-8 and UPC-A carry a GTIN alone, of the length the symbology holds.
                var (length, encode) = symbology switch
                {
                    "ean13" => (13, (Func<string, Linear.LinearSymbol>)Linear.Ean.Ean13),
                    "ean8" => (8, Linear.Ean.Ean8),
                    _ => (12, Linear.Ean.UpcA),
                };
                var gtin = message.Elements.FirstOrDefault(e => e.Ai == "01")?.Value;
                if (message.Elements.Count != 1 || gtin is null || gtin[..(14 - length)].Any(c => c != '0'))
                {
                    return new RenderedLabel(null, null, null, null, $"{symbology} carries only a GTIN of {length} digits (with leading zeros to 14); got {message.Bracketed}");
                }

                var symbol = encode(gtin[(14 - length)..]);
                return new RenderedLabel(gtin[(14 - length)..], () => symbol.ToPng(), () => symbol.ToSvg(), () => symbol.ToZpl());
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
