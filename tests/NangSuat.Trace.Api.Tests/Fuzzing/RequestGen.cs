using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using NangSuat.Trace.Api.Serials;
using NangSuat.Trace.Labels;
using static NangSuat.Trace.Api.Tests.Fuzzing.Vocabulary;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

/// <summary>
/// Requests for every endpoint of the catalogue, valid and invalid mixed so that many get past
/// routing, authentication and validation to the database: real ids and tokens from the scene,
/// valid bodies from the scene or the OpenAPI schemas, then mutated.
/// </summary>
public sealed class RequestGen
{
    public const string NoRoute = "(random path)";

    private static readonly string[] KnownCompressed = ["AQnYUc1gmiCNV4JG", "AQnYUc1gmiCNV4JGQhcNT6K6c", "AQnYUc1gmiCNV4JGQhcNT6K6cibQCWN9Pee9tT-PQ"];
    private static readonly string[] OtherMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "FOO", "get", "CONNECT", "PROPFIND"];
    private static readonly string[] ExtraQueryNames = ["lang", "linkType", "context", "17", "15", "10", "21", "3103", "7003", "q", "id", "page", "pageSize"];

    private readonly IReadOnlyList<ApiEndpoint> _endpoints;
    private readonly FuzzScene _scene;
    private readonly JsonElement _openApi;
    private readonly Dictionary<string, List<string>> _hints;
    private readonly List<string> _queryNames;
    private readonly BodyGen _bodies;

    public RequestGen(IReadOnlyList<ApiEndpoint> endpoints, FuzzScene scene, JsonElement openApi)
    {
        (_endpoints, _scene, _openApi) = (endpoints, scene, openApi);
        _hints = new(scene.Values, StringComparer.OrdinalIgnoreCase)
        {
            ["symbology"] = [.. LabelRenderer.Symbologies.Keys],
            ["format"] = [.. LabelRenderer.Formats.Keys, "csv", "xlsx"],
            ["layout"] = [.. NangSuat.Trace.Api.LabelPrinting.LabelStock.Layouts.Keys],
            ["linkType"] = ["linkset", "all", "gs1:pip", "gs1:defaultLink", "gs1:certificationInfo", "gs1:recallStatus", "gs1:", "https://gs1.org/voc/pip"],
            // The portal's list parameters: one organization for oversight, a sort key (descending with '-'), a page, the notice after a change.
            ["to-chuc"] = [.. scene.Ids["organizations"].Select(id => id.ToString())],
            ["sap"] = ["ten", "-ten", "gtin", "-gtin", "ocop", "moi", "-moi", "so", "-so", "san-pham", "ngay", "-ngay", "trang-thai", "-trang-thai", "-", "--so"],
            ["trang"] = ["1", "2", "0", "-1", "999999", "2147483648"],
            ["xong"] = ["1", "nhap", "tao", "vo-hieu", "cho-dung", "thu-hoi", "huy", "tam-dung", "mo-lai"],
        };
        _bodies = new BodyGen(scene, openApi, _hints);
        _queryNames = [.. endpoints.SelectMany(e => e.Query).Select(q => q.Name).Concat(ExtraQueryNames).Distinct(StringComparer.Ordinal)];
        var each = endpoints.Select(ForEndpoint).ToList();
        Any = Weighted((95, Gen.Int[0, each.Count - 1].SelectMany(i => each[i])), (5, Unrouted()));
    }

    public Gen<FuzzRequest> Any { get; }

    public Gen<FuzzRequest> ForEndpoint(ApiEndpoint endpoint) =>
        from method in Weighted((82, Pick(endpoint.Methods)), (4, Gen.Const("HEAD")), (5, Gen.Const("OPTIONS")), (9, Pick(OtherMethods)))
        from path in Path(endpoint)
        from query in Query(endpoint)
        from headers in Headers(method, endpoint)
        from body in _bodies.For(endpoint, method)
        from chunked in Gen.Int[0, 99].Select(n => n < 4)
        select Build(endpoint.Name, method, path, query, headers, body, chunked);

    private static FuzzRequest Build(string target, string method, string path, IReadOnlyList<string>? query, List<KeyValuePair<string, string>> headers,
        (byte[]? Bytes, J? Json, string? ContentType) body, bool chunked)
    {
        if (body.ContentType is { } type)
        {
            headers.Add(new("Content-Type", type));
        }

        return new FuzzRequest(target, method, path, query, headers, body.Bytes, body.Json, chunked && body.Bytes is not null);
    }

    private Gen<string> Path(ApiEndpoint endpoint)
    {
        var segments = endpoint.Segments.Select(parts =>
            parts.Select(part => part is RouteParameter parameter ? RouteValue(endpoint, parameter) : Literal((string)part))
                .Aggregate(Gen.Const(""), (left, right) => from l in left from r in right select l + r)).ToList();
        var joined = segments.Aggregate(Gen.Const(""), (left, right) => from l in left from r in right select l + "/" + r);
        return from path in joined
               from twist in Gen.Int[0, 99]
               from extra in Garbage
               select twist switch
               {
                   < 88 => path.Length == 0 ? "/" : path,
                   < 91 => path + "/",
                   < 93 => path + "/" + extra,
                   < 95 => path.Replace("/", "//", StringComparison.Ordinal),
                   < 97 => "/" + extra + "/.." + path,
                   _ => path + "/.",
               };
    }

    /// <summary>A literal segment mostly as written, sometimes re-encoded or re-cased (routing still matches those).</summary>
    private static Gen<string> Literal(string literal) =>
        Weighted((90, Gen.Const(literal)), (5, Gen.Const(Encode(literal, 1))), (5, Gen.Const(literal.ToUpperInvariant())));

    private Gen<string> RouteValue(ApiEndpoint endpoint, RouteParameter parameter)
    {
        if (parameter.IsGuid)
        {
            // Suspending an organization takes its people and tokens out of the run: the fuzzer suspends only one kept for it.
            if (FuzzScene.SuspendsAnOrganization(endpoint.Pattern))
            {
                return Weighted((80, Pick(_scene.Ids["suspendable"]).Select(id => id.ToString())), (10, Gen.Guid.Select(g => g.ToString())), (10, Garbage));
            }

            var own = _scene.Ids.TryGetValue(parameter.Collection, out var ids) ? ids : [.. _scene.AllIds];

            return Weighted(
                (65, Pick(own).Select(id => id.ToString())),
                (10, Pick([.. _scene.AllIds]).Select(id => id.ToString())),
                (10, from id in Pick(own) from shape in Pick(["D", "N", "B", "P", "X"]) select shape == "X" ? id.ToString().ToUpperInvariant() : id.ToString(shape)),
                (5, Gen.Guid.Select(g => g.ToString())),
                (10, Garbage));
        }

        if (parameter.IsInteger)
        {
            // Small numbers reach records (a log's first entries, a checkpoint's size); the rest probe the edges.
            return Weighted(
                (60, Gen.Long[0, 60].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                (10, Gen.Long[-5, -1].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                (10, Pick(["9223372036854775807", "1099511627776", "99999999999999"])),
                (20, Garbage));
        }

        if (parameter.CatchAll)
        {
            return DigitalLinkTail();
        }

        if (parameter.Regex is not null)
        {
            return Compressed();
        }

        return _hints.TryGetValue(parameter.Name, out var values)
            ? Weighted((60, Pick(values).Select(v => Encode(v))), (40, Garbage))
            : Weighted((20, Word), (80, Garbage));
    }

    private Gen<string> Hint(string name) => _hints.TryGetValue(name, out var values) ? Pick(values) : Word;

    /// <summary>What follows /01/ in a GS1 Digital Link: GTIN, then lot and serial qualifiers, valid or not.</summary>
    private Gen<string> DigitalLinkTail()
    {
        var gtin = Weighted((70, Hint("gtin")), (10, Fn(pcg => Vocabulary.Gtin(pcg, 14))), (8, Gen.String[Gen.Char['0', '9'], 1, 20]), (12, Garbage));
        var lot = Weighted((50, Hint("lot").Select(l => Encode(l))), (50, Garbage));
        var serial = Weighted((40, Hint("serial").Select(s => Encode(s))), (20, Word), (40, Garbage));
        return Weighted(
            (25, gtin),
            (30, from g in gtin from l in lot select $"{g}/10/{l}"),
            (15, from g in gtin from l in lot from s in serial select $"{g}/10/{l}/21/{s}"),
            (5, from g in gtin from s in serial select $"{g}/21/{s}"),
            (5, from g in gtin from c in Garbage from l in lot select $"{g}/22/{c}/10/{l}"),
            (5, from g in gtin from l in lot from a in Garbage from b in Garbage select $"{g}/10/{l}/{a}/{b}"),
            (5, from g in gtin from a in Garbage from b in Garbage select $"{g}/{a}/{b}"),
            (5, Garbage),
            (5, from g in gtin from tail in Pick(["/", "/10/", "//", "/10", "/10//21/"]) select g + tail));
    }

    /// <summary>A compressed Digital Link: base64url, from real prefixes with random tails to pure noise.</summary>
    private static Gen<string> Compressed()
    {
        var alphabet = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"];
        return Weighted(
            (35, from prefix in Pick(KnownCompressed) from tail in Gen.String[alphabet, 0, 60] select prefix + tail),
            (25, Gen.String[alphabet, 8, 120]),
            (10, from c in Pick(['A', '_', '-', '9', 'z']) from n in Gen.Int[8, 300] select new string(c, n)),
            (10, Pick(KnownCompressed)),
            (10, from known in Pick(KnownCompressed) from cut in Gen.Int[8, 16] select known[..cut]),
            (10, Gen.String[alphabet, 8, 12]));
    }

    /// <summary>
    /// Query pairs. Mostly every parameter but one is valid (or absent), so the bad one gets
    /// past validation of the others to the code that uses it; otherwise each is drawn on its own.
    /// </summary>
    private Gen<IReadOnlyList<string>?> Query(ApiEndpoint endpoint)
    {
        var parameters = endpoint.Query;
        var valid = parameters.Select(q => ValidQueryValue(q.Name, q.Type)).ToList();
        var any = parameters.Select(q => QueryValue(q.Name, q.Type)).ToList();
        var bad = parameters.Select(q => BadQueryValue(q.Name, q.Type)).ToList();
        var known = Fn(pcg =>
        {
            var oneBad = pcg.Next(10) < 7;
            var spoiled = parameters.Count == 0 ? -1 : (int)pcg.Next((uint)parameters.Count);
            var pairs = new List<string>();
            for (var i = 0; i < parameters.Count; i++)
            {
                if (oneBad ? i == spoiled || pcg.Next(100) < 30 : pcg.Next(100) < 55)
                {
                    pairs.Add($"{parameters[i].Name}={(oneBad ? (i == spoiled ? bad[i] : valid[i]) : any[i]).Draw(pcg)}");
                }
            }

            return pairs;
        });
        var extra = from name in Weighted((80, Pick(_queryNames)), (20, Garbage)) from value in QueryValue(name, "string") select $"{name}={value}";
        return from pairs in known
               from extras in extra.List[0, 2]
               from shape in Gen.Int[0, 99]
               select shape switch
               {
                   < 3 => (IReadOnlyList<string>?)[""],
                   < 5 => ["&&=&", .. pairs],
                   < 7 => [.. pairs, .. pairs],
                   < 9 => ["=x", .. pairs],
                   _ => pairs.Count + (shape < 40 ? extras.Count : 0) == 0 ? null : [.. pairs, .. shape < 40 ? extras : []],
               };
    }

    private Gen<string> ValidQueryValue(string name, string type)
    {
        var typical = type switch
        {
            "integer" => Weighted((3, Gen.Int[1, 10]), (2, Gen.Int[72, 300])).Select(n => n.ToString(CultureInfo.InvariantCulture)),
            "number" => Gen.Double[1, 100].Select(d => d.ToString("0.##", CultureInfo.InvariantCulture)),
            "boolean" => Pick(["true", "false"]),
            _ => Word,
        };
        return _hints.TryGetValue(name, out var values) ? Weighted((70, Pick(values).Select(v => Encode(v))), (30, typical)) : typical;
    }

    private Gen<string> BadQueryValue(string name, string type) => Weighted(
        (type is "integer" or "number" ? 30 : 8, Pick(IntegerEdges)),
        (12, Pick(NumberTokens).Select(t => Encode(t))),
        (25, from v in ValidQueryValue(name, type) from hostile in HostileText select v + Encode(hostile, 1)),
        (10, Gen.Const("%00")),
        (30, Garbage),
        (3, Long.Select(h => Encode(h))));

    private Gen<string> QueryValue(string name, string type) => Weighted((45, ValidQueryValue(name, type)), (55, BadQueryValue(name, type)));

    /// <summary>Marks a credential that goes out as the portal's Cookie header rather than as Authorization.</summary>
    private const string SessionCookie = "\u0001cookie:";

    private Gen<List<KeyValuePair<string, string>>> Headers(string method, ApiEndpoint endpoint)
    {
        var tokens = _scene.Tokens;
        var authorization = Weighted<string?>(
            (12, Gen.Const((string?)null)),
            (22, Gen.Const<string?>("Bearer " + tokens["producer"])),
            (18, Gen.Const<string?>("Bearer " + tokens["admin"])),
            (14, Gen.Const<string?>("Bearer " + tokens["inspector"])),
            (6, Gen.Const<string?>("Bearer " + tokens["rival"])),
            (6, Gen.Const<string?>("Bearer " + tokens["revoked"])),
            (12, Weighted<string?>(
                (1, Pick<string?>(["Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "bearer " + tokens["producer"], "Bearer  " + tokens["admin"] + "  ", tokens["producer"],
                    "Bearer " + tokens["producer"] + "x", "Negotiate abc", "Bearer nst_", "Bearer " + new string('a', 5_000)])),
                (1, Text.Select(t => (string?)("Bearer " + t))))));
        var accept = Weighted<string?>(
            (45, Gen.Const((string?)null)),
            (15, Gen.Const<string?>("application/json")),
            (5, Gen.Const<string?>("application/problem+json")),
            (8, Pick<string?>(["text/html", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"])),
            (5, Gen.Const<string?>("image/png")),
            (5, Gen.Const<string?>("application/xml")),
            (5, Gen.Const<string?>("*/*")),
            (3, Gen.Const<string?>("application/linkset+json")),
            (9, Weighted<string?>((1, Pick<string?>(["garbage", "application/json;q=0", ";;;", "*/*;q=abc", "text/*", "application/*", "", "image/*,text/csv"])),
                (1, Text.Select(t => (string?)t)))));
        var language = Weighted<string?>((55, Gen.Const((string?)null)), (15, Pick<string?>(["en", "vi", "en-US,en;q=0.9", "vi-VN", "fr"])),
            (30, Weighted<string?>((1, Pick<string?>(["*", "xx-YY", "garbage;;q=", "zh-Hant-TW", "en;q=NaN", "-", "en-", string.Join(',', Enumerable.Repeat("en", 500))])),
                (1, Text.Select(t => (string?)t)))));
        var extra = Weighted<KeyValuePair<string, string>?>(
            (80, Gen.Const((KeyValuePair<string, string>?)null)),
            (4, Text.Select(t => (KeyValuePair<string, string>?)new("Idempotency-Key", t))),
            (3, Pick(["\"abc\"", "*", "W/\"x\"", "garbage"]).Select(v => (KeyValuePair<string, string>?)new("If-None-Match", v))),
            (3, Pick(["bytes=0-1", "bytes=-1", "bytes=5-1", "bytes=0-", "lines=1-2", "bytes=99999999999999999999-"]).Select(v => (KeyValuePair<string, string>?)new("Range", v))),
            (2, Text.Select(t => (KeyValuePair<string, string>?)new("Cookie", t))),
            (2, Text.Select(t => (KeyValuePair<string, string>?)new("X-Forwarded-For", t))),
            (2, Pick(["gzip", "br", "garbage"]).Select(v => (KeyValuePair<string, string>?)new("Content-Encoding", v))),
            (2, Pick(["garbage", "localhost:99999", "[::1", "a b", ""]).Select(v => (KeyValuePair<string, string>?)new("Host", v))),
            (2, Gen.Const((KeyValuePair<string, string>?)new KeyValuePair<string, string>("Expect", "100-continue"))));
        var origin = Pick(["https://example.org", "null", "http://localhost", "garbage", "https://truyxuat.sonla.gov.vn"]);
        var requested = Pick(["GET", "POST", "PUT", "DELETE", "HEAD", "FOO", "", "get"]);
        var requestedHeaders = Pick(["authorization, content-type", "x-garbage", "", "*"]);
        var cors = from use in Gen.Int[0, 99]
                   from o in origin
                   from m in requested
                   from h in requestedHeaders
                   from withHeaders in Gen.Bool
                   select method == "OPTIONS"
                       ? (use < 80 ? (o, m, withHeaders ? h : null) : ((string Origin, string? Method, string? Headers)?)null)
                       : (use < 5 ? (o, null, null) : null);
        var allowed = endpoint.Portal
            ? endpoint.Roles?.Where(_scene.Sessions.ContainsKey).Select(role => (string?)(SessionCookie + _scene.Sessions[role].Cookie)).ToList()
            : endpoint.Roles?.Where(tokens.ContainsKey).Select(role => (string?)("Bearer " + tokens[role])).ToList();
        if (allowed is { Count: > 0 })
        {
            // Nearly every portal page needs its session; without a greater share a page seldom gets past sign-in.
            authorization = endpoint.Portal ? Weighted((70, Pick(allowed)), (30, authorization)) : Weighted((45, Pick(allowed)), (55, authorization));
        }

        return from a in authorization
               from ac in accept
               from al in language
               from x in extra
               from c in cors
               select Assemble(a, ac, al, x, c);
    }

    private static List<KeyValuePair<string, string>> Assemble(string? authorization, string? accept, string? language, KeyValuePair<string, string>? extra,
        (string Origin, string? Method, string? Headers)? cors)
    {
        var headers = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                // CR and LF would end the header early and desynchronise the connection.
                headers.Add(new(name, value.Replace('\r', ' ').Replace('\n', ' ')));
            }
        }

        if (authorization?.StartsWith(SessionCookie, StringComparison.Ordinal) == true)
        {
            Add("Cookie", authorization[SessionCookie.Length..]);
        }
        else
        {
            Add("Authorization", authorization);
        }

        Add("Accept", accept);
        Add("Accept-Language", language);
        if (extra is { } pair)
        {
            Add(pair.Key, pair.Value);
        }

        if (cors is { } c)
        {
            Add("Origin", c.Origin);
            Add("Access-Control-Request-Method", c.Method);
            Add("Access-Control-Request-Headers", c.Headers);
        }

        return headers;
    }

    /// <summary>Paths no endpoint maps, and request targets that are odd in form.</summary>
    private Gen<FuzzRequest> Unrouted()
    {
        var path = Weighted(
            (20, Garbage.Select(g => "/" + g)),
            (20, from a in Garbage from b in Garbage select $"/api/v1/{a}/{b}"),
            (10, Pick(["*", "http://localhost/api/v1/lots", "//", "/01", "/01/", "/san-pham", "/san-pham/", "/media/products/", "/.well-known/", "/openapi/", "/swagger",
                "/%2e%2e/%2e%2e/etc/passwd", "/api/v1", "/api/v1/", "/api", "/favicon.ico", "/robots.txt", "/media", "/api/v1/lots/", "/api/v1/labels"])),
            (5, Pick([9_000, 20_000]).Select(n => "/" + new string('a', n))),
            (5, Text.Select(t => "/" + Encode(t, 2))),
            (20, from prefix in Pick(["/media/products/", "/.well-known/", "/openapi/", "/swagger/", "/san-pham/", "/01/"]) from g in Garbage select prefix + g),
            (20, from prefix in Pick(["/api/v1/products/", "/api/v1/lots/", "/api/v1/organizations/", "/api/v1/serial-batches/", "/api/v1/certificates/"])
                 from g in Garbage select prefix + g));
        var empty = new ApiEndpoint(NoRoute, "", "", ["GET"], [], [], null, [], null);
        return from method in Weighted((60, Gen.Const("GET")), (40, Pick(OtherMethods)))
               from p in path
               from query in Query(empty)
               from headers in Headers(method, empty)
               from body in _bodies.For(empty, method)
               select Build(NoRoute, method, p, query, headers, body, false);
    }
}
