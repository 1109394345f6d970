using System.Buffers;
using System.Runtime.InteropServices;

namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>
/// Checks each AI's value against its format (character set, lengths, linters) and the message as a
/// whole against the dictionary's mandatory (req) and invalid (ex) pairings.
/// </summary>
internal static class ElementStringValidator
{
    private static readonly SearchValues<char> Cset82Chars = SearchValues.Create("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
    private static readonly SearchValues<char> Cset39 = SearchValues.Create("#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    private static readonly SearchValues<char> Cset64 = SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz=");

    public static List<Gs1Problem> Validate(List<AiValue> elements)
    {
        List<Gs1Problem>? problems = null;
        foreach (var element in elements)
        {
            if (element.Definition is { } definition)
            {
                Format(element, definition, ref problems);
            }
            else
            {
                (problems ??= []).Add(new Gs1Problem(element.Ai, Gs1Rule.UnknownAi,
                    $"AI {element.Ai} (position {element.Position}): not an Application Identifier in the GS1 General Specifications",
                    $"AI {element.Ai} (vị trí {element.Position}): không phải AI trong Quy định chung GS1"));
            }
        }

        foreach (var duplicate in elements.GroupBy(e => e.Ai).Where(g => g.Select(e => e.Value).Distinct().Count() > 1))
        {
            (problems ??= []).Add(Problem(duplicate.ElementAt(1), Gs1Rule.ConflictingDuplicate,
                $"appears again with a different value ('{duplicate.First().Value}' and '{duplicate.ElementAt(1).Value}')",
                $"xuất hiện lần nữa với giá trị khác ('{duplicate.First().Value}' và '{duplicate.ElementAt(1).Value}')"));
        }

        Associations(CollectionsMarshal.AsSpan(elements), ref problems);
        return problems ?? [];
    }

    /// <summary>
    /// The dictionary's mandatory (req) and invalid (ex) pairings, each AI checked once;
    /// <paramref name="unique"/> says no AI appears twice, as in a Digital Link, which spares the check.
    /// </summary>
    public static void Associations(ReadOnlySpan<AiValue> elements, ref List<Gs1Problem>? problems, bool unique = false)
    {
        for (var i = 0; i < elements.Length; i++)
        {
            var element = elements[i];
            if (element.Definition is not { } definition || (!unique && IndexOf(elements, element.Ai) < i))
            {
                continue;
            }

            foreach (var alternatives in definition.RequiredGroups)
            {
                if (!AnyGroupPresent(elements, alternatives))
                {
                    var needed = string.Join(", ", alternatives.Select(a => string.Join(" with ", a)));
                    (problems ??= []).Add(Problem(element, Gs1Rule.MissingAssociation,
                        $"needs one of AI {needed} in the same message", $"cần có một trong các AI {needed.Replace(" with ", " cùng ", StringComparison.Ordinal)} trong cùng thông điệp"));
                }
            }

            for (var e = 0; e < definition.Excludes.Count; e++)
            {
                var pattern = definition.Excludes[e];
                for (var j = 0; j < elements.Length; j++)
                {
                    var other = elements[j].Ai;
                    if (AiDefinition.Matches(pattern, other) && other != element.Ai && (unique || IndexOf(elements, other) == j))
                    {
                        (problems ??= []).Add(Problem(element, Gs1Rule.InvalidPairing, $"cannot appear together with AI {other}", $"không được đi cùng AI {other}"));
                    }
                }
            }
        }
    }

    private static bool AnyGroupPresent(ReadOnlySpan<AiValue> elements, string[][] alternatives)
    {
        foreach (var group in alternatives)
        {
            var all = true;
            foreach (var pattern in group)
            {
                all &= Present(elements, pattern);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Present(ReadOnlySpan<AiValue> elements, string pattern)
    {
        for (var i = 0; i < elements.Length; i++)
        {
            if (AiDefinition.Matches(pattern, elements[i].Ai))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(ReadOnlySpan<AiValue> elements, string ai)
    {
        for (var i = 0; i < elements.Length; i++)
        {
            if (elements[i].Ai == ai)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>One value against its AI's components: character set, lengths, linters.</summary>
    public static void Format(AiValue element, AiDefinition definition, ref List<Gs1Problem>? problems)
    {
        var value = element.Value;
        var at = 0;
        for (var c = 0; c < definition.Components.Count; c++)
        {
            var component = definition.Components[c];
            if (at >= value.Length && component.Optional)
            {
                return;
            }

            var length = component.IsFixedLength ? component.MaxLength : Math.Min(value.Length - at, component.MaxLength);
            if (value.Length - at < component.MinLength || length == 0)
            {
                // Wrong characters say more than a wrong length about what went wrong.
                if (CharacterSetProblem(element, component.CharacterSet, value[at..], at) is { } shortSetProblem)
                {
                    (problems ??= []).Add(shortSetProblem);
                    return;
                }

                (problems ??= []).Add(Problem(element, Gs1Rule.Length,
                    $"value is too short: needs {LengthText(definition)}", $"giá trị quá ngắn: cần {LengthText(definition)}"));
                return;
            }

            var part = at == 0 && length == value.Length ? value : value.Substring(at, length);
            if (CharacterSetProblem(element, component.CharacterSet, part, at) is { } setProblem)
            {
                (problems ??= []).Add(setProblem);
                return;
            }

            for (var l = 0; l < component.Linters.Count; l++)
            {
                if (Linters.Check(component.Linters[l], part) is { } failure)
                {
                    (problems ??= []).Add(Problem(element, failure.Rule, failure.English, failure.Vietnamese));
                }
            }

            at += length;
        }

        if (at < value.Length)
        {
            (problems ??= []).Add(Problem(element, Gs1Rule.Length,
                $"value is too long: at most {LengthText(definition)}", $"giá trị quá dài: tối đa {LengthText(definition)}"));
        }
    }

    private static Gs1Problem? CharacterSetProblem(AiValue element, char set, string part, int offset)
    {
        var bad = set switch
        {
            'N' => part.AsSpan().IndexOfAnyExceptInRange('0', '9'),
            'X' => part.AsSpan().IndexOfAnyExcept(Cset82Chars),
            'Y' => part.AsSpan().IndexOfAnyExcept(Cset39),
            _ => part.AsSpan().IndexOfAnyExcept(Cset64),
        };
        if (bad < 0)
        {
            return null;
        }

        var (name, nameVi) = set switch
        {
            'N' => ("digits only", "chỉ chữ số"),
            'X' => ("GS1 character set 82", "bộ ký tự GS1 82"),
            'Y' => ("GS1 character set 39", "bộ ký tự GS1 39"),
            _ => ("GS1 character set 64 (base64url)", "bộ ký tự GS1 64 (base64url)"),
        };
        var shown = char.IsControl(part[bad]) || char.IsWhiteSpace(part[bad]) ? $"U+{(int)part[bad]:X4}" : part[bad].ToString();
        return new Gs1Problem(element.Ai, set == 'N' ? Gs1Rule.DigitsOnly : Gs1Rule.CharacterSet,
            $"AI {element.Ai} (position {element.Position + offset + bad}): character '{shown}' is not allowed ({name})",
            $"AI {element.Ai} (vị trí {element.Position + offset + bad}): ký tự '{shown}' không được phép ({nameVi})");
    }

    private static string LengthText(AiDefinition definition)
    {
        var min = definition.Components.Where(c => !c.Optional).Sum(c => c.MinLength);
        return min == definition.MaxLength ? $"{min} characters" : $"{min} to {definition.MaxLength} characters";
    }

    private static Gs1Problem Problem(AiValue element, Gs1Rule rule, string english, string vietnamese) =>
        new(element.Ai, rule, $"AI {element.Ai} (position {element.Position}): {english}", $"AI {element.Ai} (vị trí {element.Position}): {vietnamese}");
}
