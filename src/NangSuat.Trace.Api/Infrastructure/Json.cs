using System.Text.Json;

namespace NangSuat.Trace.Api.Infrastructure;

public static class Json
{
    public static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    public static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web);
}
