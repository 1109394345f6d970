using System.Text;
using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1;

/// <summary>
/// What the Digital Link parser says about a broken link, in both languages. Kept apart from the
/// parser so that its hot methods stay small: the resolver runs them on every scan.
/// </summary>
internal static class LinkProblems
{
    public static Gs1Problem NotAWebAddress { get; } = new("uri", Gs1Rule.NotAUri,
        "not a web address: expected https://host/01/… or a path starting with /",
        "không phải địa chỉ web: cần dạng https://tên-miền/01/… hoặc đường dẫn bắt đầu bằng /");

    public static Gs1Problem NoPrimaryKey { get; } = new("path", Gs1Rule.MissingPrimaryKey,
        "the path has no GTIN or other Digital Link primary key: it should contain /01/ followed by 8, 12, 13 or 14 digits, or another key such as /00/, /414/ or /8004/",
        "đường dẫn không có GTIN hay khóa chính Digital Link nào khác: phải chứa /01/ và sau đó 8, 12, 13 hoặc 14 chữ số, hoặc một khóa khác như /00/, /414/ hay /8004/");

    public static Gs1Problem Scheme(ReadOnlySpan<char> name) => new("uri", Gs1Rule.NotAUri,
        $"a GS1 Digital Link must use http or https, not '{name}'", $"GS1 Digital Link phải dùng http hoặc https, không dùng '{name}'");

    public static Gs1Problem NoHost(ReadOnlySpan<char> scheme) => new("uri", Gs1Rule.NotAUri,
        $"a GS1 Digital Link needs a host name after {scheme}://", $"GS1 Digital Link cần tên miền sau {scheme}://");

    public static Gs1Problem BadHost(ReadOnlySpan<char> host, char bad) => new("uri", Gs1Rule.NotAUri,
        $"the host name '{host}' contains '{Shown(bad)}', which a domain name may not",
        $"tên miền '{host}' chứa '{Shown(bad)}', ký tự không được có trong tên miền");

    public static Gs1Problem TooManySegments(int count) => new("path", Gs1Rule.Length,
        $"a GS1 Digital Link cannot have {count} path segments", $"GS1 Digital Link không thể có {count} đoạn đường dẫn");

    public static Gs1Problem TooManyAis(string ai, int most) => new(ai, Gs1Rule.Length,
        $"a GS1 Digital Link cannot have more than {most} AIs", $"GS1 Digital Link không thể có nhiều hơn {most} AI");

    public static Gs1Problem NoPathValue(string ai) => new(ai, Gs1Rule.MissingValue,
        $"AI {ai} in the path has no value after it", $"AI {ai} trong đường dẫn không có giá trị đi kèm");

    public static Gs1Problem RepeatedInPath(string ai) => new(ai, Gs1Rule.RepeatedElement,
        $"AI {ai} appears more than once in the path", $"AI {ai} xuất hiện nhiều lần trong đường dẫn");

    public static Gs1Problem Repeated(string ai) => new(ai, Gs1Rule.RepeatedElement,
        $"AI {ai} appears more than once in the link", $"AI {ai} xuất hiện nhiều lần trong liên kết");

    public static Gs1Problem UnknownQueryAi(string name) => new(name, Gs1Rule.UnknownAi,
        $"'{name}' in the query string is not a GS1 Application Identifier; numeric query parameters are reserved for AIs",
        $"'{name}' trong chuỗi truy vấn không phải là AI của GS1; tham số truy vấn toàn chữ số chỉ dành cho AI");

    public static Gs1Problem NoQueryValue(string ai) => new(ai, Gs1Rule.MissingValue,
        $"AI {ai} in the query string has no value", $"AI {ai} trong chuỗi truy vấn không có giá trị");

    public static Gs1Problem QualifierInQuery(string ai, string key) => new(ai, Gs1Rule.QualifierInQuery,
        $"AI {ai} is a key qualifier of AI {key} and belongs in the path (/{key}/…/{ai}/…), not in the query string (not allowed as a Digital Link data attribute)",
        $"AI {ai} là định danh phụ của AI {key} và phải nằm trong đường dẫn (/{key}/…/{ai}/…), không nằm trong chuỗi truy vấn (không được dùng làm thuộc tính dữ liệu Digital Link)");

    public static Gs1Problem NotAnAttribute(string ai) => new(ai, Gs1Rule.InvalidPairing,
        $"AI {ai} is not allowed as a Digital Link data attribute", $"AI {ai} không được dùng làm thuộc tính dữ liệu Digital Link");

