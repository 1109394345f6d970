using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace NangSuat.Trace.Api.Infrastructure;

public static class Json
{
    public static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    public static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The API's JSON: enums as camelCase names (one converter, not a conversion per call), and
    /// Vietnamese text left readable while the characters that matter to HTML are still escaped.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
    }
}
