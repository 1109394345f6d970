namespace NangSuat.Trace.Gs1.Syntax;

/// <summary>
/// The North American coupon structures: AI 8110 (coupon code, GS1 US "North American Coupon
/// Application Guideline") and AI 8112 (paperless coupon offer). Each is a run of digits whose
/// fields announce their own lengths; the first field that does not fit is reported by name.
/// </summary>
internal static class CouponLinters
{
    public static Linters.Failure? CouponCode(string data) => Run(data, reader =>
    {
        reader.Field(reader.Length("company prefix", "mã doanh nghiệp", '0', '6') + 6, "company prefix", "mã doanh nghiệp");
        reader.Field(6, "offer code", "mã ưu đãi");
        reader.Field(reader.Length("save value", "giá trị giảm", '1', '5'), "save value", "giá trị giảm");
        Purchase(reader, "1st", "thứ nhất", withCompanyPrefix: false);

        if (reader.Next('1'))
        {
            reader.Code("additional purchase rules code", "mã quy tắc mua thêm", "0123");
            Purchase(reader, "2nd", "thứ hai", withCompanyPrefix: true);
        }

        if (reader.Next('2'))
        {
            Purchase(reader, "3rd", "thứ ba", withCompanyPrefix: true);
        }

        string? expiry = null;
        if (reader.Next('3'))
        {
            expiry = reader.Date("expiration date", "ngày hết hạn");
        }

        if (reader.Next('4'))
        {
            var start = reader.Date("start date", "ngày bắt đầu");
            if (expiry is not null && string.CompareOrdinal(start, expiry) > 0)
            {
                throw new CouponException("the expiration date is before the start date", "ngày hết hạn trước ngày bắt đầu");
            }
        }

        if (reader.Next('5'))
        {
            reader.Field(reader.Length("serial number", "số sê-ri", '0', '9') + 6, "serial number", "số sê-ri");
        }

        if (reader.Next('6'))
        {
            reader.Field(reader.Length("retailer company prefix or GLN", "mã doanh nghiệp hoặc GLN của nhà bán lẻ", '1', '7') + 6,
                "retailer company prefix or GLN", "mã doanh nghiệp hoặc GLN của nhà bán lẻ");
        }

        if (reader.Next('9'))
        {
            reader.Code("save value code", "mã giá trị giảm", "01256");
            reader.Code("save value applies to item", "phạm vi áp dụng giảm giá", "012");
            reader.Code("store coupon flag", "cờ phiếu của cửa hàng", "0123456789");
            reader.Code("don't multiply flag", "cờ không nhân", "01");
        }
    });

    public static Linters.Failure? CouponPositiveOffer(string data) => Run(data, reader =>
    {
        reader.Code("format code", "mã định dạng", "01");
        reader.Field(reader.Length("funder ID", "mã bên tài trợ", '0', '6') + 6, "funder ID", "mã bên tài trợ");
        reader.Field(6, "offer code", "mã ưu đãi");
        reader.Field(reader.Length("serial number", "số sê-ri", '0', '9') + 6, "serial number", "số sê-ri");
    });

    private static void Purchase(CouponReader reader, string ordinal, string ordinalVi, bool withCompanyPrefix)
    {
        reader.Field(reader.Length($"{ordinal} purchase requirement", $"yêu cầu mua {ordinalVi}", '1', '5'), $"{ordinal} purchase requirement", $"yêu cầu mua {ordinalVi}");
        reader.Code($"{ordinal} purchase requirement code", $"mã yêu cầu mua {ordinalVi}", "012349");
        reader.Field(3, $"{ordinal} purchase family code", $"mã nhóm sản phẩm mua {ordinalVi}");
        if (withCompanyPrefix)
        {
            // A length indicator of 9 means the same company prefix as the coupon's.
            var indicator = reader.Length($"{ordinal} purchase company prefix", $"mã doanh nghiệp của lần mua {ordinalVi}", '0', '9');
            if (indicator == 7 || indicator == 8)
            {
                throw new CouponException($"{ordinal} purchase company prefix length indicator must be 0 to 6 or 9", $"chỉ số độ dài mã doanh nghiệp của lần mua {ordinalVi} phải từ 0 đến 6 hoặc 9");
            }

            reader.Field(indicator == 9 ? 0 : indicator + 6, $"{ordinal} purchase company prefix", $"mã doanh nghiệp của lần mua {ordinalVi}");
        }
    }

