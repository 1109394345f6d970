using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Tests;

/// <summary>The points of ../shared/conformance/resolver/ConformantResolver1_0.txt, one or more tests each.</summary>
public abstract class ResolverTests(Lane lane)
{
    private const string Base = TraceApp.DefaultBaseUrl;

    [Fact]
    public async Task A_scan_redirects_307_to_the_lots_own_page_and_passes_the_query_on()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        var response = await app.Anonymous().GetAsync($"/01/{scene.Gtin}/10/{scene.LotNumber}?17=281231&utm_source=label");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"{Base}/san-pham/{scene.Gtin}/lo/{scene.LotNumber}?17=281231&utm_source=label", response.Headers.Location!.ToString());
        var linkHeader = string.Join(",", response.Headers.GetValues("Link"));
        Assert.Contains($"<{Base}/01/{scene.Gtin}/10/{scene.LotNumber}?linkType=linkset>; rel=\"linkset\"", linkHeader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_level_scan_redirects_to_the_product_page()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        var response = await app.Anonymous().GetAsync($"/01/{scene.Gtin}");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"{Base}/san-pham/{scene.Gtin}", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(13)]
    [InlineData(12)]
    [InlineData(8)]
    public async Task Zero_suppressed_gtins_and_a_trailing_slash_resolve_like_the_fourteen_digit_form(int length)
    {
        var gtin = CheckDigit.Append(new string('0', 14 - length) + TestData.Gtin13()[..(length - 1)].PadLeft(length - 1, '1'))[^length..];
        gtin = CheckDigit.Append(gtin[..^1]);
        await using var scene = await Scene.LotAsync(lane, gtin: gtin, withCertificates: true);
        var app = scene.App;
        var response = await app.Anonymous().GetAsync($"/01/{gtin}/10/{scene.LotNumber}/");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"{Base}/san-pham/{gtin.PadLeft(14, '0')}/lo/{scene.LotNumber}", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_date_of_year_0000_in_the_query_and_a_gtin_with_a_space_are_refused_as_bad_codes_not_faults()
    {
        await using var scene = await Scene.LotAsync(lane);
        var scanner = scene.App.Anonymous();
        // Year 0000 is a date the linter must judge itself; it once reached DateTime and answered 500.
        var birth = await scanner.GetAsync($"/01/{scene.Gtin}/10/{scene.LotNumber}?7250=00000230");
        Assert.Equal(HttpStatusCode.BadRequest, birth.StatusCode);
        Assert.Contains("7250", await birth.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await scanner.GetAsync($"/01/{scene.Gtin}/10/{scene.LotNumber}?7250=00000229")).StatusCode);
        // A form field forgives a space; a code in a link does not.
        Assert.Equal(HttpStatusCode.BadRequest, (await scanner.GetAsync($"/01/%20{scene.Gtin}/10/{scene.LotNumber}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await scanner.GetAsync($"/01/{scene.Gtin}%20/10/{scene.LotNumber}")).StatusCode);
    }

    [Fact]
    public async Task Linkset_by_query_or_accept_header_lists_every_level_up_to_the_gtin()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        var byQuery = await app.Anonymous().GetAsync($"/01/{scene.Gtin}/10/{scene.LotNumber}?linkType=linkset");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/01/{scene.Gtin}/10/{scene.LotNumber}");
        request.Headers.Accept.ParseAdd("application/linkset+json");
        var byAccept = await app.Anonymous().SendAsync(request);

        foreach (var response in new[] { byQuery, byAccept })
        {
            await Http.EnsureStatus(response, 200);
            Assert.Equal("application/linkset+json", response.Content.Headers.ContentType?.MediaType);
            var linkset = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkset");
            Assert.Equal([$"{Base}/01/{scene.Gtin}/10/{scene.LotNumber}", $"{Base}/01/{scene.Gtin}"], linkset.EnumerateArray().Select(c => c.Str("anchor")));
            var lotLevel = linkset[0];
            foreach (var type in new[] { "pip", "certificationInfo", "recallStatus" })
            {
                var targets = lotLevel.GetProperty("https://ref.gs1.org/voc/" + type).EnumerateArray().ToList();
                Assert.NotEmpty(targets);
                Assert.All(targets, t => Assert.False(string.IsNullOrEmpty(t.Str("href")) || string.IsNullOrEmpty(t.Str("title")) || string.IsNullOrEmpty(t.Str("type"))));
            }

            // The default link is a target and a title, nothing optional (GS1-Conformant resolver).
            var defaultLink = Assert.Single(lotLevel.GetProperty("https://ref.gs1.org/voc/defaultLink").EnumerateArray());
            Assert.Equal(["href", "title"], defaultLink.EnumerateObject().Select(p => p.Name));
            var header = string.Join(", ", response.Headers.GetValues("Link"));
            Assert.Contains("rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"", header, StringComparison.Ordinal);

            var certificateTitles = lotLevel.GetProperty("https://ref.gs1.org/voc/certificationInfo").EnumerateArray().Select(t => t.Str("title")).ToList();
            Assert.Contains(certificateTitles, t => t.Contains("VG-AREA-1", StringComparison.Ordinal));
            Assert.Contains(certificateTitles, t => t.Contains("OCOP-PRODUCT-1", StringComparison.Ordinal));
            var productCertificates = linkset[1].GetProperty("https://ref.gs1.org/voc/certificationInfo").EnumerateArray().Select(t => t.Str("title")).ToList();
            Assert.DoesNotContain(productCertificates, t => t.Contains("VG-AREA-1", StringComparison.Ordinal)); // the area belongs to the lot, not the product
            var languages = lotLevel.GetProperty("https://ref.gs1.org/voc/pip").EnumerateArray().Select(t => t.GetProperty("hreflang")[0].GetString());
            Assert.Equal(["vi", "en"], languages);
        }
    }

    [Fact]
    public async Task Recall_status_in_the_linkset_follows_a_recall()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        string RecallTitle(JsonElement body) => body.GetProperty("linkset")[0].GetProperty("https://ref.gs1.org/voc/recallStatus")[0].Str("title");
        var path = $"/01/{scene.Gtin}/10/{scene.LotNumber}?linkType=linkset";
        Assert.Equal("Lô hàng không bị thu hồi", RecallTitle(await (await app.Anonymous().GetAsync(path)).Json(200)));
        await (await scene.Producer.Client.PostAsJsonAsync($"/api/v1/lots/{scene.Lot.Id()}/recall", new { reason = "Nhiễm ẩm" })).Json(200);
        Assert.Equal("Lô hàng đã bị thu hồi", RecallTitle(await (await app.Anonymous().GetAsync(path)).Json(200)));
    }

    [Fact]
    public async Task A_requested_link_type_redirects_to_it_and_an_unavailable_one_is_404()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        // The product has one certificate of its own: the requested type leads straight to it.
        var certification = await app.Anonymous().GetAsync($"/01/{scene.Gtin}?linkType=gs1:certificationInfo");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, certification.StatusCode);
        Assert.Matches("/chung-nhan/[0-9a-f-]{36}$", certification.Headers.Location!.ToString());

        // The lot has two (the product's and its area's) with nothing to choose between them: 300 with both.
        var choices = await app.Anonymous().GetAsync($"/01/{scene.Gtin}/10/{scene.LotNumber}?linkType=gs1:certificationInfo");
        Assert.Equal(HttpStatusCode.MultipleChoices, choices.StatusCode);
        Assert.Equal("application/linkset+json", choices.Content.Headers.ContentType?.MediaType);
        var offered = (await choices.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkset")[0].GetProperty("https://ref.gs1.org/voc/certificationInfo");
        Assert.Equal(2, offered.GetArrayLength());
        // Each is the certificate's own public page, titled with what its chain says.
        Assert.All(offered.EnumerateArray(), c => Assert.Matches("/chung-nhan/[0-9a-f-]{36}$", c.Str("href")));
        Assert.All(offered.EnumerateArray(), c => Assert.EndsWith("(đã xác minh)", c.Str("title"), StringComparison.Ordinal));
        var browser = new HttpRequestMessage(HttpMethod.Get, $"/01/{scene.Gtin}/10/{scene.LotNumber}?linkType=gs1:certificationInfo");
        browser.Headers.Accept.ParseAdd("text/html");
        var page = await app.Anonymous().SendAsync(browser);
        Assert.Equal(HttpStatusCode.MultipleChoices, page.StatusCode);
        Assert.Contains("OCOP-PRODUCT-1", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var english = await app.Anonymous("en").GetAsync($"/01/{scene.Gtin}?linkType=gs1:pip");
        Assert.Equal($"{Base}/san-pham/{scene.Gtin}?lang=en", english.Headers.Location!.ToString());

        await (await app.Anonymous().GetAsync($"/01/{scene.Gtin}?linkType=gs1:recallStatus")).Problem(404); // no recall status for a whole product
        await (await app.Anonymous().GetAsync($"/01/{scene.Gtin}?linkType=gs1:dpp")).Problem(404);
    }

    [Theory]
    [InlineData("/01/08934563123459", "01", "check digit should be 1, not 9")]
    [InlineData("/01/0893456312345X", "01", "only digits are allowed")]
    [InlineData("/01/08934563123451/21/S1/10/L1", "10", "must come before AI 21")]
    [InlineData("/01/08934563123451/99/X", "99", "not a key qualifier")]
    [InlineData("/01/", "01", "has no value")]
    [InlineData("/01/09520123456788?10=ABC123", "10", "belongs in the path")]
    [InlineData("/01/09520123456788/10/ABC?17=281331", "17", "AI 17")]
    [InlineData("/AQnYUc1gmiCNV4JGgiktXXi5g-Q2Hif7pSJvGuOYsRJmh0", "path", "not a compressed GS1 Digital Link")]
    public async Task A_malformed_link_is_400_saying_which_part_breaks_which_rule(string path, string part, string reason)
    {
        await using var app = await TraceApp.StartAsync(lane);
        var problem = await (await app.Anonymous("en").GetAsync(path)).Problem(400);
        var messages = string.Join(" | ", problem.GetProperty("errors").GetProperty(part).EnumerateArray().Select(m => m.GetString()));
        Assert.Contains(reason, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_gtin_is_404_and_an_unknown_lot_walks_up_to_the_product_page_which_warns()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        var unknownGtin = await (await app.Anonymous("en").GetAsync($"/01/{TestData.Gtin13()}/10/ANY")).Problem(404);
        Assert.Contains("is not registered on this portal", unknownGtin.Str("detail"), StringComparison.Ordinal);

        var unknownLot = await app.Anonymous("en").GetAsync($"/01/{scene.Gtin}/10/NOPE?utm_source=label");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, unknownLot.StatusCode);
        Assert.Equal($"{Base}/san-pham/{scene.Gtin}?lo=NOPE&utm_source=label", unknownLot.Headers.Location!.ToString());
        var page = await app.Anonymous("en").GetStringAsync(unknownLot.Headers.Location.PathAndQuery);
        Assert.Contains("Lot NOPE was not registered by the producer for this product.", page, StringComparison.Ordinal);

        // The linkset of an unknown lot is the product's: there is a default link higher up the tree.
        var linkset = await (await app.Anonymous().GetAsync($"/01/{scene.Gtin}/10/NOPE?linkType=linkset")).Json(200);
        Assert.Equal($"{Base}/01/{scene.Gtin}", Assert.Single(linkset.GetProperty("linkset").EnumerateArray()).Str("anchor"));

        // Once the producer registers the lot, the very next scan finds it.
        await scene.Producer.AddLotAsync(scene.Gtin, "NOPE");
        var registered = await app.Anonymous("en").GetAsync($"/01/{scene.Gtin}/10/NOPE?utm_source=label");
        Assert.Equal($"{Base}/san-pham/{scene.Gtin}/lo/NOPE?utm_source=label", registered.Headers.Location!.ToString());
        Assert.DoesNotContain("was not registered", await app.Anonymous("en").GetStringAsync($"/san-pham/{scene.Gtin}?lo=NOPE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lot_number_with_a_slash_round_trips_through_its_percent_encoded_link()
    {
        await using var scene = await Scene.LotAsync(lane, "A/7%B", withCertificates: true);
        var app = scene.App;
        Assert.Equal($"{Base}/01/{scene.Gtin}/10/A%2F7%25B", scene.Lot.Str("digitalLink"));
        var response = await app.Anonymous().GetAsync($"/01/{scene.Gtin}/10/A%2F7%25B");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        var page = await app.Anonymous().GetAsync(response.Headers.Location!.PathAndQuery);
        Assert.Contains("A/7%B", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_options_and_cors_are_supported()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        var client = app.Anonymous();
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/01/{scene.Gtin}/10/{scene.LotNumber}"));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, head.StatusCode);
        Assert.NotNull(head.Headers.Location);

        var options = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"/01/{scene.Gtin}"));
        Assert.Equal(HttpStatusCode.NoContent, options.StatusCode);
        Assert.Equal(["GET", "HEAD", "OPTIONS"], options.Content.Headers.Allow.Order());

        var preflight = new HttpRequestMessage(HttpMethod.Options, $"/01/{scene.Gtin}");
        preflight.Headers.Add("Origin", "https://scanner.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        var preflightResponse = await client.SendAsync(preflight);
        Assert.Equal("*", preflightResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());

        // GS1's resolver test suite sends the three methods as one value; the answer still carries every CORS header.
        foreach (var path in new[] { $"/01/{scene.Gtin}/10/{scene.LotNumber}", "/AQnYUc1gmiCNV4JG", "/.well-known/gs1resolver" })
        {
            var suite = new HttpRequestMessage(HttpMethod.Options, path);
            suite.Headers.Add("Origin", "https://ref.gs1.org");
            suite.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "GET,HEAD,OPTIONS");
            var answer = await client.SendAsync(suite);
            Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
            Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
            var methods = string.Join(",", answer.Headers.GetValues("Access-Control-Allow-Methods"));
            Assert.All(new[] { "GET", "HEAD", "OPTIONS" }, m => Assert.Contains(m, methods, StringComparison.Ordinal));
        }

        var lotOptions = new HttpRequestMessage(HttpMethod.Options, $"/01/{scene.Gtin}/10/{scene.LotNumber}");
        lotOptions.Headers.Add("Origin", "https://ref.gs1.org");
        Assert.Contains("rel=\"linkset\"", string.Join(",", (await client.SendAsync(lotOptions)).Headers.GetValues("Link")), StringComparison.Ordinal);

        var cors = new HttpRequestMessage(HttpMethod.Get, $"/01/{scene.Gtin}?linkType=linkset");
        cors.Headers.Add("Origin", "https://scanner.example");
        var corsResponse = await client.SendAsync(cors);
        Assert.Equal("*", corsResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task A_compressed_link_is_answered_in_place_with_its_uncompressed_form_as_owl_same_as()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        await producer.AddProductAsync("05412345000013");
        await producer.AddLotAsync("05412345000013", "ABC123");

        // GS1's compression test vector for /01/05412345000013/10/ABC123.
        var response = await app.Anonymous().GetAsync("/AQnYUc1gmiCNV4JG?utm=label");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"{Base}/san-pham/05412345000013/lo/ABC123?utm=label", response.Headers.Location!.ToString());
        Assert.Contains($"<{Base}/01/05412345000013/10/ABC123>; rel=\"owl:sameAs\"", string.Join(",", response.Headers.GetValues("Link")), StringComparison.Ordinal);

        var linkset = await (await app.Anonymous().GetAsync("/AQnYUc1gmiCNV4JG?linkType=linkset")).Json(200);
        Assert.Equal($"{Base}/01/05412345000013/10/ABC123", linkset.GetProperty("linkset")[0].Str("anchor"));
        await (await app.Anonymous("en").GetAsync("/AQnYUc1g")).Problem(400); // cut short
        await (await app.Anonymous().GetAsync("/AN2yxDhfaiaw")).Problem(404); // an SSCC: valid, but not a GTIN
    }

    [Fact]
    public async Task The_resolver_description_file_lists_the_primary_key_and_vocabulary()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var description = await (await app.Anonymous().GetAsync("/.well-known/gs1resolver")).Json(200);
        Assert.Equal(Base, description.Str("resolverRoot"));
        Assert.Equal(["01"], description.GetProperty("supportedPrimaryKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("gs1:", description.GetProperty("supportedLinkType")[0].Str("prefix"));
    }
}

public sealed class ResolverTestsOnSqlite() : ResolverTests(Lane.Sqlite);

public sealed class ResolverTestsOnPostgres() : ResolverTests(Lane.Postgres);
