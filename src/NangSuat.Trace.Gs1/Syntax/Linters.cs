using System.Globalization;

namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>
/// The content checks ("linters") the GS1 syntax dictionary names on AI components. Linters not in
/// <see cref="Implemented"/> are not yet checked (see docs/gs1.md).
/// </summary>
public static class Linters
{
    public static readonly IReadOnlySet<string> Implemented = new HashSet<string>
    {
        "csum", "yymmd0", "yymmdd", "yyyymmdd", "hhmi", "hh", "mi", "ss", "nonzero", "zero", "yesno", "hyphen",
        "pcenc", "pieceoftotal", "latitude", "longitude", "nozeroprefix", "hasnondigit",
    };

    public readonly record struct Failure(Gs1Rule Rule, string English, string Vietnamese);

    public static Failure? Check(string linter, string value) => linter switch
    {
        "csum" => CheckDigitOf(value),
        "yymmd0" => Date(value[..2], value[2..4], value[4..6], dayMayBeZero: true),
        "yymmdd" => Date(value[..2], value[2..4], value[4..6], dayMayBeZero: false),
        "yyyymmdd" => Date(value[..4], value[4..6], value[6..8], dayMayBeZero: false),
        "hhmi" => Clock(value[..2], 23, "hour", "giờ") ?? Clock(value[2..4], 59, "minute", "phút"),
        "hh" => Clock(value, 23, "hour", "giờ"),
        "mi" => Clock(value, 59, "minute", "phút"),
        "ss" => Clock(value, 59, "second", "giây"),
        "nonzero" => value.All(c => c == '0') ? Invalid("must not be all zeros", "không được toàn số 0") : null,
        "zero" => value == "0" ? null : Invalid("must be 0", "phải là 0"),
        "yesno" => value is "0" or "1" ? null : Invalid($"'{value}' must be 0 (no) or 1 (yes)", $"'{value}' phải là 0 (không) hoặc 1 (có)"),
        "hyphen" => value.All(c => c == '-') ? null : Invalid("must be '-'", "phải là '-'"),
        "pcenc" => DigitalLinkParser.TryDecode(value, out _) ? null : Invalid("has a malformed percent-encoding", "mã hóa phần trăm (%) sai"),
        "pieceoftotal" => PieceOfTotal(value),
        "latitude" => Degrees(value, 180, "latitude", "vĩ độ"),
        "longitude" => Degrees(value, 360, "longitude", "kinh độ"),
        "nozeroprefix" => value.Length > 1 && value[0] == '0' ? Invalid("must not start with 0", "không được bắt đầu bằng 0") : null,
        "hasnondigit" => value.All(char.IsAsciiDigit) ? Invalid("must contain a non-digit", "phải có ít nhất một ký tự không phải chữ số") : null,
        _ => null,
    };

    private static Failure? CheckDigitOf(string digits)
    {
        var expected = CheckDigit.Compute(digits.AsSpan(0, digits.Length - 1));
        var actual = digits[^1] - '0';
        return expected == actual ? null : new Failure(Gs1Rule.CheckDigit, $"check digit should be {expected}, not {actual}", $"số kiểm tra phải là {expected}, không phải {actual}");
    }

    private static Failure? Date(string year, string month, string day, bool dayMayBeZero)
    {
        var m = Number(month);
        if (m is < 1 or > 12)
        {
            return Invalid($"month {month} is not a month", $"tháng {month} không phải là tháng");
        }

        // A two-digit year counts from 2000 here; only February 29th depends on it.
        var y = year.Length == 2 ? 2000 + Number(year) : Number(year);
        var d = Number(day);
        if (d == 0 && dayMayBeZero)
        {
            return null;
        }

        var last = DateTime.DaysInMonth(y, m);
        return d >= 1 && d <= last ? null : Invalid($"day {day} is not a day of month {month} (1 to {last}{(dayMayBeZero ? ", or 00" : "")})",
            $"ngày {day} không có trong tháng {month} (1 đến {last}{(dayMayBeZero ? ", hoặc 00" : "")})");
    }

    private static Failure? Clock(string value, int max, string unit, string unitVi) =>
        Number(value) <= max ? null : Invalid($"{unit} {value} is out of range 00 to {max}", $"{unitVi} {value} ngoài khoảng 00 đến {max}");

    private static Failure? PieceOfTotal(string value)
    {
        var half = value.Length / 2;
        var (piece, total) = (Number(value[..half]), Number(value[half..]));
        return piece >= 1 && total >= 1 && piece <= total ? null
            : Invalid($"piece {value[..half]} of total {value[half..]} is not possible", $"phần {value[..half]} trên tổng {value[half..]} không hợp lệ");
    }

    private static Failure? Degrees(string value, int range, string name, string nameVi) =>
        long.Parse(value, CultureInfo.InvariantCulture) <= range * 10_000_000L ? null : Invalid($"{name} is out of range", $"{nameVi} ngoài phạm vi");

    private static int Number(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    private static Failure Invalid(string english, string vietnamese) => new(Gs1Rule.InvalidContent, english, vietnamese);
}
