using NangSuat.Trace.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Serials;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

public abstract partial class SerialTests(Lane lane)
{
    private static HttpRequestMessage Issue(Guid lotId, int count, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/lots/{lotId}/serials") { Content = JsonContent.Create(new { count }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task Issued_serials_are_unguessable_unique_and_each_resolves_to_its_lot()
    {
        await using var scene = await Scene.LotAsync(lane, "L1");
        var app = scene.App;
        var producer = scene.Producer;
        var gtin = scene.Gtin;
        var lotId = scene.LotId;
        var batch = await (await producer.Client.SendAsync(Issue(lotId, 2000))).Json(201);
        Assert.Equal(2000, batch.GetProperty("count").GetInt32());

        var csv = await producer.Client.GetStringAsync(batch.Str("serialsUrl"));
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(2000, rows.Count);
        Assert.Equal(2000, rows.Select(r => r[0]).Distinct().Count());
        Assert.All(rows, r => Assert.Matches(SerialShape(), r[0]));
        Assert.All(rows, r => Assert.Equal($"{TraceApp.DefaultBaseUrl}/01/{gtin}/10/L1/21/{r[0]}", r[1]));
        // 60 random bits each: no two serials share a long common prefix as a counter would.
        Assert.True(rows.Select(r => r[0][..4]).Distinct().Count() > 1500);

        foreach (var row in rows.Take(5))
        {
            var scan = await app.Anonymous().GetAsync(new Uri(row[1]).PathAndQuery);
            Assert.Equal(HttpStatusCode.TemporaryRedirect, scan.StatusCode);
            Assert.Equal($"{TraceApp.DefaultBaseUrl}/san-pham/{gtin}/lo/L1", scan.Headers.Location!.ToString());
        }

        // A serial the producer never issued walks up to the product page, which says so.
        var forged = await app.Anonymous("en").GetAsync($"/01/{gtin}/10/L1/21/ZZZZZZZZZZZZ");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, forged.StatusCode);
        Assert.Equal($"{TraceApp.DefaultBaseUrl}/san-pham/{gtin}?lo=L1&se=ZZZZZZZZZZZZ", forged.Headers.Location!.ToString());
        var warning = await app.Anonymous("en").GetStringAsync(forged.Headers.Location.PathAndQuery);
        Assert.Contains("Serial ZZZZZZZZZZZZ of lot L1 was not issued by the producer.", warning, StringComparison.Ordinal);
        var genuine = await app.Anonymous("en").GetStringAsync($"/san-pham/{gtin}?lo=L1&se={rows[0][0]}");
        Assert.DoesNotContain("was not issued", genuine, StringComparison.Ordinal); // a crafted warning for a real serial is not believed
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_never_issues_a_second_batch()
    {
        await using var scene = await Scene.LotAsync(lane, "L1");
        var app = scene.App;
        var producer = scene.Producer;
        var lotId = scene.LotId;
        var first = await (await producer.Client.SendAsync(Issue(lotId, 300, "print-run-2026-11-22"))).Json(201);
        var retry = await (await producer.Client.SendAsync(Issue(lotId, 300, "print-run-2026-11-22"))).Json(200);
        Assert.Equal(first.Id(), retry.Id());
        await (await producer.Client.SendAsync(Issue(lotId, 301, "print-run-2026-11-22"))).Problem(409);

        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => producer.Client.SendAsync(Issue(lotId, 50, "double-click"))));
        Assert.All(racing, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TraceDb>();
        Assert.Equal(350, await db.SerialNumbers.CountAsync(s => s.LotId == lotId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_database_itself_refuses_a_serial_issued_twice_for_one_gtin()
    {
        await using var scene = await Scene.LotAsync(lane, "L1");
        var app = scene.App;
        var producer = scene.Producer;
        var lotId = scene.LotId;
        await (await producer.Client.SendAsync(Issue(lotId, 1))).Json(201);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TraceDb>();
        var existing = await db.SerialNumbers.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        db.SerialNumbers.Add(new SerialNumber { ProductId = existing.ProductId, Value = existing.Value, LotId = existing.LotId, BatchId = existing.BatchId });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        Assert.True(error.IsUniqueViolation());
    }

    [Fact]
    public async Task Counts_outside_1_to_a_million_and_other_peoples_lots_are_refused()
    {
        await using var scene = await Scene.LotAsync(lane, "L1");
        var app = scene.App;
        var producer = scene.Producer;
        var lotId = scene.LotId;
        await (await producer.Client.SendAsync(Issue(lotId, 0))).FieldError("count", "between 1 and 1,000,000");
        await (await producer.Client.SendAsync(Issue(lotId, 1_000_001))).FieldError("count", "between 1 and 1,000,000");
        var rival = await app.NewMemberAsync(name: "Khác");
        await (await rival.Client.SendAsync(Issue(lotId, 5))).Problem(404);
    }

    [Fact]
    public async Task A_batch_downloads_as_a_zip_of_one_decodable_label_per_serial()
    {
        await using var scene = await Scene.LotAsync(lane, "L1");
        var app = scene.App;
        var producer = scene.Producer;
        var gtin = scene.Gtin;
        var lotId = scene.LotId;
        var batch = await (await producer.Client.SendAsync(Issue(lotId, 40))).Json(201);
        var serials = (await producer.Client.GetStringAsync(batch.Str("serialsUrl"))).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')[0]).ToHashSet();

        var response = await producer.Client.GetAsync($"/api/v1/serial-batches/{batch.Id()}/labels.zip");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal(serials.Order(), zip.Entries.Select(e => Path.GetFileNameWithoutExtension(e.Name)).Order());
        foreach (var entry in zip.Entries.Take(3))
        {
            using var png = new MemoryStream();
            await using (var source = entry.Open())
            {
                await source.CopyToAsync(png);
            }

            Assert.Equal($"{TraceApp.DefaultBaseUrl}/01/{gtin}/10/L1/21/{Path.GetFileNameWithoutExtension(entry.Name)}", Decoders.ZbarRaw(png.ToArray()));
        }

        var zpl = await producer.Client.GetAsync($"/api/v1/serial-batches/{batch.Id()}/labels.zip?symbology=datamatrix&format=zpl");
        using var zplZip = new System.IO.Compression.ZipArchive(await zpl.Content.ReadAsStreamAsync());
        Assert.All(zplZip.Entries, e => Assert.EndsWith(".zpl", e.Name, StringComparison.Ordinal));
        await (await producer.Client.GetAsync($"/api/v1/serial-batches/{batch.Id()}/labels.zip?symbology=ean13")).FieldError("symbology", "cannot carry a serial");
        var rival = await app.NewMemberAsync(name: "Khác");
        await (await rival.Client.GetAsync($"/api/v1/serial-batches/{batch.Id()}/labels.zip")).Problem(404);
    }

    [GeneratedRegex("^[23456789A-HJ-NP-Z]{12}$")]
    private static partial Regex SerialShape();
}

public sealed class SerialTestsOnSqlite() : SerialTests(Lane.Sqlite);

public sealed class SerialTestsOnPostgres() : SerialTests(Lane.Postgres);
