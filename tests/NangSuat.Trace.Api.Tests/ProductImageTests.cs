using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.Tests;

public abstract class ProductImageTests(Lane lane)
{
    private static ByteArrayContent Image(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static byte[] SomePng() => PngWriter.Monochrome(64, 48, (x, y) => (x / 8 + y / 8) % 2 == 0);

    [Fact]
    public async Task An_uploaded_photo_shows_on_the_public_page_from_the_portal_itself()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var png = SomePng();
        var updated = await (await producer.Client.PutAsync($"/api/v1/products/{product.Id()}/image", Image(png, "image/png"))).Json(200);
        var imageUrl = updated.Str("imageUrl");
        Assert.StartsWith($"/media/products/{product.Id()}?v=", imageUrl, StringComparison.Ordinal);

        var page = await app.Anonymous().GetStringAsync($"/san-pham/{product.Str("gtin")}");
        Assert.Contains($"<img class=\"product\" src=\"{imageUrl}\"", page, StringComparison.Ordinal);
        var served = await app.Anonymous().GetAsync(imageUrl);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.True(served.Headers.CacheControl!.Public);

        var replaced = await (await producer.Client.PutAsync($"/api/v1/products/{product.Id()}/image", Image(PngWriter.Monochrome(32, 32, (x, y) => x == y), "image/png"))).Json(200);
        Assert.NotEqual(imageUrl, replaced.Str("imageUrl")); // a new photo gets a new URL, so caches never show the old one
    }

    [Fact]
    public async Task Editing_a_product_keeps_its_photo_and_only_removing_it_takes_it_off_the_page()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var photo = (await (await producer.Client.PutAsync($"/api/v1/products/{product.Id()}/image", Image(SomePng(), "image/png"))).Json(200)).Str("imageUrl");

        // A form that sends the product back, with its photo address or without it, keeps the photo.
        var echoed = await (await producer.Client.PutAsJsonAsync($"/api/v1/products/{product.Id()}", new { name = new { vi = "Chè mới" }, imageUrl = photo })).Json(200);
        var omitted = await (await producer.Client.PutAsJsonAsync($"/api/v1/products/{product.Id()}", new { name = new { vi = "Chè mới" } })).Json(200);
        Assert.Equal(photo, echoed.Str("imageUrl"));
        Assert.Equal(photo, omitted.Str("imageUrl"));
        await (await producer.Client.PutAsJsonAsync($"/api/v1/products/{product.Id()}", new { name = new { vi = "Chè" }, imageUrl = "https://cdn.example.com/x.jpg" }))
            .FieldError("imageUrl", "PUT /api/v1/products/{id}/image");

        var removed = await (await producer.Client.DeleteAsync($"/api/v1/products/{product.Id()}/image")).Json(200);
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("imageUrl").ValueKind);
        Assert.DoesNotContain("<img", await app.Anonymous().GetStringAsync($"/san-pham/{product.Str("gtin")}"), StringComparison.Ordinal);
        await (await app.Anonymous().GetAsync(photo)).Problem(404);
    }

    [Fact]
    public async Task Only_real_jpeg_png_or_webp_within_one_mebibyte_is_accepted()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var product = await producer.AddProductAsync();
        var path = $"/api/v1/products/{product.Id()}/image";
        await (await producer.Client.PutAsync(path, Image("<svg onload=alert(1)>"u8.ToArray(), "image/svg+xml"))).Problem(415);
        await (await producer.Client.PutAsync(path, Image("<html>not a photo</html>"u8.ToArray(), "image/png"))).FieldError("body", "not a image/png image");
        await (await producer.Client.PutAsync(path, Image(SomePng(), "image/jpeg"))).FieldError("body", "not a image/jpeg image");
        var huge = SomePng().Concat(new byte[1024 * 1024]).ToArray();
        await (await producer.Client.PutAsync(path, Image(huge, "image/png"))).Problem(413);
        await (await app.Anonymous().GetAsync($"/media/products/{product.Id()}")).Problem(404);
    }

    [Fact]
    public async Task Nobody_but_the_owner_can_change_a_products_photo()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var owner = await app.NewMemberAsync();
        var rival = await app.NewMemberAsync(name: "Đối thủ");
        var product = await owner.AddProductAsync();
        var path = $"/api/v1/products/{product.Id()}/image";
        await (await rival.Client.PutAsync(path, Image(SomePng(), "image/png"))).Problem(404);
        await (await app.Anonymous().PutAsync(path, Image(SomePng(), "image/png"))).Problem(401);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/media/products/{product.Id()}")).StatusCode);
    }
}

public sealed class ProductImageTestsOnSqlite() : ProductImageTests(Lane.Sqlite);

public sealed class ProductImageTestsOnPostgres() : ProductImageTests(Lane.Postgres);
