using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using static NangSuat.Trace.Api.Tests.Fuzzing.Vocabulary;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

/// <summary>
/// Request bodies: the scene's valid bodies or ones built from the OpenAPI schemas, then mutated
/// (one field or all of them spiked with a hostile character, odd values, missing and extra
/// fields), or wrecked as bytes; binary bodies for uploads.
/// </summary>
public sealed class BodyGen(FuzzScene scene, JsonElement openApi, IReadOnlyDictionary<string, List<string>> hints)
{
    public Gen<(byte[]? Bytes, J? Json, string? ContentType)> For(ApiEndpoint endpoint, string method)
    {
        var expectsBody = method is "POST" or "PUT" or "PATCH";
        var binary = endpoint.BodyTypes.Count > 0 && endpoint.BodyTypes.All(t => !t.Contains("json", StringComparison.Ordinal));
        var body = endpoint.Portal ? FormBody() : binary ? BinaryBody(endpoint) : JsonBody(endpoint);
        return from present in Gen.Int[0, 99]
               from b in body
               select present < (expectsBody ? 93 : 8) ? b : (null, null, null);
    }

    // The names the portal's forms post; a form may carry any of them, twice, or none.
    private static readonly string[] FormFields =
    [
        "email", "password", "passwordRepeated", "currentPassword", "displayName", "phone", "quay-lai", "role", "isOwner", "name", "taxCode", "kind",
        "gs1CompanyPrefix", "gln", "address.street", "address.commune", "address.province", "contact.phone", "contact.email", "gtin", "name.vi", "name.en",
        "description", "category", "brand", "standards", "ocopStars", "exportMarkets", "version", "lotNumber", "productionAreaId", "productionDate",
        "packingDate", "expiryDate", "bestBeforeDate", "quantity.value", "quantity.unit", "reason", "status", "count", "formId", "removePhoto",
    ];

    // The names the portal's uploads post a file under.
    private static readonly string[] FileFields = ["file", "photo", "evidence"];

    /// <summary>
    /// A browser's form post: usually with the form token of one of the scene's signed-in pages (so
    /// the handler, not only the antiforgery check, meets the values), fields the portal's forms
    /// use with valid-looking or hostile values, sometimes wrecked or sent as another type.
    /// </summary>
    private Gen<(byte[]? Bytes, J? Json, string? ContentType)> FormBody()
    {
        var tokens = scene.Sessions.Values.Select(s => s.FormToken).ToList();
        var token = Weighted((80, Pick(tokens).Select(t => (string?)t)), (10, Gen.Const((string?)null)), (10, Text.Select(t => (string?)t)));
        var hints = scene.Values.Values.SelectMany(v => v).Concat(scene.AllIds.Select(id => id.ToString())).ToList();
        var value = Weighted(
            (30, Pick(hints)),
            (15, Pick(["2026-11-20", "20/11/2026", "12,5", "850", "producer", "inspector", "admin", "suspended", "revoked", "active", "cooperative", "true", "4"])),
            (25, Text),
            (10, HostileText),
            (5, Long),
            (15, Gen.Const("")));
        var field = from name in Pick(FormFields) from v in value select Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(v);
        var fields = field.List[0, 12];
        var contentType = Weighted<string?>(
            (80, Gen.Const<string?>("application/x-www-form-urlencoded")),
            (5, Gen.Const<string?>("application/x-www-form-urlencoded; charset=bogus")),
            (5, Gen.Const<string?>("multipart/form-data; boundary=x")),
            (5, Gen.Const<string?>("application/json")),
            (5, Gen.Const((string?)null)));
        var plain = from t in token
                    from f in fields
                    from wrecked in Gen.Int[0, 99]
                    from type in contentType
                    let text = string.Join('&', t is null ? f : [Uri.EscapeDataString("__RequestVerificationToken") + "=" + Uri.EscapeDataString(t), .. f])
                    from bytes in Fn(pcg => wrecked < 90 ? Encoding.UTF8.GetBytes(text) : Wreck(Encoding.UTF8.GetBytes(text), pcg))
                    select ((byte[]?)bytes, (J?)null, type);
        var named = from name in Pick(FormFields) from v in value select (name, v);
        var upload = from t in token
                     from f in named.List[0, 6]
                     from fileField in Pick(FileFields)
                     from file in Pick(scene.Files)
                     from fileName in Weighted((70, Gen.Const(file.Name)), (10, Pick(["x", "lo.CSV", "a.xlsx.exe", "../../etc/passwd", "tệp \"lạ\".csv"])), (20, Text))
                     from bytes in Fn(pcg => pcg.Next(10) < 5 ? file.Bytes : Damage(file.Bytes, pcg))
                     select Multipart(t, f, fileField, fileName, bytes);
        return Weighted((80, plain), (20, upload));
    }

