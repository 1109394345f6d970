using System.Buffers;

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

    public static IEnumerable<Gs1Problem> Validate(IReadOnlyList<AiValue> elements)
    {
        foreach (var element in elements)
        {
            if (element.Definition is null)
            {
                yield return new Gs1Problem(element.Ai, Gs1Rule.UnknownAi,
                    $"AI {element.Ai} (position {element.Position}): not an Application Identifier in the GS1 General Specifications",
                    $"AI {element.Ai} (vị trí {element.Position}): không phải AI trong Quy định chung GS1");
                continue;
            }

            foreach (var problem in Format(element, element.Definition))
            {
                yield return problem;
            }
        }

        foreach (var duplicate in elements.GroupBy(e => e.Ai).Where(g => g.Select(e => e.Value).Distinct().Count() > 1))
        {
            yield return Problem(duplicate.ElementAt(1), Gs1Rule.ConflictingDuplicate,
                $"appears again with a different value ('{duplicate.First().Value}' and '{duplicate.ElementAt(1).Value}')",
                $"xuất hiện lần nữa với giá trị khác ('{duplicate.First().Value}' và '{duplicate.ElementAt(1).Value}')");
        }

        var codes = elements.Select(e => e.Ai).Distinct().ToList();
        foreach (var element in elements.Where(e => e.Definition is not null).DistinctBy(e => e.Ai))
        {
            foreach (var alternatives in element.Definition!.Requires)
            {
                if (!alternatives.Any(group => group.Split('+').All(pattern => codes.Any(code => AiDefinition.Matches(pattern, code)))))
                {
                    var needed = string.Join(", ", alternatives.Select(a => a.Replace("+", " with ", StringComparison.Ordinal)));
                    yield return Problem(element, Gs1Rule.MissingAssociation,
                        $"needs one of AI {needed} in the same message", $"cần có một trong các AI {needed.Replace(" with ", " cùng ", StringComparison.Ordinal)} trong cùng thông điệp");
                }
            }

            foreach (var pattern in element.Definition.Excludes)
            {
                foreach (var other in codes.Where(code => code != element.Ai && AiDefinition.Matches(pattern, code)))
                {
                    yield return Problem(element, Gs1Rule.InvalidPairing, $"cannot appear together with AI {other}", $"không được đi cùng AI {other}");
                }
            }
        }
    }

    private static IEnumerable<Gs1Problem> Format(AiValue element, AiDefinition definition)
    {
        var value = element.Value;
        var at = 0;
        foreach (var component in definition.Components)
        {
            if (at >= value.Length && component.Optional)
            {
                yield break;
            }

            var length = component.IsFixedLength ? component.MaxLength : Math.Min(value.Length - at, component.MaxLength);
            if (value.Length - at < component.MinLength || length == 0)
            {
                // Wrong characters say more than a wrong length about what went wrong.
                if (CharacterSetProblem(element, component.CharacterSet, value[at..], at) is { } shortSetProblem)
                {
                    yield return shortSetProblem;
                    yield break;
                }

                yield return Problem(element, Gs1Rule.Length,
                    $"value is too short: needs {LengthText(definition)}", $"giá trị quá ngắn: cần {LengthText(definition)}");
                yield break;
            }

            var part = value.Substring(at, length);
            if (CharacterSetProblem(element, component.CharacterSet, part, at) is { } setProblem)
            {
                yield return setProblem;
                yield break;
            }

            foreach (var linter in component.Linters)
            {
                if (Linters.Check(linter, part) is { } failure)
                {
                    yield return Problem(element, failure.Rule, failure.English, failure.Vietnamese);
                }
            }

            at += length;
        }

        if (at < value.Length)
        {
            yield return Problem(element, Gs1Rule.Length,
                $"value is too long: at most {LengthText(definition)}", $"giá trị quá dài: tối đa {LengthText(definition)}");
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
