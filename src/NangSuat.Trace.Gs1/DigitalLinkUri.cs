using System.Text;
using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1;

/// <summary>How much of a Digital Link's path came compressed (GS1 Digital Link: Compression).</summary>
public enum DigitalLinkCompression
{
    /// <summary>Every AI written out: <c>/01/09506000134352/10/ABC</c>.</summary>
    None,

    /// <summary>The whole path is one base64url segment: <c>/AQnYUc1gmiCNV4JG</c>.</summary>
    Full,

    /// <summary>The primary key written out, the rest compressed: <c>/01/05412345000013/EEarwSM</c>.</summary>
    Partial,
}

/// <summary>
/// A GS1 Digital Link URI of any primary key: the key, its qualifiers in path order, the AI data
/// attributes and the other query parameters, and whether it came compressed. The GTIN link
/// (<see cref="DigitalLink"/>) and the element string (<see cref="ElementString"/>) are views of it.
/// </summary>
public sealed record DigitalLinkUri(AiValue PrimaryKey, IReadOnlyList<AiValue> KeyQualifiers, IReadOnlyList<AiValue> Attributes)
{
    /// <summary>Query parameters that are not AIs (linkType, lang, context…), in their order, to pass on.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    public DigitalLinkCompression Compression { get; init; }

    /// <summary>What came before the primary key: scheme, host and any resolver path prefix; "" for a bare path.</summary>
    public string Stem { get; init; } = "";

    /// <summary>Whether the link came compressed; its uncompressed form, <c>ToUri(Stem)</c>, is then its owl:sameAs.</summary>
    public bool IsCompressed => Compression != DigitalLinkCompression.None;

    /// <summary>The primary key, then the key qualifiers, then the data attributes.</summary>
    public IReadOnlyList<AiValue> Elements => [PrimaryKey, .. KeyQualifiers, .. Attributes];

    /// <summary>The uncompressed path from the primary key on, each value percent-encoded: <c>/01/09506000134352/10/ABC</c>.</summary>
    public string Path
    {
        get
        {
            var path = new StringBuilder();
            foreach (var element in (ReadOnlySpan<AiValue>)[PrimaryKey, .. KeyQualifiers])
            {
                path.Append('/').Append(element.Ai).Append('/').Append(Uri.EscapeDataString(element.Value));
            }

            return path.ToString();
        }
    }

    /// <summary>The uncompressed URI on <paramref name="baseUrl"/>, data attributes in the query; other parameters are left out.</summary>
    public string ToUri(string baseUrl)
    {
        var uri = baseUrl.TrimEnd('/') + Path;
        return Attributes.Count == 0
            ? uri
            : uri + "?" + string.Join('&', Attributes.Select(a => a.Ai + "=" + Uri.EscapeDataString(a.Value)));
    }

    public ElementString ToElementString() => new(Gs1Form.DigitalLink, Elements);

    /// <summary>The trade-item view: a GTIN with its variant, lot and serial. Fails for another primary key.</summary>
    public Gs1Result<DigitalLink> ToGtinLink()
    {
        if (PrimaryKey.Ai != "01")
        {
            return Gs1Result<DigitalLink>.Fail(LinkProblems.NotATradeItem(PrimaryKey));
        }

        string? variant = null, lot = null, serial = null;
        for (var i = 0; i < KeyQualifiers.Count; i++)
        {
            var qualifier = KeyQualifiers[i];
            switch (qualifier.Ai)
            {
                case ['2', '2']: variant = qualifier.Value; break;
                case ['1', '0']: lot = qualifier.Value; break;
                case ['2', '1']: serial = qualifier.Value; break;
                default:
                    return Gs1Result<DigitalLink>.Fail(LinkProblems.NotReadHere(qualifier));
            }
        }

        var attributes = Attributes.Count == 0 ? [] : new KeyValuePair<string, string>[Attributes.Count];
        for (var i = 0; i < attributes.Length; i++)
        {
            attributes[i] = new(Attributes[i].Ai, Attributes[i].Value);
        }

        return Gs1Result<DigitalLink>.Ok(new DigitalLink(PrimaryKey.Value, variant, lot, serial)
        {
            Attributes = attributes,
            Parameters = Parameters,
            Compression = Compression,
        });
    }

    /// <summary>
    /// Parses an absolute Digital Link URI, or a path with an optional query as a resolver sees it,
    /// uncompressed, fully or partly compressed. Segments before the primary key are a resolver's
    /// own path prefix; one trailing slash is tolerated. Every rule of the GS1 syntax dictionary
    /// applies to the values, as to any element string.
    /// </summary>
    public static Gs1Result<DigitalLinkUri> Parse(string? input) => DigitalLinkParser.Parse(input);

    /// <summary>
    /// Arranges AIs as a Digital Link: the first primary key, the key qualifiers of its longest
    /// matching sequence in the dictionary's order, the other AIs as data attributes. Fails when
    /// there is no primary key or an AI can be neither.
    /// </summary>
    public static Gs1Result<DigitalLinkUri> FromElements(IReadOnlyList<AiValue> elements)
    {
        var key = elements.FirstOrDefault(e => e.Definition?.IsPrimaryKey == true);
        if (key is null)
        {
            return Gs1Result<DigitalLinkUri>.Fail(new Gs1Problem("uri", Gs1Rule.MissingPrimaryKey,
                "no AI here is a Digital Link primary key (such as 01, 00, 414 or 8004)",
                "không có AI nào là khóa chính của Digital Link (như 01, 00, 414 hoặc 8004)"));
        }

        var sequence = key.Definition!.DigitalLinkQualifiers!
            .Select(alternative => alternative.Where(ai => elements.Any(e => e.Ai == ai)).ToList())
            .MaxBy(used => used.Count) ?? [];
        var qualifiers = sequence.Select(ai => elements.First(e => e.Ai == ai)).ToList();
        var attributes = new List<AiValue>();
        var problems = new List<Gs1Problem>();
        foreach (var element in elements.Where(e => e != key && !sequence.Contains(e.Ai)))
        {
            if (element.Definition?.DigitalLinkAttribute == true)
            {
                attributes.Add(element);
            }
            else
            {
                problems.Add(new Gs1Problem(element.Ai, Gs1Rule.InvalidPairing,
                    $"AI {element.Ai} cannot be carried in a Digital Link (neither a key qualifier of {key.Ai} nor a data attribute)",
                    $"AI {element.Ai} không thể đưa vào Digital Link (không phải định danh phụ của {key.Ai}, cũng không phải thuộc tính dữ liệu)"));
            }
        }

        return problems.Count > 0
            ? Gs1Result<DigitalLinkUri>.Fail([.. problems])
            : Gs1Result<DigitalLinkUri>.Ok(new DigitalLinkUri(key, qualifiers, attributes));
    }
}
