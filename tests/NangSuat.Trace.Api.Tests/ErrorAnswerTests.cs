using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>Every wrong request gets a clear answer, whatever it accepts, whatever it sends.</summary>
public abstract class ErrorAnswerTests(Lane lane)
{
    [Theory]
    [InlineData("text/html")]
    [InlineData("image/png")]
    [InlineData("application/xml")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    public async Task Refusals_of_the_api_are_problem_json_whatever_the_request_accepts(string accept)
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var anonymous = app.Anonymous("en");
        anonymous.DefaultRequestHeaders.Accept.ParseAdd(accept);
        var unauthorized = await Expect(await anonymous.GetAsync("/api/v1/products"), 401, "https://tools.ietf.org/html/rfc9110#section-15.5.2", "Authentication required.");
        Assert.Contains("Authorization: Bearer", unauthorized.Str("detail"), StringComparison.Ordinal);

        var asProducer = app.WithToken(producer.Token);
        asProducer.DefaultRequestHeaders.Accept.ParseAdd(accept);
        await Expect(await asProducer.GetAsync("/api/v1/organizations"), 403, "https://tools.ietf.org/html/rfc9110#section-15.5.4", "Forbidden.");
        await Expect(await asProducer.GetAsync($"/api/v1/lots/{Guid.NewGuid()}"), 404, "https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not found.");
        await Expect(await asProducer.GetAsync("/api/v1/no-such-thing"), 404, "https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not found.");
        await Expect(await asProducer.DeleteAsync("/api/v1/products"), 405, "https://tools.ietf.org/html/rfc9110#section-15.5.6", "Method not allowed.");
    }

    [Theory]
    [InlineData("/swagger/%0A")]
    [InlineData("/01/08936099000121/10/A%0D%0ASet-Cookie:x=1")]
    [InlineData("/san-pham/%09")]
    public async Task An_address_with_a_control_character_is_refused_by_name_not_answered_with_a_500(string path)
    {
        await using var app = await TraceApp.StartAsync(lane);
        app.StartKestrel();
        var response = await app.Anonymous("en").GetAsync(path);
        var problem = await response.Problem(400);
        Assert.Contains("control character", problem.Str("detail"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("localhost:99999")]
    [InlineData("localhost:0x50")]
    [InlineData("")]
    public async Task A_page_asked_with_an_unusable_host_is_answered_as_for_localhost(string host)
    {
        await using var scene = await Scene.LotAsync(lane);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/san-pham/{scene.Gtin}");
        request.Headers.TryAddWithoutValidation("Host", host);
        using var response = await scene.App.Anonymous().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Chè Shan tuyết", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_browser_outside_the_api_gets_the_portals_own_page_for_an_unknown_address()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var browser = app.Anonymous();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var response = await browser.GetAsync("/khong-co/trang-nay");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"vi\">", page, StringComparison.Ordinal);
        Assert.Contains("Không tìm thấy", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=latin1")]
    public async Task A_body_in_any_charset_but_utf8_is_refused_with_415(string contentType)
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":{"vi":"Chè"},"gtin":"8934563123451"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var problem = await Expect(await producer.Client.PostAsync("/api/v1/products", content), 415, "https://tools.ietf.org/html/rfc9110#section-15.5.16", "Unsupported media type.");
        Assert.Contains("UTF-8", problem.Str("detail"), StringComparison.Ordinal);

        var utf8 = new StringContent("""{"name":{"vi":"Chè"},"gtin":"8934563123451"}""", Encoding.UTF8, "application/json");
        await (await producer.Client.PostAsync("/api/v1/products", utf8)).Json(201);
    }

    [Theory]
    [InlineData("\uFFFE")]
    [InlineData("Sơn La\uFFFF")]
    [InlineData("\uFDD0")]
    [InlineData("\u0000")]
    public async Task Text_no_one_can_type_is_refused_naming_the_field(string province)
    {
        await using var app = await TraceApp.StartAsync(lane);
        var response = await app.Admin().PostAsJsonAsync("/api/v1/organizations", new
        {
            name = "HTX", taxCode = TestData.TaxCode(), kind = "cooperative", address = new { commune = "Xã Tân Lập", province },
        });
        var problem = await Expect(response, 400, "https://tools.ietf.org/html/rfc9110#section-15.5.1", "The request has invalid fields.");
        Assert.Contains("control character or broken Unicode", problem.GetProperty("errors").GetProperty("address.province")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page=2147483647", "page")]
    [InlineData("page=2147483647&pageSize=100", "page")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=abc", "page")]
    [InlineData("page=1e9", "page")]
    public async Task Paging_out_of_range_is_400_naming_the_parameter(string query, string parameter)
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        foreach (var list in new[] { "products", "lots", "certificates", "production-areas" })
        {
            var problem = await Expect(await producer.Client.GetAsync($"/api/v1/{list}?{query}"), 400, "https://tools.ietf.org/html/rfc9110#section-15.5.1", "The request has invalid fields.");
            Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
        }
    }

    [Theory]
    [InlineData("serial=%00")]
    [InlineData("serial=A%0D%0ALocation:%20evil")]
    [InlineData("symbology=%EF%BF%BE")]
    public async Task A_query_value_no_one_can_type_is_400_naming_it(string query)
    {
        await using var scene = await Scene.LotAsync(lane);
        var problem = await Expect(await scene.Producer.Client.GetAsync($"/api/v1/lots/{scene.LotId}/label?{query}"), 400, "https://tools.ietf.org/html/rfc9110#section-15.5.1", "The request has invalid fields.");
        Assert.True(problem.GetProperty("errors").TryGetProperty(query.Split('=')[0], out _), problem.ToString());
        await (await scene.App.Anonymous().GetAsync($"/01/{scene.Gtin}/10/{scene.LotNumber}?{query}")).Problem(400);
    }

    [Fact]
    public async Task A_body_field_of_the_wrong_type_is_named()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var content = new StringContent("""{"gtin":"8934563123451","name":{"vi":"Chè"},"ocopStars":"four"}""", Encoding.UTF8, "application/json");
        await (await producer.Client.PostAsync("/api/v1/products", content)).FieldError("ocopStars", "wrong type");
        var broken = new StringContent("""{"gtin":""", Encoding.UTF8, "application/json");
        await (await producer.Client.PostAsync("/api/v1/products", broken)).Problem(400);
    }

    /// <summary>Asserts the status, the ProblemDetails media type, type, title and status fields, and returns the problem.</summary>
    private static async Task<JsonElement> Expect(HttpResponseMessage response, int status, string type, string title)
    {
        var problem = await response.Problem(status);
        Assert.Equal(type, problem.Str("type"));
        Assert.Equal(title, problem.Str("title"));
        Assert.False(string.IsNullOrEmpty(problem.Str("traceId")));
        return problem;
    }
}

public sealed class ErrorAnswerTestsOnSqlite() : ErrorAnswerTests(Lane.Sqlite);

public sealed class ErrorAnswerTestsOnPostgres() : ErrorAnswerTests(Lane.Postgres);
