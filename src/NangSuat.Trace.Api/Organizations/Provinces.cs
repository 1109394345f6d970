using System.Globalization;
using System.Text;

namespace NangSuat.Trace.Api.Organizations;

/// <summary>
/// The 34 provincial-level units in force since 1 July 2025 (Resolution 202/2025/QH15), and the
/// provinces merged into them, so that an old address gets a helpful answer instead of a bare "no".
/// </summary>
public static class Provinces
{
    public static readonly IReadOnlyList<string> All =
    [
        "Thành phố Hà Nội", "Thành phố Huế", "Thành phố Hải Phòng", "Thành phố Đà Nẵng", "Thành phố Hồ Chí Minh", "Thành phố Cần Thơ",
        "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng",
        "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình", "Quảng Trị",
        "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long",
        "Đồng Tháp", "Cà Mau", "An Giang",
    ];

    private static readonly Dictionary<string, string> Merged = new()
    {
        ["Hà Giang"] = "Tuyên Quang", ["Yên Bái"] = "Lào Cai", ["Bắc Kạn"] = "Thái Nguyên", ["Vĩnh Phúc"] = "Phú Thọ",
        ["Hòa Bình"] = "Phú Thọ", ["Bắc Giang"] = "Bắc Ninh", ["Thái Bình"] = "Hưng Yên", ["Hải Dương"] = "Thành phố Hải Phòng",
        ["Hà Nam"] = "Ninh Bình", ["Nam Định"] = "Ninh Bình", ["Quảng Bình"] = "Quảng Trị", ["Quảng Nam"] = "Thành phố Đà Nẵng",
        ["Kon Tum"] = "Quảng Ngãi", ["Bình Định"] = "Gia Lai", ["Ninh Thuận"] = "Khánh Hòa", ["Đắk Nông"] = "Lâm Đồng",
        ["Bình Thuận"] = "Lâm Đồng", ["Phú Yên"] = "Đắk Lắk", ["Bình Dương"] = "Thành phố Hồ Chí Minh",
        ["Bà Rịa - Vũng Tàu"] = "Thành phố Hồ Chí Minh", ["Bình Phước"] = "Đồng Nai", ["Long An"] = "Tây Ninh",
        ["Sóc Trăng"] = "Thành phố Cần Thơ", ["Hậu Giang"] = "Thành phố Cần Thơ", ["Bến Tre"] = "Vĩnh Long",
        ["Trà Vinh"] = "Vĩnh Long", ["Tiền Giang"] = "Đồng Tháp", ["Bạc Liêu"] = "Cà Mau", ["Kiên Giang"] = "An Giang",
    };

    private static readonly Dictionary<string, string> ByKey = All
        .SelectMany(name => new[] { (Key(name), name), (Key(ShortName(name)), name) })
        .Concat([(Key("TP HCM"), "Thành phố Hồ Chí Minh"), (Key("TPHCM"), "Thành phố Hồ Chí Minh"), (Key("Sài Gòn"), "Thành phố Hồ Chí Minh")])
        .DistinctBy(p => p.Item1)
        .ToDictionary(p => p.Item1, p => p.Item2);

    private static readonly Dictionary<string, (string Old, string Now)> MergedByKey =
        Merged.ToDictionary(p => Key(p.Key), p => (p.Key, p.Value));

    /// <summary>Finds the province whatever the case, accents or "Tỉnh"/"Thành phố" prefix the input uses.</summary>
    public static string? Find(string input) => ByKey.GetValueOrDefault(Key(input));

    /// <summary>When the input names a province merged on 1 July 2025, the province it belongs to now.</summary>
    public static (string Old, string Now)? MergedInto(string input) =>
        MergedByKey.TryGetValue(Key(input), out var merge) ? merge : null;

    private static string ShortName(string name) => name.StartsWith("Thành phố ", StringComparison.Ordinal) ? name[10..] : name;

    private static string Key(string input)
    {
        var text = input.Trim().ToLowerInvariant().Replace('đ', 'd');
        foreach (var prefix in new[] { "tỉnh ", "tinh ", "thành phố ", "thanh pho ", "tp. ", "tp " })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..];
                break;
            }
        }

        var key = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && c != ' ' && c != '-' && c != '.')
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }
}

public static class ProvinceFieldErrors
{
    /// <summary>Records why a province is not accepted and returns its canonical name when it is.</summary>
    public static string Province(this Infrastructure.FieldErrors errors, string field, string? value)
    {
        var input = errors.Required(field, value, 100);
        if (input.Length == 0 || errors.Has(field))
        {
            return "";
        }

        if (Provinces.Find(input) is { } province)
        {
            return province;
        }

        if (Provinces.MergedInto(input) is { } merge)
        {
            errors.Add(field, $"tỉnh {merge.Old} đã sáp nhập vào {merge.Now} từ 01/07/2025; hãy ghi {merge.Now}",
                $"{merge.Old} merged into {merge.Now} on 1 July 2025; use {merge.Now}");
        }
        else
        {
            errors.Add(field, $"'{input}' không phải một trong 34 tỉnh, thành phố hiện hành", $"'{input}' is not one of the 34 current provinces");
        }

        return "";
    }
}
