using System.Buffers;

namespace NangSuat.Trace.Gs1;

/// <summary>
/// GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1): the characters
/// allowed in batch/lot (AI 10) and serial (AI 21) values.
/// </summary>
public static class Cset82
{
    private static readonly SearchValues<char> Allowed = SearchValues.Create(
        "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    /// <summary>Validates a value of 1 to <paramref name="maxLength"/> characters from set 82.</summary>
    public static Gs1Result<string> Validate(string? value, string part, int maxLength = 20)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Gs1Result<string>.Fail(Gs1Problem.Required(part));
        }

        var bad = value.AsSpan().IndexOfAnyExcept(Allowed);
        if (bad >= 0)
        {
            var shown = char.IsWhiteSpace(value[bad]) || char.IsControl(value[bad])
                ? $"U+{(int)value[bad]:X4}"
                : value[bad].ToString();
            return Gs1Result<string>.Fail(new Gs1Problem(part, Gs1Rule.CharacterSet,
                $"character '{shown}' at position {bad + 1} is not in the GS1 character set 82 (letters A-Z a-z, digits and !\"%&'()*+,-./:;<=>?_ only; no spaces or accents)",
                $"ký tự '{shown}' ở vị trí {bad + 1} không thuộc bộ ký tự GS1 82 (chỉ chữ A-Z a-z không dấu, chữ số và !\"%&'()*+,-./:;<=>?_; không có dấu cách)"));
        }

        return value.Length > maxLength
            ? Gs1Result<string>.Fail(Gs1Problem.Length(part, value.Length, $"1 to {maxLength} characters", $"từ 1 đến {maxLength} ký tự"))
            : Gs1Result<string>.Ok(value);
    }
}
