using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Serials;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>Large serial batches issued in the background: accepted at once, never handed out half-written, never lost.</summary>
public abstract partial class SerialTests
{
    private const string Password = "chè xanh Mộc Châu 2026";

    [Fact]
    public async Task A_batch_asked_for_asynchronously_is_accepted_at_once_and_its_serials_are_whole_when_it_says_complete()
    {
        await using var scene = await Scene.LotAsync(lane, "L1");
        var client = scene.Producer.Client;
        var request = Issue(scene.LotId, 12_345, "async-1");
        request.Headers.Add("Prefer", "respond-async");
        var accepted = await client.SendAsync(request);
        var batch = await accepted.Json(202);
        Assert.Equal("respond-async", accepted.Headers.GetValues("Preference-Applied").Single());
        Assert.Equal(batch.Str("statusUrl"), accepted.Headers.Location!.ToString());

        // While it is being issued the serials are not handed out: a half batch would print as if whole.
        var early = await client.GetAsync(batch.Str("serialsUrl"));
        Assert.True(early.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, early.StatusCode.ToString());

        var done = await WaitUntilCompleteAsync(client, batch.Str("statusUrl"));
        Assert.Equal(12_345, done.GetProperty("issued").GetInt32());
        var csv = await client.GetStringAsync(batch.Str("serialsUrl"));
        var serials = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')[0]).ToList();
        Assert.Equal(12_345, serials.Count);
        Assert.Equal(12_345, serials.Distinct().Count());

        var retried = Issue(scene.LotId, 12_345, "async-1");
        retried.Headers.Add("Prefer", "respond-async");
        var again = await (await client.SendAsync(retried)).Json(200);
        Assert.Equal(batch.Id(), again.Id());

        // Another organization learns nothing of the batch, not even that it exists.
        var rival = await scene.App.NewMemberAsync(name: "HTX Khác");
        await (await rival.Client.GetAsync(batch.Str("statusUrl"))).Problem(404);
        await (await rival.Client.GetAsync(batch.Str("serialsUrl"))).Problem(404);
    }

