using System.Text;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>One reason a field is refused, in both portal languages: the API answers in the request's, a form in the page's.</summary>
public sealed record FieldError(string Vietnamese, string English)
{
    public string In(string language) => language == Language.English ? English : Vietnamese;
}

/// <summary>
/// Collects every failing field of a request so one answer names them all. The feature rules fill
/// it; the API turns it into a ValidationProblem and a portal form shows each error beside its field.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<FieldError>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public IReadOnlyDictionary<string, List<FieldError>> All => _errors;

    public void Add(string field, string vietnamese, string english)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(new FieldError(vietnamese, english));
    }

    /// <summary>Records a GS1 rejection under the request's field name and returns the value when valid.</summary>
    public T? Gs1<T>(string field, Gs1Result<T> result)
    {
        foreach (var problem in result.Problems)
        {
            Add(field, problem.Vietnamese, problem.English);
        }

        return result.Value;
    }

    /// <summary>Trims the value and records an error when it is missing, too long or not clean text.</summary>
    public string Required(string field, string? value, int maxLength = 200)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            Add(field, "bắt buộc phải có", "is required");
            return "";
        }

        return Text(field, trimmed, maxLength);
    }

    /// <summary>Trims an optional value to null when blank and records an error when too long or not clean text.</summary>
    public string? Optional(string field, string? value, int maxLength = 200)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Text(field, trimmed, maxLength);
    }

    public TEnum? OneOf<TEnum>(string field, string? value, bool required = true)
        where TEnum : struct, Enum
    {
        var allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(Json.CamelCase));
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, $"bắt buộc phải có, một trong: {allowed}", $"is required, one of: {allowed}");
            }

            return null;
        }

        if (Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        var shown = Shown(value);
        Add(field, $"'{shown}' không hợp lệ; chỉ nhận: {allowed}", $"'{shown}' is not allowed; use one of: {allowed}");
        return null;
    }

    public void Range(string field, double? value, double min, double max)
    {
        if (value is { } v && !(v >= min && v <= max))
        {
            Add(field, $"phải nằm trong khoảng {min} đến {max}", $"must be between {min} and {max}");
        }
    }

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.In(Language.Current)).ToArray()),
            title: Language.Pick("Dữ liệu gửi lên chưa hợp lệ.", "The request has invalid fields."),
            type: ProblemTypes.Validation);

    /// <summary>
    /// Text a person could have typed: no control characters (PostgreSQL refuses NUL and terminal
    /// escapes have no place on a label), no lone surrogates (no UTF-8 form) and no Unicode
    /// non-characters such as U+FFFE (normalization and many databases refuse them).
    /// </summary>
    public static bool IsCleanText(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return false;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                if (IsNonCharacter(char.ConvertToUtf32(c, value[++i])))
                {
                    return false;
                }
            }
            else if (IsNonCharacter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A value quoted back in a message: cut short and stripped of what cannot be shown.</summary>
    public static string Shown(string value)
    {
        var cut = value.Length > 60 ? value[..60] + "…" : value;
        if (IsCleanText(cut))
        {
            return cut;
        }

        var shown = new StringBuilder(cut.Length);
        foreach (var rune in cut.EnumerateRunes())
        {
            shown.Append(Rune.IsControl(rune) || IsNonCharacter(rune.Value) || rune == Rune.ReplacementChar ? "\uFFFD" : rune.ToString());
        }

        return shown.ToString();
    }

    private static bool IsNonCharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    private string Text(string field, string value, int maxLength)
    {
        if (!IsCleanText(value))
        {
            Add(field, "chứa ký tự điều khiển hoặc mã Unicode hỏng", "contains a control character or broken Unicode");
        }

        if (value.Length > maxLength)
        {
            Add(field, $"dài tối đa {maxLength} ký tự (hiện có {value.Length})", $"must be at most {maxLength} characters (has {value.Length})");
        }

        return value;
    }
}
