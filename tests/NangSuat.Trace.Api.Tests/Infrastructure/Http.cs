using System.Net.Http.Json;
using System.Text.Json;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

public static class Http
{
    public static async Task EnsureStatus(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
        {
            Assert.Fail($"Expected {status} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task<JsonElement> Json(this HttpResponseMessage response, int status)
    {
        await EnsureStatus(response, status);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Asserts a ProblemDetails answer with the status and returns it.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, int status)
    {
        await EnsureStatus(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> name the field with a message containing the text.</summary>
    public static async Task<string> FieldError(this HttpResponseMessage response, string field, string contains)
    {
        var problem = await response.Problem(400);
        Assert.True(problem.TryGetProperty("errors", out var errors), problem.ToString());
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
        var all = string.Join(" | ", messages.EnumerateArray().Select(m => m.GetString()));
        Assert.Contains(contains, all, StringComparison.Ordinal);
        return all;
    }

    public static Guid Id(this JsonElement body) => body.GetProperty("id").GetGuid();

    public static string Str(this JsonElement body, string name) => body.GetProperty(name).GetString()!;
}
