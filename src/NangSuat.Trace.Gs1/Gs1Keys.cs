namespace NangSuat.Trace.Gs1;

/// <summary>Validation and normalisation of the GS1 numeric keys the portal stores.</summary>
public static class Gs1Keys
{
    private static readonly int[] GtinLengths = [8, 12, 13, 14];
    private static readonly int[] GlnLengths = [13];
    private static readonly int[] SsccLengths = [18];

    /// <summary>Accepts GTIN-8, -12, -13 or -14 and returns the 14-digit form.</summary>
    public static Gs1Result<string> Gtin(string? input, string part = "gtin")
    {
        var digits = Digits(input, part, GtinLengths, "8, 12, 13 or 14 digits", "8, 12, 13 hoặc 14 chữ số");
        return digits.IsValid ? Gs1Result<string>.Ok(digits.Value!.PadLeft(14, '0')) : digits;
    }

    public static Gs1Result<string> Gln(string? input, string part = "gln") =>
        Digits(input, part, GlnLengths, "13 digits", "13 chữ số");

    public static Gs1Result<string> Sscc(string? input, string part = "sscc") =>
        Digits(input, part, SsccLengths, "18 digits", "18 chữ số");

    /// <summary>A GS1 company prefix is 4 to 12 digits with no check digit of its own.</summary>
    public static Gs1Result<string> CompanyPrefix(string? input, string part = "gs1CompanyPrefix")
    {
        var value = input?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return Gs1Result<string>.Fail(Gs1Problem.Required(part));
        }

        if (FirstNonDigit(value) is { } bad)
        {
            return Gs1Result<string>.Fail(Gs1Problem.DigitsOnly(part, value[bad], bad + 1));
        }

        return value.Length is < 4 or > 12
            ? Gs1Result<string>.Fail(Gs1Problem.Length(part, value.Length, "4 to 12 digits", "từ 4 đến 12 chữ số"))
            : Gs1Result<string>.Ok(value);
    }

    /// <summary>Whether a 14-digit GTIN was allocated under the given company prefix.</summary>
    public static bool IsUnderPrefix(string gtin14, string companyPrefix)
    {
        // The indicator digit of a GTIN-14 and the padding zeros of shorter GTINs come before the prefix.
        var body = gtin14.AsSpan(1);
        if (body.StartsWith(companyPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        // A GTIN-12 (UPC) prefix is written without the leading zero that makes it a GTIN-13.
        return body.StartsWith("0", StringComparison.Ordinal) && body[1..].StartsWith(companyPrefix, StringComparison.Ordinal);
    }

    private static Gs1Result<string> Digits(string? input, string part, int[] lengths, string allowed, string allowedVi)
    {
        var value = input?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return Gs1Result<string>.Fail(Gs1Problem.Required(part));
        }

        if (FirstNonDigit(value) is { } bad)
        {
            return Gs1Result<string>.Fail(Gs1Problem.DigitsOnly(part, value[bad], bad + 1));
        }

        if (Array.IndexOf(lengths, value.Length) < 0)
        {
            return Gs1Result<string>.Fail(Gs1Problem.Length(part, value.Length, allowed, allowedVi));
        }

        var expected = CheckDigit.Compute(value.AsSpan(0, value.Length - 1));
        var actual = value[^1] - '0';
        return expected == actual
            ? Gs1Result<string>.Ok(value)
            : Gs1Result<string>.Fail(Gs1Problem.CheckDigit(part, expected, actual));
    }

    private static int? FirstNonDigit(string value)
    {
        var index = value.AsSpan().IndexOfAnyExceptInRange('0', '9');
        return index < 0 ? null : index;
    }
}
