using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

public sealed record RouteParameter(string Name, bool CatchAll, bool IsGuid, string? Regex, string Collection, bool IsInteger = false);

public sealed record QueryParameter(string Name, string Type);

/// <summary>One route of the app: its pattern split into literal and parameter parts, and what it reads.</summary>
public sealed record ApiEndpoint(
    string Name, string Pattern, string OpenApiPath, IReadOnlyList<string> Methods, IReadOnlyList<IReadOnlyList<object>> Segments,
    IReadOnlyList<QueryParameter> Query, JsonElement? BodySchema, IReadOnlyList<string> BodyTypes, IReadOnlyList<string>? Roles, bool Portal = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every endpoint the app maps, read at run time from its EndpointDataSource (patterns, methods,
/// constraints, handler parameters) and its own OpenAPI document (query parameters, body schemas),
/// so an endpoint added later is fuzzed without anyone listing it here.
/// </summary>
public static class EndpointCatalog
{
    private static readonly HashSet<Type> Simple =
    [
        typeof(string), typeof(int), typeof(long), typeof(double), typeof(decimal), typeof(bool), typeof(Guid), typeof(DateOnly), typeof(DateTime), typeof(DateTimeOffset), typeof(float),
    ];

    public static async Task<IReadOnlyList<ApiEndpoint>> ReadAsync(IServiceProvider services, JsonElement openApi)
    {
        var authorization = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var endpoints = new List<ApiEndpoint>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() is { Count: > 0 } listed ? listed : ["GET", "POST", "PUT", "DELETE"];
            var segments = new List<IReadOnlyList<object>>();
            var routeNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var previousLiteral = "";
            foreach (var segment in pattern.PathSegments)
            {
                var parts = new List<object>();
                foreach (var part in segment.Parts)
                {
                    switch (part)
                    {
                        case RoutePatternLiteralPart literal:
                            parts.Add(literal.Content);
                            previousLiteral = literal.Content;
                            break;
                        case RoutePatternSeparatorPart separator:
                            parts.Add(separator.Content);
                            break;
                        case RoutePatternParameterPart parameter:
                            var policies = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
                            var regex = policies.FirstOrDefault(p => p.StartsWith("regex(", StringComparison.Ordinal));
                            parts.Add(new RouteParameter(parameter.Name, parameter.IsCatchAll, policies.Contains("guid"),
                                regex is null ? null : regex[6..^1], previousLiteral, policies.Contains("long") || policies.Contains("int")));
                            routeNames.Add(parameter.Name);
                            break;
                    }
                }

                segments.Add(parts);
            }

            var openApiPath = "/" + string.Join('/', segments.Select(parts => string.Concat(parts.Select(p => p is RouteParameter r ? "{" + r.Name + "}" : (string)p))));
            var query = new Dictionary<string, QueryParameter>(StringComparer.OrdinalIgnoreCase);
            JsonElement? body = null;
            var bodyTypes = new List<string>();
            foreach (var method in methods)
            {
                if (!TryOperation(openApi, openApiPath, method, out var operation))
                {
                    continue;
                }

                if (operation.TryGetProperty("parameters", out var parameters))
                {
                    foreach (var parameter in parameters.EnumerateArray().Select(p => Resolve(openApi, p)).Where(p => p.GetProperty("in").GetString() == "query"))
                    {
                        var name = parameter.GetProperty("name").GetString()!;
                        query[name] = new QueryParameter(name, parameter.TryGetProperty("schema", out var schema) ? TypeOf(openApi, schema) : "string");
                    }
                }

                if (operation.TryGetProperty("requestBody", out var requestBody) && Resolve(openApi, requestBody).TryGetProperty("content", out var content))
                {
                    foreach (var type in content.EnumerateObject())
                    {
                        bodyTypes.Add(type.Name);
                        if (type.Name.Contains("json", StringComparison.Ordinal) && type.Value.TryGetProperty("schema", out var schema))
                        {
                            body = schema;
                        }
                    }
                }
            }

            // Routes left out of the OpenAPI document still say what they bind, through the handler's parameters.
            foreach (var binding in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>())
            {
                var type = Nullable.GetUnderlyingType(binding.ParameterInfo.ParameterType) ?? binding.ParameterInfo.ParameterType;
                // The name on the wire: [FromQuery(Name = "trang")] binds "trang", not the C# parameter's name.
                var name = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>(binding.ParameterInfo)?.Name ?? binding.Name;
                if (Simple.Contains(type) && !routeNames.Contains(binding.Name) && !query.ContainsKey(name))
                {
                    query[name] = new QueryParameter(name, type == typeof(int) || type == typeof(long) ? "integer"
                        : type == typeof(double) || type == typeof(decimal) || type == typeof(float) ? "number" : type == typeof(bool) ? "boolean" : "string");
                }
            }

            if (bodyTypes.Count == 0 && endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts)
            {
                bodyTypes.AddRange(accepts.ContentTypes);
            }

            // A portal page takes the browser's sign-in cookie, and its forms post as browsers do.
            var portal = (pattern.RawText ?? "").StartsWith("/portal", StringComparison.Ordinal);
            if (portal && methods.Contains("POST") && bodyTypes.Count == 0)
            {
                bodyTypes.Add("application/x-www-form-urlencoded");
            }

            endpoints.Add(new ApiEndpoint(endpoint.DisplayName ?? pattern.RawText ?? openApiPath, pattern.RawText ?? openApiPath, openApiPath, methods, segments,
                [.. query.Values.OrderBy(q => q.Name, StringComparer.Ordinal)], body, bodyTypes, await RolesAsync(endpoint, authorization), portal));
        }

        return [.. endpoints.OrderBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>The roles every authorization requirement of the endpoint lets through; null when it needs none.</summary>
    private static async Task<IReadOnlyList<string>?> RolesAsync(Endpoint endpoint, IAuthorizationPolicyProvider policies)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return null;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        if (policy is null)
        {
            return null;
        }

        // A portal page that asks only for someone signed in lets every role in.
        var roleSets = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
            .Select(r => (IEnumerable<string>)r.AllowedRoles).ToList();
        return roleSets.Count == 0 ? ["producer", "inspector", "admin"] : [.. roleSets.Aggregate((a, b) => a.Intersect(b))];
    }

    private static bool TryOperation(JsonElement openApi, string path, string method, out JsonElement operation)
    {
        operation = default;
        return openApi.TryGetProperty("paths", out var paths) && paths.TryGetProperty(path, out var item)
            && item.TryGetProperty(method.ToLowerInvariant(), out operation);
    }

    /// <summary>Follows a local $ref ("#/components/schemas/LotRequest").</summary>
    public static JsonElement Resolve(JsonElement openApi, JsonElement node)
    {
        for (var hops = 0; hops < 20 && node.ValueKind == JsonValueKind.Object && node.TryGetProperty("$ref", out var reference); hops++)
        {
            var target = openApi;
            foreach (var step in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(step.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            node = target;
        }

        return node;
    }

    /// <summary>The schema's first non-null type: OpenAPI 3.1 writes nullable as ["null", "string"].</summary>
    public static string TypeOf(JsonElement openApi, JsonElement schema)
    {
        schema = Resolve(openApi, schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return "string";
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            return types.FirstOrDefault(t => t != "null") ?? "string";
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                foreach (var option in options.EnumerateArray())
                {
                    var optionType = TypeOf(openApi, option);
                    if (optionType != "null")
                    {
                        return optionType;
                    }
                }
            }
        }

        return schema.TryGetProperty("properties", out _) ? "object" : "string";
    }
}