    [Fact]
    public async Task A_batch_half_written_when_the_service_stopped_is_never_handed_out_and_is_finished_by_the_next_start()
    {
        await using var scene = await Scene.LotAsync(lane, "L1");
        // The service stops issuing; what it accepted stays accepted.
        await scene.App.Services.GetRequiredService<SerialIssuer>().StopAsync(CancellationToken.None);
        var request = Issue(scene.LotId, 7_000, "before-stop");
        request.Headers.Add("Prefer", "respond-async; wait=1");
        var batch = await (await scene.Producer.Client.SendAsync(request)).Json(202);
        var batchId = batch.Id();
        using (var scope = scene.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TraceDb>();
            var productId = await db.Lots.Where(l => l.Id == scene.LotId).Select(l => l.ProductId).FirstAsync();
            Assert.Equal(SerialWriter.ChunkOutcome.Written,
                await SerialWriter.WriteChunkAsync(db, batchId, scene.LotId, productId, 0, 2_000, 7_000, DateTimeOffset.UtcNow, CancellationToken.None));
            // A second worker holding the same, now stale, count writes nothing.
            Assert.Equal(SerialWriter.ChunkOutcome.Overtaken,
                await SerialWriter.WriteChunkAsync(db, batchId, scene.LotId, productId, 0, 2_000, 7_000, DateTimeOffset.UtcNow, CancellationToken.None));
        }

        var status = await scene.Producer.Client.GetFromJsonAsync<JsonElement>($"/api/v1/serial-batches/{batchId}");
        Assert.Equal(2_000, status.GetProperty("issued").GetInt32());
        // Two thousand of seven thousand are never printed as if they were the batch.
        foreach (var download in new[] { "serials.csv", "labels.zip?symbology=qr&format=svg", "sheet?layout=3x8&first=1&count=24" })
        {
            var refused = await scene.Producer.Client.GetAsync($"/api/v1/serial-batches/{batchId}/{download}");
            var problem = await refused.Problem(409);
            Assert.Contains("2,000 of 7,000", problem.Str("detail"));
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        }

        // Asked again with the same key, the answer still says where to watch it.
        var retried = Issue(scene.LotId, 7_000, "before-stop");
        retried.Headers.Add("Prefer", "respond-async");
        var replay = await scene.Producer.Client.SendAsync(retried);
        Assert.Equal((HttpStatusCode.Accepted, $"/api/v1/serial-batches/{batchId}"), (replay.StatusCode, replay.Headers.Location?.ToString()));

        await using var restarted = scene.App.Restarted();
        var client = restarted.WithToken(scene.Producer.Token);
        var done = await WaitUntilCompleteAsync(client, $"/api/v1/serial-batches/{batchId}");
        Assert.Equal(7_000, done.GetProperty("issued").GetInt32());
        var serials = (await client.GetStringAsync($"/api/v1/serial-batches/{batchId}/serials.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(7_000, serials.Count);
        Assert.Equal(7_000, serials.Distinct().Count());
    }

    [Fact]
    public async Task A_producer_issues_a_large_batch_in_the_portal_watches_it_progress_without_script_and_downloads_it()
    {
        await using var scene = await Scene.LotAsync(lane, "L1");
        var app = scene.App;
        var created = await app.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "lan@htx.vn", password = Password, displayName = "Lan", organizationId = scene.Producer.OrganizationId, role = "producer",
        });
        await created.Json(201);
        var producer = new PortalVisitor(app);
        await producer.SignInAsync("lan@htx.vn", Password);

        var lotPath = $"/portal/lo/{scene.LotId}";
        var action = lotPath + "/se-ri";
        var lotPage = await producer.GetAsync(lotPath);
        var form = lotPage.HiddenFields(action).ToList();
        Assert.Contains(form, f => f.Name == "formId");

        var refused = await producer.PostAsync(action, [.. form, ("count", "mười nghìn")]);
        Assert.Equal(422, refused.Status);
        Assert.Contains("số nguyên từ 1 đến 1.000.000", refused.Html);

        var issued = await producer.PostAsync(action, [.. form, ("count", "25.000")]);
        Assert.Equal(302, issued.Status);
        var batchPath = issued.Location!;
        Assert.Matches($"^{Regex.Escape(lotPath)}/se-ri/[0-9a-f-]{{36}}$", batchPath);
        // The same form sent again (a double tap, a reload) lands on the same batch; sent again with another count, it says what it already did.
        Assert.Equal(batchPath, (await producer.PostAsync(action, [.. form, ("count", "25.000")])).Location);
        var changed = await producer.PostAsync(action, [.. form, ("count", "30000")]);
        Assert.Equal(422, changed.Status);
        Assert.Contains("Biểu mẫu này đã cấp 25.000 số sê-ri", changed.Html);
        var stale = await producer.PostAsync(action, [.. form.Where(f => f.Name != "formId"), ("count", "10")]);
        Assert.Contains("Biểu mẫu đã cũ", stale.Html);
        Assert.Equal(422, (await producer.PostAsync(action, [.. form, ("count", "١٢٣")])).Status);

        var page = await producer.GetAsync(batchPath);
        Assert.Contains("<progress id=\"issued\" max=\"25000\"", page.Html);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!page.Html.Contains("Đã cấp xong"))
        {
            // Until it is complete the page asks a browser without script to load it again; with script, portal.js updates it in place.
            Assert.Matches("<noscript><meta http-equiv=\"refresh\" content=\"2\" ?/?></noscript>", page.Html[..page.Html.IndexOf("</head>")]);
            Assert.Contains("data-refresh=\"2\"", page.Html);
            Assert.True(DateTime.UtcNow < deadline, "the batch was not issued within 90 s");
            await Task.Delay(500);
            page = await producer.GetAsync(batchPath);
        }

        Assert.DoesNotContain("http-equiv=\"refresh\"", page.Html);
        Assert.DoesNotContain("data-refresh", page.Html);
        Assert.Contains("25.000 trên 25.000 số sê-ri", page.Html);
        var csvLink = Regex.Match(page.Html, "href=\"(/portal/se-ri/[0-9a-f-]{36}/serials.csv)\"").Groups[1].Value;
        var csv = await producer.DownloadAsync(csvLink);
        Assert.Equal(200, csv.Status);
        Assert.Equal(25_001, System.Text.Encoding.UTF8.GetString(csv.Bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(batchPath, (await producer.GetAsync(lotPath)).Html);

        // Another organization's person reaches neither the batch nor its serials.
        var other = await app.NewMemberAsync(name: "HTX Khác");
        await (await app.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "khac@htx.vn", password = Password, displayName = "Khác", organizationId = other.OrganizationId, role = "producer",
        })).Json(201);
        var stranger = new PortalVisitor(app);
        await stranger.SignInAsync("khac@htx.vn", Password);
        Assert.Equal(404, (await stranger.GetAsync(batchPath)).Status);
        Assert.Equal(404, (await stranger.DownloadAsync(csvLink)).Status);
    }

    private static async Task<JsonElement> WaitUntilCompleteAsync(HttpClient client, string statusUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(statusUrl);
            if (status.GetProperty("completedAt").ValueKind != JsonValueKind.Null)
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not complete within 90 s: {status}");
            await Task.Delay(250);
        }
    }
}
