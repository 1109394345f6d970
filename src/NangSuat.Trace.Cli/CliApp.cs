using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using NangSuat.Trace.Gs1;
using NangSuat.Trace.Gs1.Syntax;
using NangSuat.Trace.Labels;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Cli;

/// <summary>
/// <c>nangsuat-trace gs1 parse|check-digit</c>, <c>label render</c> and <c>audit verify</c>. Exit codes:
/// 0 valid, 1 invalid input (the output still says why), 2 a usage error.
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
            AuditCommand(stdout, stderr),
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

    private static Command AuditCommand(TextWriter stdout, TextWriter stderr)
    {
        var export = new Argument<FileInfo>("export") { Description = "The log as exported by GET /api/v1/log/export (JSON lines)" };
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "A signed checkpoint you kept (GET /api/v1/log/checkpoint): the export must hold its tree", Required = true };
        var key = new Option<FileInfo?>("--key")
        {
            Description = "The log's public key: the JSON of GET /api/v1/log/key or a PEM public key. Without it the export's own key is used, which proves only that the export agrees with itself",
        };
        var verify = new Command("verify", "Check an exported audit log offline: every entry against its recorded hash and the signed checkpoints; names the first wrong entry") { export, checkpoint, key };
        verify.SetAction(result =>
        {
            var (exportFile, checkpointFile, keyFile) = (result.GetValue(export)!, result.GetValue(checkpoint)!, result.GetValue(key));
            foreach (var file in new[] { exportFile, checkpointFile, keyFile })
            {
                if (file is { Exists: false })
                {
                    stderr.WriteLine($"{file.FullName} does not exist.");
                    return Usage;
                }
            }

            var trusted = File.ReadAllText(checkpointFile.FullName);
            CheckpointKey? publicKey = null;
            if (keyFile is not null)
            {
                try
                {
                    publicKey = ReadKey(File.ReadAllText(keyFile.FullName), trusted);
                }
                catch (Exception e) when (e is JsonException or FormatException or ArgumentException or KeyNotFoundException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
                {
                    stderr.WriteLine($"{keyFile.FullName} is neither the log's key as JSON nor a PEM public key: {e.Message}");
                    return Usage;
                }
            }

            LogVerification outcome;
            using (publicKey)
            using (var reader = new StreamReader(exportFile.FullName, System.Text.Encoding.UTF8))
            {
                outcome = LogExport.Verify(reader, trusted, publicKey);
            }

            var report = new
            {
                verified = outcome.Verified,
                entries = outcome.Entries,
                checkpointSize = outcome.CheckpointSize,
                keyFromExport = outcome.KeyFromExport ? true : (bool?)null,
                firstProblem = outcome.FirstProblem is { } p ? new { index = p.Index, entryId = p.EntryId, reason = p.Reason, before = p.Before } : null,
                notes = outcome.Notes.Count > 0 ? outcome.Notes : null,
            };
            stdout.WriteLine(JsonSerializer.Serialize(report, Output));
            if (outcome.KeyFromExport)
            {
                stderr.WriteLine("No --key given: the export's own key was used. Compare its id with the one the portal publishes at /api/v1/log/key.");
            }

            return outcome.Verified ? Valid : Invalid;
        });
        return new Command("audit", "The portal's audit log") { verify };
    }

    /// <summary>The JSON the portal publishes, or a PEM public key named by the checkpoint's signature line.</summary>
    private static CheckpointKey ReadKey(string text, string checkpoint)
    {
        if (text.TrimStart().StartsWith('{'))
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            return CheckpointKey.FromPublicKey(root.GetProperty("name").GetString()!, Convert.FromBase64String(root.GetProperty("publicKey").GetString()!));
        }

        var pem = System.Security.Cryptography.PemEncoding.Find(text);
        var name = checkpoint.Split('\n').FirstOrDefault(l => l.StartsWith("— ", StringComparison.Ordinal))?.Split(' ')[1]
            ?? throw new FormatException("the checkpoint has no signature line to name the key");
        return CheckpointKey.FromPublicKey(name, Convert.FromBase64String(text[pem.Base64Data]));
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