    private static Linters.Failure? Run(string data, Action<CouponReader> read)
    {
        var bad = data.AsSpan().IndexOfAnyExceptInRange('0', '9');
        if (bad >= 0)
        {
            return new Linters.Failure(Gs1Rule.DigitsOnly, $"coupon data must be digits; '{data[bad]}' at {bad + 1}", $"dữ liệu phiếu giảm giá chỉ gồm chữ số; có '{data[bad]}' ở vị trí {bad + 1}");
        }

        var reader = new CouponReader(data);
        try
        {
            read(reader);
            if (reader.More)
            {
                throw new CouponException($"unexpected data after the last field, from position {reader.Position + 1}", $"dữ liệu thừa sau trường cuối, từ vị trí {reader.Position + 1}");
            }

            return null;
        }
        catch (CouponException e)
        {
            return new Linters.Failure(Gs1Rule.InvalidContent, e.English, e.Vietnamese);
        }
    }

    private sealed class CouponException(string english, string vietnamese) : Exception(english)
    {
        public string English => Message;
        public string Vietnamese { get; } = vietnamese;
    }

    private sealed class CouponReader(string data)
    {
        public int Position { get; private set; }

        public bool More => Position < data.Length;

        /// <summary>Consumes an optional field's one-digit indicator when it is next.</summary>
        public bool Next(char indicator)
        {
            if (!More || data[Position] != indicator)
            {
                return false;
            }

            Position++;
            return true;
        }

        /// <summary>A one-digit length indicator within the allowed range.</summary>
        public int Length(string what, string whatVi, char min, char max)
        {
            if (!More)
            {
                throw new CouponException($"the {what} length indicator is missing", $"thiếu chỉ số độ dài của {whatVi}");
            }

            var c = data[Position];
            if (c < min || c > max)
            {
                throw new CouponException($"the {what} length indicator {c} is not {min} to {max}", $"chỉ số độ dài của {whatVi} là {c}, không nằm trong {min} đến {max}");
            }

            Position++;
            return c - '0';
        }

        public void Field(int length, string what, string whatVi)
        {
            if (data.Length - Position < length)
            {
                throw new CouponException($"the {what} is cut short: {length} digits needed, {data.Length - Position} left", $"{whatVi} bị thiếu: cần {length} chữ số, còn {data.Length - Position}");
            }

            Position += length;
        }

        public void Code(string what, string whatVi, string allowed)
        {
            if (!More)
            {
                throw new CouponException($"the {what} is missing", $"thiếu {whatVi}");
            }

            if (!allowed.Contains(data[Position], StringComparison.Ordinal))
            {
                throw new CouponException($"the {what} {data[Position]} is not one of {string.Join(", ", allowed.ToCharArray())}", $"{whatVi} {data[Position]} không thuộc {string.Join(", ", allowed.ToCharArray())}");
            }

            Position++;
        }

        public string Date(string what, string whatVi)
        {
            if (data.Length - Position < 6)
            {
                throw new CouponException($"the {what} is cut short", $"{whatVi} bị thiếu");
            }

            var date = data.Substring(Position, 6);
            if (Linters.Check("yymmdd", date) is { } failure)
            {
                throw new CouponException($"the {what} {date} is not a date: {failure.English}", $"{whatVi} {date} không phải ngày: {failure.Vietnamese}");
            }

            Position += 6;
            return date;
        }
    }
}
