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
                    (problems ??= []).Add(Missing(element, alternatives));
                }
            }

            foreach (var pattern in definition.ExcludedPatterns)
            {
                for (var j = 0; j < elements.Length; j++)
                {
                    var other = elements[j].Ai;
                    if (AiDefinition.Matches(pattern, other) && other != element.Ai && (unique || IndexOf(elements, other) == j))
                    {
                        (problems ??= []).Add(Excluded(element, other));
                    }
                }
            }
        }
    }

    private static Gs1Problem Missing(AiValue element, string[][] alternatives)
    {
        var needed = string.Join(", ", alternatives.Select(a => string.Join(" with ", a)));
        return Problem(element, Gs1Rule.MissingAssociation,
            $"needs one of AI {needed} in the same message", $"cần có một trong các AI {needed.Replace(" with ", " cùng ", StringComparison.Ordinal)} trong cùng thông điệp");
    }

    private static Gs1Problem Excluded(AiValue element, string other) =>
        Problem(element, Gs1Rule.InvalidPairing, $"cannot appear together with AI {other}", $"không được đi cùng AI {other}");

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
    /// <remarks>The messages are built in helpers of their own: this runs for every value of every scan.</remarks>
    public static void Format(AiValue element, AiDefinition definition, ref List<Gs1Problem>? problems)
    {
        var value = element.Value;
        var at = 0;
        foreach (var component in definition.ComponentArray)
        {
            if (at >= value.Length && component.Optional)
            {
                return;
            }

            var length = component.IsFixedLength ? component.MaxLength : Math.Min(value.Length - at, component.MaxLength);
            if (value.Length - at < component.MinLength || length == 0)
            {
                // Wrong characters say more than a wrong length about what went wrong.
                var shortBad = FirstOutside(component.CharacterSet, value.AsSpan(at));
                (problems ??= []).Add(shortBad >= 0 ? CharacterSet(element, component.CharacterSet, value[at..], at, shortBad) : TooShort(element, definition));
                return;
            }

            var bad = FirstOutside(component.CharacterSet, value.AsSpan(at, length));
            if (bad >= 0)
            {
                (problems ??= []).Add(CharacterSet(element, component.CharacterSet, value.Substring(at, length), at, bad));
                return;
            }

            if (component.Checks.Length > 0)
            {
                var part = at == 0 && length == value.Length ? value : value.Substring(at, length);
                foreach (var check in component.Checks)
                {
                    if (check(part) is { } failure)
                    {
                        (problems ??= []).Add(Problem(element, failure.Rule, failure.English, failure.Vietnamese));
                    }
                }
            }

            at += length;
        }

        if (at < value.Length)
        {
            (problems ??= []).Add(TooLong(element, definition));
        }
    }

    private static int FirstOutside(char set, ReadOnlySpan<char> part) => set switch
    {
        'N' => part.IndexOfAnyExceptInRange('0', '9'),
        'X' => part.IndexOfAnyExcept(Cset82Chars),
        'Y' => part.IndexOfAnyExcept(Cset39),
        _ => part.IndexOfAnyExcept(Cset64),
    };

    private static Gs1Problem TooShort(AiValue element, AiDefinition definition) => Problem(element, Gs1Rule.Length,
        $"value is too short: needs {LengthText(definition)}", $"giá trị quá ngắn: cần {LengthText(definition)}");

    private static Gs1Problem TooLong(AiValue element, AiDefinition definition) => Problem(element, Gs1Rule.Length,
        $"value is too long: at most {LengthText(definition)}", $"giá trị quá dài: tối đa {LengthText(definition)}");

    private static Gs1Problem CharacterSet(AiValue element, char set, string part, int offset, int bad)
    {
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
