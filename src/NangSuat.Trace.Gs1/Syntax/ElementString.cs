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
    public AiDefinition? Definition => AiTable.Find(Ai);
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
        var key = Elements.FirstOrDefault(e => e.Definition?.IsPrimaryKey == true);
        if (key is null)
        {
            return Gs1Result<string>.Fail(new Gs1Problem("uri", Gs1Rule.MissingPrimaryKey,
                "no AI here is a Digital Link primary key (such as 01, 00, 414 or 8004)",
                "không có AI nào là khóa chính của Digital Link (như 01, 00, 414 hoặc 8004)"));
        }

        var present = Elements.Select(e => e.Ai).ToHashSet();
        var qualifiers = key.Definition!.DigitalLinkQualifiers!
            .Select(alternative => alternative.Where(present.Contains).ToList())
            .MaxBy(used => used.Count) ?? [];
        var path = new StringBuilder(baseUrl.TrimEnd('/'));
        foreach (var element in qualifiers.Prepend(key.Ai).Select(ai => Elements.First(e => e.Ai == ai)))
        {
            path.Append('/').Append(element.Ai).Append('/').Append(Uri.EscapeDataString(element.Value));
        }

        var problems = new List<Gs1Problem>();
        var query = new List<string>();
        foreach (var element in Elements.Where(e => e != key && !qualifiers.Contains(e.Ai)))
        {
            if (element.Definition?.DigitalLinkAttribute == true)
            {
                query.Add(element.Ai + "=" + Uri.EscapeDataString(element.Value));
            }
            else
            {
                problems.Add(new Gs1Problem(element.Ai, Gs1Rule.InvalidPairing,
                    $"AI {element.Ai} cannot be carried in a Digital Link (neither a key qualifier of {key.Ai} nor a data attribute)",
                    $"AI {element.Ai} không thể đưa vào Digital Link (không phải định danh phụ của {key.Ai}, cũng không phải thuộc tính dữ liệu)"));
            }
        }

        return problems.Count > 0
            ? Gs1Result<string>.Fail([.. problems])
            : Gs1Result<string>.Ok(query.Count == 0 ? path.ToString() : path + "?" + string.Join('&', query));
    }
}
