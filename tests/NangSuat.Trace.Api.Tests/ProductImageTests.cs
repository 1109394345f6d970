using System.Net;
using System.Net.Http.Headers;
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
        var product = await producer.AddProductAsync(extra: new { imageUrl = "https://cdn.example.com/old.jpg" });
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
