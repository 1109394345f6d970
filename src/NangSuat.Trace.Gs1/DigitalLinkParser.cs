using System.Text;

namespace NangSuat.Trace.Gs1;

internal static class DigitalLinkParser
{
    // Key qualifiers of AI 01 in the order GS1 Digital Link requires them in the path.
    private static readonly string[] QualifierOrder = ["22", "10", "21"];

    public static Gs1Result<DigitalLink> Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Gs1Result<DigitalLink>.Fail(Gs1Problem.Required("uri"));
        }

        var (path, query, problem) = SplitUri(input.Trim());
        if (problem is not null)
        {
            return Gs1Result<DigitalLink>.Fail(problem);
        }

        var segments = path.Split('/');
        var count = segments.Length;
        if (count > 0 && segments[^1].Length == 0)
        {
            count--; // tolerate one trailing slash
        }

        var start = Array.IndexOf(segments, "01", 0, count);
        if (start < 0)
        {
            return Gs1Result<DigitalLink>.Fail(new Gs1Problem("path", Gs1Rule.MissingPrimaryKey,
                "the path has no GTIN: it should contain /01/ followed by 8, 12, 13 or 14 digits",
                "đường dẫn không có GTIN: phải chứa /01/ và sau đó 8, 12, 13 hoặc 14 chữ số"));
        }

        var problems = new List<Gs1Problem>();
        var values = new Dictionary<string, string>();
        var lastQualifier = -1;
        for (var i = start; i < count; i += 2)
        {
            var ai = segments[i];
            if (i + 1 >= count || segments[i + 1].Length == 0)
            {
                problems.Add(new Gs1Problem(ai, Gs1Rule.MissingValue,
                    $"AI {ai} in the path has no value after it", $"AI {ai} trong đường dẫn không có giá trị đi kèm"));
                break;
            }

            if (!TryDecode(segments[i + 1], out var value))
            {
                problems.Add(new Gs1Problem(ai, Gs1Rule.PercentEncoding,
                    $"the value of AI {ai} has a malformed percent-encoding", $"giá trị của AI {ai} mã hóa phần trăm (%) sai"));
                continue;
            }

            if (i == start)
            {
                values["01"] = value;
                continue;
            }

            var order = Array.IndexOf(QualifierOrder, ai);
            if (order < 0)
            {
                problems.Add(new Gs1Problem(ai, Gs1Rule.UnknownPathElement,
                    $"'{ai}' is not a key qualifier of a GTIN; only 22, 10 and 21 may follow /01/",
                    $"'{ai}' không phải là định danh phụ của GTIN; sau /01/ chỉ được có 22, 10 và 21"));
                continue;
            }

            if (!values.TryAdd(ai, value))
            {
                problems.Add(new Gs1Problem(ai, Gs1Rule.RepeatedElement,
                    $"AI {ai} appears more than once in the path", $"AI {ai} xuất hiện nhiều lần trong đường dẫn"));
                continue;
            }

            if (order < lastQualifier)
            {
                problems.Add(new Gs1Problem(ai, Gs1Rule.QualifierOrder,
                    $"AI {ai} must come before AI {QualifierOrder[lastQualifier]}: key qualifiers go in the order 22, 10, 21",
                    $"AI {ai} phải đứng trước AI {QualifierOrder[lastQualifier]}: thứ tự định danh phụ là 22, 10, 21"));
            }

            lastQualifier = Math.Max(lastQualifier, order);
        }

        var gtin = Gs1Keys.Gtin(values.GetValueOrDefault("01"), "01");
        problems.AddRange(gtin.Problems);
        foreach (var ai in QualifierOrder)
        {
            if (values.TryGetValue(ai, out var qualifier))
            {
                problems.AddRange(Cset82.Validate(qualifier, ai).Problems);
            }
        }

        var (attributes, parameters) = SplitQuery(query, problems);
        if (problems.Count > 0)
        {
            return Gs1Result<DigitalLink>.Fail([.. problems]);
        }

        return Gs1Result<DigitalLink>.Ok(new DigitalLink(
            gtin.Value!, values.GetValueOrDefault("22"), values.GetValueOrDefault("10"), values.GetValueOrDefault("21"))
        {
            Attributes = attributes,
            Parameters = parameters,
        });
    }

    private static (string Path, string Query, Gs1Problem? Problem) SplitUri(string input)
    {
        var fragment = input.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            input = input[..fragment];
        }

        var question = input.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? input : input[..question];
        var query = question < 0 ? "" : input[(question + 1)..];

        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var name = path[..scheme];
            if (!name.Equals("http", StringComparison.OrdinalIgnoreCase) && !name.Equals("https", StringComparison.OrdinalIgnoreCase))
            {
                return ("", "", new Gs1Problem("uri", Gs1Rule.NotAUri,
                    $"a GS1 Digital Link must use http or https, not '{name}'", $"GS1 Digital Link phải dùng http hoặc https, không dùng '{name}'"));
            }

            var slash = path.IndexOf('/', scheme + 3);
            path = slash < 0 ? "" : path[slash..];
        }
        else if (!path.StartsWith('/'))
        {
            return ("", "", new Gs1Problem("uri", Gs1Rule.NotAUri,
                "not a web address: expected https://host/01/… or a path starting with /",
                "không phải địa chỉ web: cần dạng https://tên-miền/01/… hoặc đường dẫn bắt đầu bằng /"));
        }

        return (path, query, null);
    }

    private static (List<KeyValuePair<string, string>>, List<KeyValuePair<string, string>>) SplitQuery(string query, List<Gs1Problem> problems)
    {
        var attributes = new List<KeyValuePair<string, string>>();
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawKey = equals < 0 ? pair : pair[..equals];
            var rawValue = equals < 0 ? "" : pair[(equals + 1)..];
            if (!TryDecode(rawKey.Replace('+', ' '), out var key) || !TryDecode(rawValue.Replace('+', ' '), out var value))
            {
                problems.Add(new Gs1Problem("query", Gs1Rule.PercentEncoding,
                    $"the query parameter '{rawKey}' has a malformed percent-encoding", $"tham số truy vấn '{rawKey}' mã hóa phần trăm (%) sai"));
                continue;
            }

            var isAi = key.Length is >= 2 and <= 4 && key.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
            (isAi ? attributes : parameters).Add(new(key, value));
        }

        return (attributes, parameters);
    }

    /// <summary>Strict percent-decoding: every % must start a two-hex-digit UTF-8 byte.</summary>
    internal static bool TryDecode(string raw, out string value)
    {
        if (!raw.Contains('%', StringComparison.Ordinal))
        {
            value = raw;
            return true;
        }

        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(raw[i].ToString()));
                continue;
            }

            if (i + 2 >= raw.Length || !byte.TryParse(raw.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                value = "";
                return false;
            }

            bytes.Add(b);
            i += 2;
        }

        try
        {
            value = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            value = "";
            return false;
        }
    }
}
