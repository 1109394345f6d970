using System.Text;

namespace NangSuat.Trace.Gs1;

/// <summary>
/// A GS1 Digital Link URI for a trade item (primary key AI 01) with its key qualifiers (22, 10, 21
/// in that order) and any data attributes from the query string: the GTIN view of a
/// <see cref="DigitalLinkUri"/>, and what the resolver and the labels work with.
/// </summary>
public sealed record DigitalLink(
    string Gtin,
    string? ConsumerProductVariant = null,
    string? Lot = null,
    string? Serial = null)
{
    /// <summary>AI data attributes from the query string, e.g. <c>17=270101</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; init; } = [];

    /// <summary>Query parameters that are not AIs (linkType, lang, context…), kept to pass on.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Whether the link was read compressed; <see cref="ToUri"/> always writes it out.</summary>
    public DigitalLinkCompression Compression { get; init; }

    /// <summary>The path from <c>/01/</c> on, each value percent-encoded.</summary>
    public string Path
    {
        get
        {
            var path = new StringBuilder("/01/").Append(Gtin);
            Append(path, "22", ConsumerProductVariant);
            Append(path, "10", Lot);
            Append(path, "21", Serial);
            return path.ToString();
        }
    }

    /// <summary>Builds the canonical URI on a resolver base such as <c>https://truyxuat.sonla.gov.vn</c>.</summary>
    public string ToUri(string baseUrl)
    {
        var uri = baseUrl.TrimEnd('/') + Path;
        return Attributes.Count == 0
            ? uri
            : uri + "?" + string.Join('&', Attributes.Select(a => a.Key + "=" + Uri.EscapeDataString(a.Value)));
    }

    /// <summary>Validates the parts and builds a link; the GTIN may be 8, 12, 13 or 14 digits.</summary>
    public static Gs1Result<DigitalLink> Create(string gtin, string? lot = null, string? serial = null)
    {
        var problems = new List<Gs1Problem>();
        var gtin14 = Collect(Gs1Keys.Gtin(gtin, "01"), problems);
        if (lot is not null)
        {
            Collect(Cset82.Validate(lot, "10"), problems);
        }

        if (serial is not null)
        {
            Collect(Cset82.Validate(serial, "21"), problems);
        }

        return problems.Count == 0
            ? Gs1Result<DigitalLink>.Ok(new DigitalLink(gtin14!, null, lot, serial))
            : Gs1Result<DigitalLink>.Fail([.. problems]);
    }

    /// <summary>
    /// Parses an absolute Digital Link URI, or a path with an optional query as a resolver sees it,
    /// uncompressed or compressed (<see cref="Compression"/> tells which). Segments before the
    /// primary key are a resolver's own path prefix and are ignored; a trailing slash is tolerated.
    /// The link must be for a GTIN: this is <see cref="DigitalLinkUri.Parse"/> seen as a trade item.
    /// </summary>
    public static Gs1Result<DigitalLink> Parse(string? input)
    {
        var parsed = DigitalLinkUri.Parse(input);
        return parsed.IsValid ? parsed.Value!.ToGtinLink() : Gs1Result<DigitalLink>.Fail([.. parsed.Problems]);
    }

    private static void Append(StringBuilder path, string ai, string? value)
    {
        if (value is not null)
        {
            path.Append('/').Append(ai).Append('/').Append(Uri.EscapeDataString(value));
        }
    }

    private static T? Collect<T>(Gs1Result<T> result, List<Gs1Problem> problems)
    {
        problems.AddRange(result.Problems);
        return result.Value;
    }
}
