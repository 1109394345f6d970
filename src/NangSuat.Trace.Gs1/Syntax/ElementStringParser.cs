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

    /// <summary>A Digital Link of any primary key, compressed or not, as its element string: <see cref="DigitalLinkUri.Parse"/> seen as AIs.</summary>
    public static Gs1Result<ElementString> ParseDigitalLink(string input)
    {
        var parsed = DigitalLinkUri.Parse(input);
        return parsed.IsValid ? Gs1Result<ElementString>.Ok(parsed.Value!.ToElementString()) : Gs1Result<ElementString>.Fail([.. parsed.Problems]);
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
