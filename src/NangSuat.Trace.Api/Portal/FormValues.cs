using System.Globalization;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Portal;

/// <summary>
/// Reads the typed values of a posted form the way people write them: a browser's date field or
/// day/month/year, a Vietnamese decimal comma. Whatever does not read names its field and says
/// what to type instead; a blank is simply absent.
/// </summary>
public static partial class FormValues
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static DateOnly? Date(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || DateOnly.TryParseExact(value.Trim(), "d/M/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return date;
        }

        errors.Add(field, $"'{FieldErrors.Shown(value)}' không phải ngày; ghi theo dạng ngày/tháng/năm, ví dụ 24/11/2026",
            $"'{FieldErrors.Shown(value)}' is not a date; write it as day/month/year, e.g. 24/11/2026");
        return null;
    }

    /// <summary>A date as a browser's date field holds it.</summary>
    public static string? DateInput(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A choice from a list of records, by its id.</summary>
    public static Guid? Choice(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        errors.Add(field, "không phải một lựa chọn của danh sách", "is not one of the list's choices");
        return null;
    }

    /// <summary>A number as Vietnamese writes it (1.250,5) or as English does (1,250.5); a lone comma is a decimal comma.</summary>
    public static decimal? Number(FieldErrors errors, string field, string? value)
    {
        var text = (value ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        if (text.Length == 0)
        {
            return null;
        }

        var (first, second) = text.Contains(',') && !text.Contains('.') ? (Vietnamese, CultureInfo.InvariantCulture) : (CultureInfo.InvariantCulture, Vietnamese);
        if (decimal.TryParse(text, NumberStyles.Number, first, out var number) || decimal.TryParse(text, NumberStyles.Number, second, out number))
        {
            return number;
        }

        errors.Add(field, $"'{FieldErrors.Shown(text)}' không phải số; ví dụ 850 hoặc 12,5", $"'{FieldErrors.Shown(text)}' is not a number; e.g. 850 or 12.5");
        return null;
    }

    /// <summary>
    /// A whole number as people type one: ASCII digits, perhaps grouped by thousands with dots, commas
    /// or spaces ("20.000" is twenty thousand, not twenty). Null, with the field named, for anything else.
    /// </summary>
    public static int? WholeNumber(FieldErrors errors, string field, string? value, int min, int max)
    {
        var text = (value ?? "").Trim();
        if (WholeNumberShape().IsMatch(text)
            && int.TryParse(text.Replace(".", "").Replace(",", "").Replace(" ", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(field, $"phải là một số nguyên từ {min:N0} đến {max:N0}", $"must be a whole number from {min:N0} to {max:N0}");
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^([0-9]{1,9}|[0-9]{1,3}([., ][0-9]{3}){1,2})$")]
    private static partial System.Text.RegularExpressions.Regex WholeNumberShape();
}
