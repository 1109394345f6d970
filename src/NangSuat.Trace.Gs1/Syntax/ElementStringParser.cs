namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>Reads a GS1 element string in any of its three forms and validates it against the AI table.</summary>
public static class ElementStringParser
{
    // AIM symbology identifiers of the GS1 carriers (ISO/IEC 15424); EAN/UPC ones carry a bare GTIN.
    private static readonly string[] Gs1Symbologies = ["]C1", "]e0", "]d2", "]Q3", "]J1"];
    private static readonly string[] RetailSymbologies = ["]E0", "]E4"];

    /// <summary>Detects the form: <c>(</c> starts a bracketed string, http(s):// or / a Digital Link, anything else raw data.</summary>
    public static Gs1Result<ElementString> Parse(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return Gs1Result<ElementString>.Fail(Gs1Problem.Required("input"));
        }

        if (input.StartsWith('('))
        {
            return ParseBracketed(input);
        }

        return input.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || input.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || input.StartsWith('/')
            ? ParseDigitalLink(input)
            : ParseRaw(input);
    }

    public static Gs1Result<ElementString> ParseBracketed(string input)
    {
        var elements = new List<AiValue>();
        var problems = new List<Gs1Problem>();
        var i = 0;
        while (i < input.Length)
        {
            var close = input.IndexOf(')', i);
            if (input[i] != '(' || close < 0)
            {
                problems.Add(Syntax("input", i + 1, "expected '(' and an AI in brackets", "cần dấu '(' và một AI trong ngoặc"));
                break;
            }

            var ai = input[(i + 1)..close];
            var value = new System.Text.StringBuilder();
            var start = close + 1;
            for (i = start; i < input.Length && input[i] != '('; i++)
            {
                // A literal '(' in data is written "\(" so it is not read as the next AI.
                if (input[i] == '\\' && i + 1 < input.Length && input[i + 1] == '(')
                {
                    i++;
                }

                value.Append(input[i]);
            }

            if (AiTable.Find(ai) is null)
            {
                problems.Add(UnknownAi(ai, i + 2 - value.Length - ai.Length - 2));
                continue;
            }

            elements.Add(new AiValue(ai, value.ToString(), start + 1));
        }

        return Finish(Gs1Form.Bracketed, elements, problems, null);
    }

    public static Gs1Result<ElementString> ParseRaw(string input)
    {
        var symbology = input.Length >= 3 && input[0] == ']' ? input[..3] : null;
        var data = symbology is null ? input : input[3..];
        var offset = symbology is null ? 0 : 3;
        if (symbology is not null && RetailSymbologies.Contains(symbology))
        {
            // EAN-13, UPC-A and EAN-8 carry a GTIN alone, with no AI.
            var gtin = Gs1Keys.Gtin(data, "01");
            return gtin.IsValid
                ? Finish(Gs1Form.Raw, [new AiValue("01", gtin.Value!, offset + 1)], [], symbology)
                : Gs1Result<ElementString>.Fail([.. gtin.Problems]);
        }

        if (symbology is not null && !Gs1Symbologies.Contains(symbology))
        {
            return Gs1Result<ElementString>.Fail(Syntax("input", 1,
                $"symbology identifier {symbology} is not a GS1 carrier (]C1, ]e0, ]d2, ]Q3, ]J1, ]E0, ]E4)",
                $"mã nhận dạng {symbology} không phải vật mang GS1 (]C1, ]e0, ]d2, ]Q3, ]J1, ]E0, ]E4)"));
        }

        var elements = new List<AiValue>();
        var problems = new List<Gs1Problem>();
        var i = data.StartsWith(ElementString.GroupSeparator) ? 1 : 0; // FNC1 in first position, as some scanners report it
        while (i < data.Length)
        {
            var definition = AiTable.FindPrefix(data.AsSpan(i));
            if (definition is null)
            {
                problems.Add(Syntax("input", offset + i + 1, "no known AI starts here", "không có AI nào bắt đầu tại đây"));
                break;
            }

            var start = i + definition.Code.Length;
            int end;
            if (definition.PredefinedLength)
            {
                end = Math.Min(start + definition.MaxLength, data.Length);
            }
            else
            {
                end = data.IndexOf(ElementString.GroupSeparator, start);
                end = end < 0 ? data.Length : end;
            }

            elements.Add(new AiValue(definition.Code, data[start..end], offset + start + 1));
            i = end < data.Length && data[end] == ElementString.GroupSeparator ? end + 1 : end;
        }

        return Finish(Gs1Form.Raw, elements, problems, symbology);
    }

    public static Gs1Result<ElementString> ParseDigitalLink(string input)
    {
        var question = input.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? input : input[..question];
        var query = question < 0 ? "" : input.Split('#')[0][(question + 1)..];
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = path.IndexOf('/', scheme + 3);
            path = slash < 0 ? "" : path[slash..];
        }

        var segments = path.TrimEnd('/').Split('/');
        var keyIndex = Array.FindIndex(segments, s => AiTable.Find(s)?.IsPrimaryKey == true);
        var compressed = segments[^1];
        var fullyCompressed = keyIndex < 0 && CompressedDigitalLink.LooksCompressed(compressed);
        var partlyCompressed = keyIndex >= 0 && (segments.Length - keyIndex) % 2 == 1 && CompressedDigitalLink.LooksCompressed(compressed);
        if (fullyCompressed || partlyCompressed)
        {
            var decoded = CompressedDigitalLink.Decode(compressed);
            if (!decoded.IsValid)
            {
                return Gs1Result<ElementString>.Fail([.. decoded.Problems]);
            }

            // The compressed form carries the same data; it is checked and reported as if written out.
            var written = decoded.Value!.Select(v => (v.Ai, v.Value)).ToList();
            if (partlyCompressed)
            {
                written.Insert(0, (segments[keyIndex], segments[keyIndex + 1]));
            }

            var compressedAt = input.LastIndexOf(compressed, StringComparison.Ordinal) + 1;
            return Finish(Gs1Form.DigitalLink, [.. written.Select(v => new AiValue(v.Ai, v.Value, compressedAt))], [], null);
        }

        if (keyIndex < 0)
        {
            return Gs1Result<ElementString>.Fail(new Gs1Problem("path", Gs1Rule.MissingPrimaryKey,
                "the path has no Digital Link primary key (such as /01/, /00/, /414/ or /8004/)",
                "đường dẫn không có khóa chính Digital Link (như /01/, /00/, /414/ hoặc /8004/)"));
        }

        var elements = new List<AiValue>();
        var problems = new List<Gs1Problem>();
        var key = AiTable.Find(segments[keyIndex])!;
        var position = segments.Take(keyIndex).Sum(s => s.Length + 1) + 1;
        for (var i = keyIndex; i < segments.Length; i += 2)
        {
            var ai = segments[i];
            position += ai.Length + 1;
            if (i + 1 >= segments.Length || !DigitalLinkParser.TryDecode(segments[i + 1], out var value))
            {
                problems.Add(new Gs1Problem(ai, Gs1Rule.MissingValue, $"AI {ai} in the path has no readable value", $"AI {ai} trong đường dẫn không có giá trị đọc được"));
                break;
            }

            if (i > keyIndex && !key.DigitalLinkQualifiers!.Any(q => q.Contains(ai)))
            {
                problems.Add(new Gs1Problem(ai, Gs1Rule.UnknownPathElement,
                    $"AI {ai} is not a key qualifier of AI {key.Code}", $"AI {ai} không phải định danh phụ của AI {key.Code}"));
            }

            // Digital Link allows a GTIN-8, -12 or -13 without its leading zeros.
            if (ai == "01" && value.Length is 8 or 12 or 13 && value.All(char.IsAsciiDigit))
            {
                value = value.PadLeft(14, '0');
            }

            elements.Add(new AiValue(ai, value, position + 1));
            position += segments[i + 1].Length + 1;
        }

        var used = elements.Skip(1).Select(e => e.Ai).ToList();
        if (problems.Count == 0 && !key.DigitalLinkQualifiers!.Any(order => IsInOrder(used, order)))
        {
            problems.Add(new Gs1Problem(used.LastOrDefault() ?? key.Code, Gs1Rule.QualifierOrder,
                $"key qualifiers of AI {key.Code} must follow the order {string.Join(" | ", key.DigitalLinkQualifiers!.Select(q => string.Join(", ", q)))}",
                $"định danh phụ của AI {key.Code} phải theo thứ tự {string.Join(" | ", key.DigitalLinkQualifiers!.Select(q => string.Join(", ", q)))}"));
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (name.Length == 0 || !name.All(char.IsAsciiDigit))
            {
                continue; // linkType, context and other non-AI parameters are the resolver's business
            }

            var definition = AiTable.Find(name);
            if (definition is null || !definition.DigitalLinkAttribute || !DigitalLinkParser.TryDecode(equals < 0 ? "" : pair[(equals + 1)..], out var value))
            {
                problems.Add(new Gs1Problem(name, Gs1Rule.InvalidPairing,
                    $"AI {name} is not allowed as a Digital Link data attribute", $"AI {name} không được dùng làm thuộc tính dữ liệu Digital Link"));
                continue;
            }

            elements.Add(new AiValue(name, value, input.IndexOf(pair, StringComparison.Ordinal) + name.Length + 2));
        }

        return Finish(Gs1Form.DigitalLink, elements, problems, null);
    }

    private static bool IsInOrder(List<string> used, IReadOnlyList<string> order)
    {
        var last = -1;
        foreach (var ai in used)
        {
            var index = IndexOf(order, ai);
            if (index <= last)
            {
                return false;
            }

            last = index;
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static Gs1Result<ElementString> Finish(Gs1Form form, List<AiValue> elements, List<Gs1Problem> problems, string? symbology)
    {
        problems.AddRange(ElementStringValidator.Validate(elements));
        if (problems.Count > 0)
        {
            return Gs1Result<ElementString>.Fail([.. problems]);
        }

        // A repeated AI with the same value says nothing new.
        var distinct = elements.DistinctBy(e => (e.Ai, e.Value)).ToList();
        return Gs1Result<ElementString>.Ok(new ElementString(form, distinct, symbology));
    }

    private static Gs1Problem UnknownAi(string ai, int position) => new(ai, Gs1Rule.UnknownAi,
        $"AI {ai} (position {position}): not an Application Identifier in the GS1 General Specifications",
        $"AI {ai} (vị trí {position}): không phải định danh ứng dụng (AI) trong Quy định chung GS1");

    private static Gs1Problem Syntax(string part, int position, string english, string vietnamese) =>
        new(part, Gs1Rule.NotAUri, $"position {position}: {english}", $"vị trí {position}: {vietnamese}");
}
