namespace NangSuat.Trace.Gs1;

/// <summary>The GS1 mod-10 check digit shared by GTIN, GLN, SSCC and the other numeric keys.</summary>
public static class CheckDigit
{
    /// <summary>Check digit for a run of digits that does not yet include it.</summary>
    public static int Compute(ReadOnlySpan<char> digits)
    {
        // Weights alternate 3,1,3,… counted from the digit nearest the check digit.
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if ((uint)digit > 9)
            {
                throw new ArgumentException("Only ASCII digits have a GS1 check digit.", nameof(digits));
            }

            sum += i % 2 == 0 ? digit * 3 : digit;
        }

        return (10 - sum % 10) % 10;
    }

    /// <summary>Appends the check digit: <c>"629104150021"</c> becomes <c>"6291041500213"</c>.</summary>
    public static string Append(string digits) => digits + (char)('0' + Compute(digits));
}
