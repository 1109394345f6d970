using System.Collections.Frozen;
using System.Globalization;

namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>
/// The content checks ("linters") the GS1 syntax dictionary names on AI components. Linters not in
/// <see cref="Implemented"/> are not yet checked (see docs/gs1.md).
/// </summary>
public static class Linters
{
    private const string Cset82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    private const string Cset32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89];

    public readonly record struct Failure(Gs1Rule Rule, string English, string Vietnamese);

    // One small method per linter, resolved once per AI component: a switch over every name, with
    // every message of every linter in one frame, cost more than the check itself on the scan path.
    private static readonly FrozenDictionary<string, Func<string, Failure?>> Checks = new Dictionary<string, Func<string, Failure?>>
    {
        ["csum"] = value => CheckDigitOf(value),
        ["yymmd0"] = value => Date(value, 2, dayMayBeZero: true),
        ["yymmdd"] = value => Date(value, 2, dayMayBeZero: false),
        ["yyyymmdd"] = value => Date(value, 4, dayMayBeZero: false),
        ["hhmi"] = value => Clock(value[..2], 23, "hour", "giờ") ?? Clock(value[2..4], 59, "minute", "phút"),
        ["hh"] = value => Clock(value, 23, "hour", "giờ"),
        ["mi"] = value => Clock(value, 59, "minute", "phút"),
        ["ss"] = value => Clock(value, 59, "second", "giây"),
        ["nonzero"] = value => value.All(c => c == '0') ? Invalid("must not be all zeros", "không được toàn số 0") : null,
        ["zero"] = value => value == "0" ? null : Invalid("must be 0", "phải là 0"),
        ["yesno"] = value => value is "0" or "1" ? null : Invalid($"'{value}' must be 0 (no) or 1 (yes)", $"'{value}' phải là 0 (không) hoặc 1 (có)"),
        ["hyphen"] = value => value.All(c => c == '-') ? null : Invalid("must be '-'", "phải là '-'"),
        ["pcenc"] = value => PercentEncoding.TryDecode(value, out _) ? null : Invalid("has a malformed percent-encoding", "mã hóa phần trăm (%) sai"),
        ["pieceoftotal"] = value => PieceOfTotal(value),
        ["latitude"] = value => Degrees(value, 180, "latitude", "vĩ độ"),
        ["longitude"] = value => Degrees(value, 360, "longitude", "kinh độ"),
        ["nozeroprefix"] = value => value.Length > 1 && value[0] == '0' ? Invalid("must not start with 0", "không được bắt đầu bằng 0") : null,
        ["hasnondigit"] = value => value.All(char.IsAsciiDigit) ? Invalid("must contain a non-digit", "phải có ít nhất một ký tự không phải chữ số") : null,
        ["iso3166"] = value => IsoCodes.CountryNumeric.Contains(value) ? null : Invalid($"{value} is not an ISO 3166 country code", $"{value} không phải mã quốc gia ISO 3166"),
        ["iso3166999"] = value => value == "999" || IsoCodes.CountryNumeric.Contains(value) ? null
            : Invalid($"{value} is neither an ISO 3166 country code nor 999", $"{value} không phải mã quốc gia ISO 3166 hay 999"),
        ["iso3166alpha2"] = value => IsoCodes.CountryAlpha2.Contains(value) ? null : Invalid($"{value} is not an ISO 3166 alpha-2 country code", $"{value} không phải mã quốc gia ISO 3166 hai chữ"),
        ["iso4217"] = value => IsoCodes.CurrencyNumeric.Contains(value) ? null : Invalid($"{value} is not an ISO 4217 currency code", $"{value} không phải mã tiền tệ ISO 4217"),
        ["iso5218"] = value => value is "0" or "1" or "2" or "9" ? null : Invalid($"{value} is not an ISO/IEC 5218 sex code (0, 1, 2 or 9)", $"{value} không phải mã giới tính ISO/IEC 5218 (0, 1, 2 hoặc 9)"),
        ["iban"] = value => Iban(value),
        ["gcppos1"] = value => CompanyPrefixDigits(value, 0),
        ["gcppos2"] = value => CompanyPrefixDigits(value, 1),
        ["csumalpha"] = value => CheckCharacterPair(value),
        ["winding"] = value => value is "0" or "1" or "9" ? null : Invalid($"winding direction {value} must be 0, 1 or 9", $"chiều cuộn {value} phải là 0, 1 hoặc 9"),
        ["importeridx"] = value => value.Length == 1 && (char.IsAsciiLetterOrDigit(value[0]) || value[0] is '-' or '_') ? null
            : Invalid($"importer index '{value}' must be one of 0-9, A-Z, a-z, - or _", $"chỉ số nhà nhập khẩu '{value}' phải là 0-9, A-Z, a-z, - hoặc _"),
        ["posinseqslash"] = value => PositionInSequence(value),
        ["mediatype"] = value => Number(value) is (>= 1 and <= 10) or (>= 80 and <= 99) ? null
            : Invalid($"media type {value} is not 01 to 10 or 80 to 99", $"loại phương tiện {value} không thuộc 01 đến 10 hoặc 80 đến 99"),
        ["couponcode"] = value => CouponLinters.CouponCode(value),
        ["couponposoffer"] = value => CouponLinters.CouponPositiveOffer(value),
        ["packagetype"] = value => PackageTypes.Codes.Contains(value) ? null
            : Invalid($"'{value}' is not a package type code (UN/ECE Recommendation 21, GS1 PackageTypeCode)", $"'{value}' không phải mã loại bao gói (UN/ECE khuyến nghị 21, GS1 PackageTypeCode)"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IReadOnlySet<string> Implemented { get; } = Checks.Keys.ToFrozenSet(StringComparer.Ordinal);

    public static Failure? Check(string linter, string value) => Resolve(linter)?.Invoke(value);

    /// <summary>The check a linter name stands for; null for a name this code does not know.</summary>
    internal static Func<string, Failure?>? Resolve(string linter) => Checks.GetValueOrDefault(linter);

    private static Failure? CheckDigitOf(string digits)
    {
        var expected = CheckDigit.Compute(digits.AsSpan(0, digits.Length - 1));
        var actual = digits[^1] - '0';
        return expected == actual ? null : new Failure(Gs1Rule.CheckDigit, $"check digit should be {expected}, not {actual}", $"số kiểm tra phải là {expected}, không phải {actual}");
    }

    /// <summary>A date of <paramref name="yearDigits"/>-digit year, month and day; read in place, as expiry dates are on every scan.</summary>
    private static Failure? Date(string value, int yearDigits, bool dayMayBeZero)
    {
        var span = value.AsSpan();
        var m = Number(span.Slice(yearDigits, 2));
        if (m is < 1 or > 12)
        {
            var month = value.Substring(yearDigits, 2);
            return Invalid($"month {month} is not a month", $"tháng {month} không phải là tháng");
        }

        // A two-digit year counts from 2000 here; only February 29th depends on it.
        var y = Number(span[..yearDigits]) + (yearDigits == 2 ? 2000 : 0);
        var d = Number(span.Slice(yearDigits + 2, 2));
        if (d == 0 && dayMayBeZero)
        {
            return null;
        }

        // Worked out here, not by DateTime: a four-digit year may be 0000, which DateTime refuses with an exception.
        var leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        var last = m == 2 ? (leap ? 29 : 28) : m is 4 or 6 or 9 or 11 ? 30 : 31;
        if (d >= 1 && d <= last)
        {
            return null;
        }

        var (dayText, monthText) = (value.Substring(yearDigits + 2, 2), value.Substring(yearDigits, 2));
        return Invalid($"day {dayText} is not a day of month {monthText} (1 to {last}{(dayMayBeZero ? ", or 00" : "")})",
            $"ngày {dayText} không có trong tháng {monthText} (1 đến {last}{(dayMayBeZero ? ", hoặc 00" : "")})");
    }

    private static Failure? Clock(string value, int max, string unit, string unitVi) =>
        Number(value) <= max ? null : Invalid($"{unit} {value} is out of range 00 to {max}", $"{unitVi} {value} ngoài khoảng 00 đến {max}");

    private static Failure? PieceOfTotal(string value)
    {
        var half = value.Length / 2;
        var (piece, total) = (Number(value.AsSpan(0, half)), Number(value.AsSpan(half)));
        return piece >= 1 && total >= 1 && piece <= total ? null
            : Invalid($"piece {value[..half]} of total {value[half..]} is not possible", $"phần {value[..half]} trên tổng {value[half..]} không hợp lệ");
    }

    private static Failure? Degrees(string value, int range, string name, string nameVi) =>
        long.Parse(value, CultureInfo.InvariantCulture) <= range * 10_000_000L ? null : Invalid($"{name} is out of range", $"{nameVi} ngoài phạm vi");

    /// <summary>ISO 13616: a known country, two check digits, and the whole number mod 97 equal to 1.</summary>
    private static Failure? Iban(string value)
    {
        if (value.Length < 5 || !IsoCodes.CountryAlpha2.Contains(value[..2]) || !char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3])
            || !value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            return Invalid("is not an IBAN (country, two check digits, then capital letters and digits)", "không phải IBAN (mã nước, hai số kiểm tra, rồi chữ in hoa và chữ số)");
        }

        var remainder = 0;
        foreach (var c in value[4..] + value[..4])
        {
            var digits = char.IsAsciiDigit(c) ? (c - '0').ToString(CultureInfo.InvariantCulture) : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture);
            foreach (var d in digits)
            {
                remainder = (remainder * 10 + (d - '0')) % 97;
            }
        }

        return remainder == 1 ? null : new Failure(Gs1Rule.CheckDigit, "IBAN check digits do not match", "số kiểm tra IBAN không khớp");
    }

    /// <summary>A GS1 company prefix is at least four digits, starting at the given offset.</summary>
    private static Failure? CompanyPrefixDigits(string value, int offset) =>
        value.Length >= offset + 4 && value.AsSpan(offset, 4).IndexOfAnyExceptInRange('0', '9') < 0 ? null
            : Invalid($"must hold a GS1 company prefix (at least 4 digits) from position {offset + 1}", $"phải chứa mã doanh nghiệp GS1 (ít nhất 4 chữ số) từ vị trí {offset + 1}");

    /// <summary>GS1 check character pair (General Specifications 7.9.5): prime weights from the right, mod 1021, two characters of set 32.</summary>
    private static Failure? CheckCharacterPair(string value)
    {
        if (value.Length < 3)
        {
            return Invalid("is too short to carry its check character pair", "quá ngắn để có cặp ký tự kiểm tra");
        }

        var data = value[..^2];
        var sum = 0;
        for (var i = 0; i < data.Length; i++)
        {
            sum += Cset82.IndexOf(data[data.Length - 1 - i], StringComparison.Ordinal) * Primes[i % Primes.Length];
        }

        sum %= 1021;
        var expected = $"{Cset32[sum / 32]}{Cset32[sum % 32]}";
        return value[^2..] == expected ? null
            : new Failure(Gs1Rule.CheckDigit, $"check characters should be {expected}, not {value[^2..]}", $"cặp ký tự kiểm tra phải là {expected}, không phải {value[^2..]}");
    }

    private static Failure? PositionInSequence(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && int.TryParse(value[..slash], CultureInfo.InvariantCulture, out var position) && int.TryParse(value[(slash + 1)..], CultureInfo.InvariantCulture, out var total)
            && value[..slash].All(char.IsAsciiDigit) && value[(slash + 1)..].All(char.IsAsciiDigit) && position >= 1 && position <= total
            ? null
            : Invalid($"'{value}' must be position/total, such as 2/5", $"'{value}' phải có dạng vị trí/tổng số, như 2/5");
    }

    private static int Number(ReadOnlySpan<char> digits) => digits.Length == 2 && char.IsAsciiDigit(digits[0]) && char.IsAsciiDigit(digits[1])
        ? (digits[0] - '0') * 10 + digits[1] - '0'
        : int.Parse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static Failure Invalid(string english, string vietnamese) => new(Gs1Rule.InvalidContent, english, vietnamese);
}
