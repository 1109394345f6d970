using System.Text;

namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>The three ways a GS1 element string is written.</summary>
public enum Gs1Form
{
    Bracketed,
    Raw,
    DigitalLink,
}

/// <summary>One AI and its value; <see cref="Position"/> is where the value starts in the input (1-based).</summary>
public sealed record AiValue(string Ai, string Value, int Position)
{
    // Looked up once with the AI rather than on every use: a value is checked against it several times.
    // The initializers set the fields directly; the accessor keeps a `with { Ai = … }` copy right.
    public string Ai
    {
        get;
        init
        {
            field = value;
            Definition = AiTable.Find(value);
        }
    } = Ai;

    public AiDefinition? Definition { get; private init; } = AiTable.Find(Ai);
}

/// <summary>A parsed, validated GS1 element string, convertible between the three forms.</summary>
public sealed record ElementString(Gs1Form Form, IReadOnlyList<AiValue> Elements, string? SymbologyIdentifier = null)
{
    public const char GroupSeparator = '\u001D';

    /// <summary>The human-readable form: <c>(01)09506000134352(10)ABC</c>, with literal parentheses in data escaped.</summary>
    public string Bracketed => string.Concat(Elements.Select(e => $"({e.Ai}){e.Value.Replace("(", "\\(", StringComparison.Ordinal)}"));

    /// <summary>The data a scanner reports (without symbology identifier): a GS after each variable-length value but the last.</summary>
    public string Raw
    {
        get
        {
            var raw = new StringBuilder();
            for (var i = 0; i < Elements.Count; i++)
            {
                raw.Append(Elements[i].Ai).Append(Elements[i].Value);
                if (i < Elements.Count - 1 && Elements[i].Definition?.PredefinedLength != true)
                {
                    raw.Append(GroupSeparator);
                }
            }

            return raw.ToString();
        }
    }

    /// <summary>
    /// The uncompressed Digital Link on <paramref name="baseUrl"/>: the primary key and its qualifiers
    /// in the path, the other AIs as query attributes. Fails when there is no primary key, or an AI
    /// may not be a Digital Link data attribute.
    /// </summary>
    public Gs1Result<string> ToDigitalLink(string baseUrl)
    {
        var link = DigitalLinkUri.FromElements(Elements);
        return link.IsValid ? Gs1Result<string>.Ok(link.Value!.ToUri(baseUrl)) : Gs1Result<string>.Fail([.. link.Problems]);
    }
}
