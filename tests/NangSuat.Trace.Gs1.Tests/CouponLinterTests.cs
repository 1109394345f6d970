using NangSuat.Trace.Gs1.Syntax;

namespace NangSuat.Trace.Gs1.Tests;

/// <summary>North American coupon AIs 8110 and 8112, with cases matching GS1's syntax engine's own tests.</summary>
public sealed class CouponLinterTests
{
    [Theory]
    [InlineData("012345612345611110123")] // prefix, offer, save value, 1st purchase
    [InlineData("012345612345611110123" + "1" + "0" + "1" + "1" + "2" + "301" + "2" + "12345678")] // + field 1: rules, 2nd purchase with an 8-digit prefix
    [InlineData("012345612345611110123" + "2" + "1" + "1" + "0" + "123" + "9" + "3281231" + "4260101")] // + 3rd purchase sharing the prefix, expiry, start
    [InlineData("012345612345611110123" + "5" + "0" + "123456" + "6" + "1" + "1234567" + "9" + "0110")] // + serial, retailer, misc
    public void Valid_coupon_codes_pass(string data) => Assert.Null(Linters.Check("couponcode", data));

    [Theory]
    [InlineData("a12345612345611110123", "must be digits")]
    [InlineData("0123456", "offer code is cut short")]
    [InlineData("71234567890123", "company prefix length indicator 7 is not 0 to 6")]
    [InlineData("01234561234560", "save value length indicator 0 is not 1 to 5")]
    [InlineData("012345612345611115123", "1st purchase requirement code 5 is not one of 0, 1, 2, 3, 4, 9")]
    [InlineData("012345612345611110123" + "3281331", "expiration date 281331 is not a date")]
    [InlineData("012345612345611110123" + "3260101" + "4270101", "expiration date is before the start date")]
    [InlineData("012345612345611110123" + "7", "unexpected data after the last field")]
    public void Malformed_coupon_codes_name_the_field(string data, string reason)
    {
        var failure = Linters.Check("couponcode", data);
        Assert.NotNull(failure);
        Assert.Contains(reason, failure.Value.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("001234561234560123456", null)]
    [InlineData("061234567890121234569123456789012345", null)]
    [InlineData("201234561234560123456", "format code 2 is not one of 0, 1")]
    [InlineData("07", "funder ID length indicator 7 is not 0 to 6")]
    [InlineData("0012345612345601234567", "unexpected data after the last field")]
    [InlineData("001234561234561123456", "serial number is cut short")]
    public void Positive_offer_codes_are_checked_field_by_field(string data, string? reason)
    {
        var failure = Linters.Check("couponposoffer", data);
        if (reason is null)
        {
            Assert.Null(failure);
        }
        else
        {
            Assert.Contains(reason, failure!.Value.English, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_coupon_ai_in_an_element_string_is_linted()
    {
        Assert.True(ElementStringParser.Parse("(8110)012345612345611110123").IsValid);
        Assert.Contains(ElementStringParser.Parse("(8110)0123456").Problems, p => p.Part == "8110" && p.English.Contains("offer code", StringComparison.Ordinal));
    }
}