    public static Gs1Problem MustBeEncoded(string part, int position, char bad) => new(part, Gs1Rule.PercentEncoding,
        $"position {position}: character '{Shown(bad)}' must be percent-encoded in a URI",
        $"vị trí {position}: ký tự '{Shown(bad)}' phải được mã hóa phần trăm (%) trong URI");

    public static Gs1Problem BrokenQueryEncoding(string name) => new("query", Gs1Rule.PercentEncoding,
        $"the query parameter '{name}' has a malformed percent-encoding", $"tham số truy vấn '{name}' mã hóa phần trăm (%) sai");

    public static Gs1Problem BrokenPathEncoding(string ai) => new(ai, Gs1Rule.PercentEncoding,
        $"the value of AI {ai} has a malformed percent-encoding", $"giá trị của AI {ai} mã hóa phần trăm (%) sai");

    public static Gs1Problem OutOfOrder(string ai, string before, IReadOnlyList<string> sequence)
    {
        var order = string.Join(", ", sequence);
        return new(ai, Gs1Rule.QualifierOrder,
            $"AI {ai} must come before AI {before}: key qualifiers go in the order {order}",
            $"AI {ai} phải đứng trước AI {before}: thứ tự định danh phụ là {order}");
    }

    public static Gs1Problem CannotCombine(string ai, string other, string key, IReadOnlyList<IReadOnlyList<string>> sequences) => new(ai, Gs1Rule.QualifierOrder,
        $"AI {ai} cannot be used together with AI {other} in the path: the key qualifiers of {KeyName(key)} are {Sequences(sequences)}",
        $"AI {ai} không được dùng cùng AI {other} trong đường dẫn: định danh phụ của {KeyName(key, vietnamese: true)} là {Sequences(sequences, vietnamese: true)}");

    public static Gs1Problem NotAQualifier(string ai, string key, IReadOnlyList<IReadOnlyList<string>> sequences)
    {
        if (sequences.All(s => s.Count == 0))
        {
            return new(ai, Gs1Rule.UnknownPathElement,
                $"'{ai}' cannot follow /{key}/: AI {key} has no key qualifiers",
                $"'{ai}' không được đứng sau /{key}/: AI {key} không có định danh phụ");
        }

        // The first sequence in the sentence as it always read, the others after it.
        return new(ai, Gs1Rule.UnknownPathElement,
            $"'{ai}' is not a key qualifier of {KeyName(key)}; only {Joined(sequences[0])} may follow /{key}/{Others(sequences)}",
            $"'{ai}' không phải là định danh phụ của {KeyName(key, vietnamese: true)}; sau /{key}/ chỉ được có {Sequences(sequences, vietnamese: true)}");
    }

    public static Gs1Problem NotATradeItem(AiValue key) => new(key.Ai, Gs1Rule.MissingPrimaryKey,
        $"this link is for AI {key.Ai} ({key.Definition?.Title}), not a trade item: a GTIN link has /01/ as its primary key",
        $"liên kết này dành cho AI {key.Ai} ({key.Definition?.Title}), không phải sản phẩm: liên kết GTIN có khóa chính /01/");

    public static Gs1Problem NotReadHere(AiValue qualifier) => new(qualifier.Ai, Gs1Rule.UnknownPathElement,
        $"AI {qualifier.Ai} ({qualifier.Definition?.Title}) is a key qualifier of a GTIN that this portal does not resolve; it reads only 22, 10 and 21",
        $"AI {qualifier.Ai} ({qualifier.Definition?.Title}) là định danh phụ của GTIN mà cổng này không tra cứu; chỉ đọc 22, 10 và 21");

    private static string KeyName(string key, bool vietnamese = false) =>
        key == "01" ? (vietnamese ? "GTIN" : "a GTIN") : $"AI {key}";

    /// <summary>"22, 10 and 21 (or 235 on its own)": the first sequence, then each other one in brackets.</summary>
    private static string Sequences(IReadOnlyList<IReadOnlyList<string>> sequences, bool vietnamese = false) =>
        Joined(sequences[0], vietnamese) + Others(sequences, vietnamese);

    private static string Others(IReadOnlyList<IReadOnlyList<string>> sequences, bool vietnamese = false)
    {
        var text = new StringBuilder();
        foreach (var other in sequences.Skip(1))
        {
            text.Append(vietnamese ? $" (hoặc riêng {Joined(other, true)})" : $" (or {Joined(other)} on its own)");
        }

        return text.ToString();
    }

    private static string Joined(IReadOnlyList<string> ais, bool vietnamese = false) =>
        ais.Count == 1 ? ais[0] : string.Join(", ", ais.Take(ais.Count - 1)) + (vietnamese ? " và " : " and ") + ais[^1];

    private static string Shown(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString();
}
