namespace NangSuat.Trace.Labels.Linear;

/// <summary>
/// GS1-128: Code 128 (ISO/IEC 15417) with FNC1 after the start character, choosing code sets B
/// and C so the symbol has the fewest characters possible.
/// </summary>
public static class Code128
{
    // Bar/space widths of symbol values 0-105, then stop.
    private static readonly string[] Widths =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    private const int CodeC = 99, CodeB = 100, Fnc1 = 102, StartB = 104, StartC = 105, Stop = 106;

    /// <summary>
    /// Encodes GS1 raw data: AIs and values with <see cref="Fnc1Marker"/> (GS) after variable-length
    /// values, as <c>ElementString.Raw</c> produces it.
    /// </summary>
    public const char Fnc1Marker = '\u001D';

    public static LinearSymbol Gs1(string raw, string humanReadable)
    {
        var values = Encode(Fnc1Marker + raw);
        var checksum = values[0];
        for (var i = 1; i < values.Count; i++)
        {
            checksum += values[i] * i;
        }

        values.Add(checksum % 103);
        values.Add(Stop);
        var modules = new List<bool>();
        foreach (var value in values)
        {
            var widths = Widths[value];
            for (var i = 0; i < widths.Length; i++)
            {
                modules.AddRange(Enumerable.Repeat(i % 2 == 0, widths[i] - '0'));
            }
        }

        return new LinearSymbol([.. modules], 10, 10, humanReadable);
    }

    /// <summary>Symbol values from start character to last data character, by shortest path over sets B and C.</summary>
    internal static List<int> Encode(string data)
    {
        foreach (var c in data)
        {
            if (c != Fnc1Marker && (c < ' ' || c > '~'))
            {
                throw new ArgumentException($"Character U+{(int)c:X4} cannot be encoded in GS1-128.", nameof(data));
            }
        }

        // cost[i, set]: fewest symbols encoding data[i..] when the current set is B (0) or C (1).
        var n = data.Length;
        var cost = new int[n + 1, 2];
        for (var i = n - 1; i >= 0; i--)
        {
            var stayB = 1 + cost[i + 1, 0];
            var stayC = int.MaxValue / 2;
            if (data[i] == Fnc1Marker)
            {
                stayC = 1 + cost[i + 1, 1];
            }
            else if (i + 1 < n && char.IsAsciiDigit(data[i]) && char.IsAsciiDigit(data[i + 1]))
            {
                stayC = 1 + cost[i + 2, 1];
            }

            cost[i, 0] = Math.Min(stayB, 1 + stayC);
            cost[i, 1] = Math.Min(stayC, 1 + stayB);
        }

        var values = new List<int>();
        var set = cost[0, 1] < cost[0, 0] ? 1 : 0;
        values.Add(set == 1 ? StartC : StartB);
        for (var i = 0; i < n;)
        {
            var canC = data[i] == Fnc1Marker || (i + 1 < n && char.IsAsciiDigit(data[i]) && char.IsAsciiDigit(data[i + 1]));
            var costC = canC ? 1 + cost[i + (data[i] == Fnc1Marker ? 1 : 2), 1] : int.MaxValue / 2;
            var costB = 1 + cost[i + 1, 0];
            var best = (set == 1 ? costC : costB) <= (set == 1 ? 1 + costB : 1 + costC) ? set : 1 - set;
            if (best != set)
            {
                values.Add(best == 1 ? CodeC : CodeB);
                set = best;
            }

            if (data[i] == Fnc1Marker)
            {
                values.Add(Fnc1);
                i++;
            }
            else if (set == 1)
            {
                values.Add((data[i] - '0') * 10 + (data[i + 1] - '0'));
                i += 2;
            }
            else
            {
                values.Add(data[i] - ' ');
                i++;
            }
        }

        return values;
    }
}