    /// <summary>A file as a browser uploads it, with the form's token and fields: multipart/form-data.</summary>
    private static (byte[]? Bytes, J? Json, string? ContentType) Multipart(string? token, IEnumerable<(string Name, string Value)> fields, string fileField, string fileName, byte[] file)
    {
        const string boundary = "----nangsuat-fuzz-7MA4YWxkTrZu0gW";
        var body = new MemoryStream();
        void Text(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var (name, value) in (token is null ? [] : new[] { ("__RequestVerificationToken", token) }).Concat(fields))
        {
            Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }

        Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"{fileField}\"; filename=\"{fileName.Replace("\"", "%22", StringComparison.Ordinal)}\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.Write(file);
        Text($"\r\n--{boundary}--\r\n");
        return (body.ToArray(), null, $"multipart/form-data; boundary={boundary}");
    }

    /// <summary>A file spoiled the ways files are: cut short, a byte flipped, padded, or only its start kept.</summary>
    private static byte[] Damage(byte[] file, PCG pcg)
    {
        var copy = file.ToArray();
        switch (pcg.Next(5))
        {
            case 0:
                return copy[..(int)pcg.Next((uint)Math.Max(copy.Length, 1))];
            case 1:
                for (var i = 0; i < 1 + pcg.Next(8); i++)
                {
                    copy[pcg.Next((uint)copy.Length)] ^= (byte)(1 + pcg.Next(255));
                }

                return copy;
            case 2:
                return [.. copy, .. new byte[1 + pcg.Next(4096)]];
            case 3:
                return copy[..Math.Min(copy.Length, 64)];
            default:
                return [.. Enumerable.Range(0, 1 + (int)pcg.Next(2000)).Select(_ => (byte)pcg.Next(256))];
        }
    }

    private Gen<(byte[]? Bytes, J? Json, string? ContentType)> BinaryBody(ApiEndpoint endpoint)
    {
        var photo = scene.Photo;
        var bytes = Weighted(
            (30, Gen.Const(photo)),
            (15, Gen.Byte.Array[0, 200].Select(b => (byte[])[0xFF, 0xD8, 0xFF, .. b])),
            (10, Gen.Byte.Array[0, 200].Select(b => (byte[])[.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. b])),
            (10, Gen.Int[1, photo.Length - 1].Select(n => photo[..n])),
            (10, Gen.Byte.Array[1, 300]),
            (10, Gen.Const(Array.Empty<byte>())),
            (5, Gen.Const("{\"image\":1}"u8.ToArray())),
            (2, Pick([1024 * 1024, 1024 * 1024 + 1]).Select(n => new byte[n])));
        var contentType = Weighted<string?>(
            (40, Pick<string?>([.. endpoint.BodyTypes])),
            (15, Pick<string?>(["image/png", "image/jpeg", "image/webp", "image/gif", "image/svg+xml"])),
            (10, Pick<string?>(["image/png; charset=bogus", "IMAGE/PNG", "image/png;", "image/png; q=1"])),
            (10, Gen.Const<string?>("application/json")),
            (10, Gen.Const((string?)null)),
            (15, Text.Select(t => (string?)t)));
        return from b in bytes from type in contentType select ((byte[]?)b, (J?)null, type);
    }

    private Gen<(byte[]? Bytes, J? Json, string? ContentType)> JsonBody(ApiEndpoint endpoint)
    {
        var method = endpoint.Methods.FirstOrDefault(m => m is "POST" or "PUT" or "PATCH") ?? "POST";
        var exemplar = scene.Bodies.GetValueOrDefault($"{method} {endpoint.OpenApiPath}")
            ?? (method == "PUT" && endpoint.OpenApiPath.EndsWith("/{id}", StringComparison.Ordinal)
                ? scene.Bodies.GetValueOrDefault($"POST {endpoint.OpenApiPath[..^"/{id}".Length]}") : null);
        var schema = endpoint.BodySchema;
        var exemplars = scene.Bodies.Values.ToList();
        var start = Weighted(
            (exemplar is null ? 0 : 65, exemplar is null ? Gen.Const<J>(new JRaw("{}")) : Fn(pcg => Refresh(exemplar, pcg))),
            (schema is null ? 0 : 35, schema is null ? Gen.Const<J>(new JRaw("{}")) : Fn(pcg => FromSchema(schema.Value, null, 0, pcg))),
            (exemplar is null && schema is null ? 100 : 0, Pick(exemplars)));
        var mutated = from root in start
                      from count in Weighted((25, Gen.Const(0)), (40, Gen.Const(1)), (20, Gen.Const(2)), (15, Gen.Const(3)))
                      from result in Fn(pcg => Enumerable.Range(0, count).Aggregate(root, (tree, _) => Mutate(tree, pcg)))
                      select result;
        var contentType = Weighted<string?>(
            (70, Gen.Const<string?>("application/json")),
            (5, Gen.Const<string?>("application/json; charset=utf-8")),
            (12, Pick<string?>(["application/json; charset=bogus", "application/json; charset=utf-7", "application/json; charset=", "application/json; charset=latin1",
                "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/json; charset=\"utf-8\"", "application/json; charset=utf-32",
                "application/json;charset=UTF-8;charset=bogus", "application/json; charset=us-ascii", "application/json; charset=utf-8; boundary=x"])),
            (13, Weighted<string?>((1, Pick<string?>(["text/plain", "multipart/form-data; boundary=x", "multipart/form-data", "application/x-www-form-urlencoded",
                "application/*", "image/png", "garbage", "", "APPLICATION/JSON", "application/merge-patch+json", "application/json+garbage", "text/json"])),
                (1, Gen.Const((string?)null)), (1, Text.Select(t => (string?)t)))));
        return from tree in mutated
               from wrecked in Gen.Int[0, 99]
               from bytes in Fn(pcg => wrecked < 85 ? tree.ToBytes() : Wreck(tree.ToBytes(), pcg))
               from type in contentType
               select ((byte[]?)bytes, wrecked < 85 ? tree : null, type);
    }

    /// <summary>The scene's valid body with the fields that must be unique made fresh, so a copy can succeed again.</summary>
    private J Refresh(J exemplar, PCG pcg) => exemplar is JObject body
        ? new JObject([.. body.Properties.Select(p => new KeyValuePair<string, J>(p.Key, p.Key switch
        {
            "gtin" when pcg.Next(2) == 0 => new JString(Vocabulary.Gtin(pcg)),
            "taxCode" => new JString(TaxCode(pcg)),
            "lotNumber" or "number" when pcg.Next(4) != 0 => new JString("F" + pcg.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture)),
            _ => p.Value,
        }))])
        : exemplar;

    /// <summary>A plausible value for an OpenAPI schema, using the scene's values where the field name matches one.</summary>
    private J FromSchema(JsonElement schema, string? name, int depth, PCG pcg)
    {
        schema = EndpointCatalog.Resolve(openApi, schema);
        if (name is not null && hints.TryGetValue(name, out var values) && pcg.Next(10) < 7)
        {
            return new JString(values[(int)pcg.Next((uint)values.Count)]);
        }

        switch (EndpointCatalog.TypeOf(openApi, schema))
        {
            case "object" when depth < 4 && schema.TryGetProperty("properties", out var properties):
                return new JObject([.. properties.EnumerateObject().Where(_ => pcg.Next(100) < 85)
                    .Select(p => new KeyValuePair<string, J>(p.Name, FromSchema(p.Value, p.Name, depth + 1, pcg)))]);
            case "array" when depth < 4:
                var items = schema.TryGetProperty("items", out var item) ? item : default;
                return new JArray([.. Enumerable.Range(0, (int)pcg.Next(3)).Select(_ => items.ValueKind == JsonValueKind.Undefined ? new JString("x") : FromSchema(items, null, depth + 1, pcg))]);
            case "integer":
                return new JRaw(pcg.Next(11).ToString(CultureInfo.InvariantCulture));
            case "number":
                return new JRaw((pcg.Next(10_000) / 100.0).ToString(CultureInfo.InvariantCulture));
            case "boolean":
                return new JRaw(pcg.Next(2) == 0 ? "true" : "false");
        }

        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return format switch
        {
            "date" => new JString(new DateOnly(2020, 1, 1).AddDays((int)pcg.Next(4000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            "date-time" => new JString("2026-11-01T10:00:00+07:00"),
            "uuid" => new JString(IdFor(name, pcg).ToString()),
            _ => new JString(Word.Draw(pcg)),
        };
    }

    /// <summary>A scene id for a field such as productionAreaId: the collection whose name matches, else any.</summary>
    private Guid IdFor(string? field, PCG pcg)
    {
        static string Squash(string s) => s.Replace("-", "", StringComparison.Ordinal).TrimEnd('s').ToLowerInvariant();
        var wanted = field is null ? "" : Squash(field.EndsWith("Id", StringComparison.Ordinal) ? field[..^2] : field);
        var ids = scene.Ids.FirstOrDefault(c => Squash(c.Key) == wanted).Value ?? [.. scene.AllIds];
        return ids[(int)pcg.Next((uint)ids.Count)];
    }

    /// <summary>
    /// One change to the tree: a hostile character in a string that is otherwise valid, the same
    /// character in every string at once, an odd value anywhere, a missing or extra field, a wrapper.
    /// </summary>
    private static J Mutate(J root, PCG pcg)
    {
        var paths = J.Paths(root);
        var strings = paths.Where(p => J.At(root, p) is JString).ToList();
        var operation = pcg.Next(100);
        if (operation < 35 && strings.Count > 0)
        {
            var hostile = HostileText.Draw(pcg);
            var position = pcg.Next(3);
            return J.Replace(root, strings[(int)pcg.Next((uint)strings.Count)], 0, node => new JString(Spike(((JString)node).Value, hostile, position)));
        }

        if (operation < 45 && strings.Count > 0)
        {
            var hostile = HostileText.Draw(pcg);
            return strings.Aggregate(root, (tree, path) => J.Replace(tree, path, 0, node => new JString(Spike(((JString)node).Value, hostile, 2))));
        }

        var target = paths[(int)pcg.Next((uint)paths.Count)];
        return J.Replace(root, target, 0, node => operation switch
        {
            < 75 => OddJson.Draw(pcg),
            < 83 when target.Length > 0 => null,
            < 91 when node is JObject o => new JObject([.. o.Properties,
                new(Pick(["", "__proto__", "$type", "$id", "extra", "\u0000", "gtin", "id", new string('k', 1_000), "\uFFFE", "a.b", "[0]"]).Draw(pcg), OddJson.Draw(pcg))]),
            < 95 when node is JObject o && o.Properties.Count > 0 => new JObject([.. o.Properties, new(o.Properties[(int)pcg.Next((uint)o.Properties.Count)].Key, OddJson.Draw(pcg))]),
            < 98 => new JArray([node]),
            _ => new JObject([new("value", node)]),
        });
    }

    /// <summary>The text with the hostile part before it, after it, or in its middle.</summary>
    private static string Spike(string text, string hostile, uint position) => position switch
    {
        0 => hostile + text,
        1 => text + hostile,
        _ => text[..(text.Length / 2)] + hostile + text[(text.Length / 2)..],
    };

    /// <summary>The body as bytes that are no longer the JSON the tree says: cut, re-encoded, wrapped or replaced.</summary>
    private static byte[] Wreck(byte[] json, PCG pcg) => pcg.Next(12) switch
    {
        0 => [],
        1 => Encoding.UTF8.GetBytes(new[] { "null", "[]", "{}", "\"text\"", "0", "true", "[{}]", " ", "\uFEFF" }[pcg.Next(9)]),
        2 => json[..(int)pcg.Next((uint)Math.Max(json.Length, 1))],
        3 => [0xEF, 0xBB, 0xBF, .. json],
        4 => Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(json)),
        5 => [.. Enumerable.Range(0, 1 + (int)pcg.Next(200)).Select(_ => (byte)pcg.Next(256))],
        6 => Encoding.UTF8.GetBytes(pcg.Next(2) == 0 ? new string('[', 100_000) : string.Concat(Enumerable.Repeat("{\"a\":", 5_000))),
        7 => [.. json, .. "},x"u8],
        8 => "gtin=8930000000001&name=x"u8.ToArray(),
        9 => "<lot><gtin>1</gtin></lot>"u8.ToArray(),
        10 => [.. json.Take(json.Length / 2), .. InvalidUtf8[pcg.Next((uint)InvalidUtf8.Length)], .. json.Skip(json.Length / 2)],
        _ => [.. "/* comment */"u8, .. Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(json).Replace('"', '\''))],
    };
}
