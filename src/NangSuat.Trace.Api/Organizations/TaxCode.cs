namespace NangSuat.Trace.Api.Organizations;

/// <summary>Vietnamese tax identification number (mã số thuế): 10 digits, or 10 + "-" + 3 for a branch.</summary>
public static class TaxCode
{
    private static readonly int[] Weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];

    /// <summary>Returns null when valid, otherwise why not, in both languages.</summary>
    public static (string Vietnamese, string English)? Problem(string value)
    {
        var main = value.Length == 14 && value[10] == '-' ? value[..10] : value;
        var branch = main.Length == value.Length ? "" : value[11..];
        if (main.Length != 10 || !main.All(char.IsAsciiDigit) || !branch.All(char.IsAsciiDigit))
        {
            return ("phải có dạng 10 chữ số, hoặc 10 chữ số + \"-\" + 3 chữ số với chi nhánh (vd 0100109106-001)",
                "must be 10 digits, or 10 digits + \"-\" + 3 digits for a branch (e.g. 0100109106-001)");
        }

        // The tenth digit checks the first nine (mod 11 with the weights the tax authority publishes).
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (main[i] - '0') * Weights[i];
        }

        var expected = 10 - sum % 11;
        var actual = main[9] - '0';
        if (expected == 10)
        {
            return ("không phải mã số thuế hợp lệ: 9 chữ số đầu không thể có chữ số kiểm tra",
                "is not a valid tax code: no check digit exists for its first nine digits");
        }

        return expected == actual
            ? null
            : ($"chữ số kiểm tra (thứ 10) phải là {expected}, không phải {actual}",
                $"check digit (10th) should be {expected}, not {actual}");
    }
}
