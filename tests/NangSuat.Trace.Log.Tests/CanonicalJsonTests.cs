using System.Text;
using System.Text.Json;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Log.Tests;

public sealed class CanonicalJsonTests
{
    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Encoding.UTF8.GetString(CanonicalJson.Serialize(document.RootElement));
    }

    [Fact]
    public void Members_are_sorted_by_utf16_code_units_and_whitespace_goes()
    {
        // RFC 8785 §3.2.3's sorting example: "\r" < "1" < "\u0080" < "\u00f6" < "\u20ac" < "\ud83d\ude00" < "\ufb33".
        var json = """{ "\u20ac": "Euro", "\r": "CR", "\ufb33": "Hebrew", "1": "One", "\ud83d\ude00": "Smiley", "\u0080": "Control", "\u00f6": "Latin" }""";
        Assert.Equal("{\"\\r\":\"CR\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin\",\"€\":\"Euro\",\"😀\":\"Smiley\",\"\ufb33\":\"Hebrew\"}", Canonical(json));
    }

    [Fact]
    public void Strings_keep_vietnamese_as_utf8_and_escape_only_what_json_requires()
    {
        Assert.Equal("""{"a":[null,true,false,-12,"Chè \"Mộc\" Châu\\\n\u001f/<>"],"b":{}}""",
            Canonical("""{"b":{},"a":[null,true,false,-12,"Ch\u00e8 \"M\u1ed9c\" Ch\u00e2u\\\n\u001F\/<>"]}"""));
    }

    [Fact]
    public void Two_writings_of_one_entry_give_the_same_bytes()
    {
        Assert.Equal(Canonical("""{"index":3,"changes":"{}","actor":{"role":"admin","tokenId":null}}"""),
            Canonical("""
                {
                  "actor": { "tokenId": null, "role": "adm\u0069n" },
                  "changes": "{}",
                  "index": 3
                }
                """));
    }

    [Theory]
    [InlineData("""{"n":1.5}""")]
    [InlineData("""{"n":1e3}""")]
    [InlineData("""{"n":9007199254740993}""")]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"s":"\ud800"}""")]
    public void What_has_no_single_canonical_form_is_refused(string json) =>
        Assert.Throws<FormatException>(() => Canonical(json));
}
