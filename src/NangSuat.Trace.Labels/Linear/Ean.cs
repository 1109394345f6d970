namespace NangSuat.Trace.Labels.Linear;

/// <summary>EAN-13, UPC-A and EAN-8 for retail units (ISO/IEC 15420).</summary>
public static class Ean
{
    private static readonly string[] LeftOdd = ["0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"];
    private static readonly string[] Right = LeftOdd.Select(p => new string(p.Select(c => c == '0' ? '1' : '0').ToArray())).ToArray();
    private static readonly string[] LeftEven = Right.Select(p => new string(p.Reverse().ToArray())).ToArray();

    // Which of the six left digits use even parity, encoding the leading digit of an EAN-13.
    private static readonly string[] Parity = ["OOOOOO", "OOEOEE", "OOEEOE", "OOEEEO", "OEOOEE", "OEEOOE", "OEEEOO", "OEOEOE", "OEOEEO", "OEEOEO"];

    /// <summary>13 digits including the check digit.</summary>
    public static LinearSymbol Ean13(string digits)
    {
        Require(digits, 13);
        var bits = new System.Text.StringBuilder("101");
        var parity = Parity[digits[0] - '0'];
        for (var i = 1; i <= 6; i++)
        {
            bits.Append(parity[i - 1] == 'O' ? LeftOdd[digits[i] - '0'] : LeftEven[digits[i] - '0']);
        }

        bits.Append("01010");
        for (var i = 7; i <= 12; i++)
        {
            bits.Append(Right[digits[i] - '0']);
        }

        bits.Append("101");
        return new LinearSymbol(LinearSymbol.FromPattern(bits.ToString()), 11, 7, $"{digits[0]} {digits[1..7]} {digits[7..]}");
    }

    /// <summary>12 digits including the check digit: the same symbol as EAN-13 with a leading zero.</summary>
    public static LinearSymbol UpcA(string digits)
    {
        Require(digits, 12);
        var ean = Ean13("0" + digits);
        return new LinearSymbol([.. ean.Modules], 9, 9, $"{digits[0]} {digits[1..6]} {digits[6..11]} {digits[11]}");
    }

    /// <summary>8 digits including the check digit.</summary>
    public static LinearSymbol Ean8(string digits)
    {
        Require(digits, 8);
        var bits = new System.Text.StringBuilder("101");
        for (var i = 0; i < 4; i++)
        {
            bits.Append(LeftOdd[digits[i] - '0']);
        }

        bits.Append("01010");
        for (var i = 4; i < 8; i++)
        {
            bits.Append(Right[digits[i] - '0']);
        }

        bits.Append("101");
        return new LinearSymbol(LinearSymbol.FromPattern(bits.ToString()), 7, 7, $"{digits[..4]} {digits[4..]}");
    }

    private static void Require(string digits, int length)
    {
        if (digits.Length != length || !digits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Expected {length} digits.", nameof(digits));
        }

        var check = Gs1CheckDigit(digits.AsSpan(0, length - 1));
        if (digits[^1] - '0' != check)
        {
            throw new ArgumentException($"Check digit should be {check}.", nameof(digits));
        }
    }

    private static int Gs1CheckDigit(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            sum += (body[body.Length - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
        }

        return (10 - sum % 10) % 10;
    }
}
