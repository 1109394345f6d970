using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>Collects every failing field of a request so one answer names them all.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string vietnamese, string english)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(Language.Pick(vietnamese, english));
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

    /// <summary>Trims the value and records an error when it is missing or too long.</summary>
    public string Required(string field, string? value, int maxLength = 200)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            Add(field, "bắt buộc phải có", "is required");
            return "";
        }

        return MaxLength(field, trimmed, maxLength);
    }

    /// <summary>Trims an optional value to null when blank and records an error when too long.</summary>
    public string? Optional(string field, string? value, int maxLength = 200)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : MaxLength(field, trimmed, maxLength);
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

        Add(field, $"'{value}' không hợp lệ; chỉ nhận: {allowed}", $"'{value}' is not allowed; use one of: {allowed}");
        return null;
    }

    public void Range(string field, double? value, double min, double max)
    {
        if (value is { } v && !(v >= min && v <= max))
        {
            Add(field, $"phải nằm trong khoảng {min} đến {max}", $"must be between {min} and {max}");
        }
    }

    private static bool IsCleanText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
                || (char.IsHighSurrogate(c) && (i + 1 == value.Length || !char.IsLowSurrogate(value[++i])))
                || char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            title: Language.Pick("Dữ liệu gửi lên chưa hợp lệ.", "The request has invalid fields."),
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    private string MaxLength(string field, string value, int maxLength)
    {
        // PostgreSQL refuses NUL, a lone surrogate has no UTF-8 form, and terminal escapes have no place on a label.
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
