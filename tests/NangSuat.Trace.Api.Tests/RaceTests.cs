using System.Net;
using System.Net.Http.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>State changes are decided once, however many requests race for them.</summary>
public abstract class RaceTests(Lane lane)
{
    private const int Racers = 20;

    [Fact]
    public async Task Twenty_parallel_recalls_of_one_lot_are_decided_once_and_the_rest_are_told_409()
    {
        await using var scene = await Scene.LotAsync(lane);
        var inspector = await scene.App.NewMemberAsync("inspector", name: "Sở KH&CN");
        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i =>
            (i % 2 == 0 ? scene.Producer.Client : inspector.Client).PostAsJsonAsync($"/api/v1/lots/{scene.LotId}/recall", new { reason = $"Lý do {i}" })));

        var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a != won), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        foreach (var lost in answers.Where(a => a != won))
        {
            await lost.Problem(409);
        }

        var winner = await won.Json(200);
        var stored = await (await scene.Producer.Client.GetAsync($"/api/v1/lots/{scene.LotId}")).Json(200);
        Assert.Equal(winner.Str("recallReason"), stored.Str("recallReason"));
        // PostgreSQL keeps microseconds: the stored time is the winner's to the microsecond.
        Assert.Equal(winner.GetProperty("recalledAt").GetDateTimeOffset(), stored.GetProperty("recalledAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        var recalls = await (await scene.App.Admin().GetAsync($"/api/v1/audit?entity=lot&entityId={scene.LotId}")).Json(200);
        Assert.Single(recalls.GetProperty("items").EnumerateArray(), e => e.Str("action") == "recalled");
    }

    [Fact]
    public async Task Twenty_parallel_identical_suspensions_write_one_history_entry()
    {
        await using var scene = await Scene.LotAsync(lane);
        var inspector = await scene.App.NewMemberAsync("inspector", name: "Sở Nông nghiệp");
        var certificate = await scene.Producer.AddCertificateAsync(new { });
        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ =>
            inspector.Client.PostAsJsonAsync($"/api/v1/certificates/{certificate.Id()}/status", new { status = "suspended", reason = "Kiểm tra đột xuất" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(Racers - 1, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var stored = await (await inspector.Client.GetAsync($"/api/v1/certificates/{certificate.Id()}")).Json(200);
        Assert.Single(stored.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task Twenty_parallel_suspensions_of_one_organization_are_decided_once_and_audited_once()
    {
        await using var scene = await Scene.LotAsync(lane);
        var admin = scene.App.Admin();
        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i =>
            admin.PostAsJsonAsync($"/api/v1/organizations/{scene.Producer.OrganizationId}/status", new { status = "suspended", reason = $"Lý do {i}" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(Racers - 1, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var winner = (await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Json(200)).Str("suspensionReason");
        var stored = await (await admin.GetAsync($"/api/v1/organizations/{scene.Producer.OrganizationId}")).Json(200);
        Assert.Equal(winner, stored.Str("suspensionReason"));
        var audit = await (await admin.GetAsync($"/api/v1/audit?entity=organization&entityId={scene.Producer.OrganizationId}&pageSize=100")).Json(200);
        Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.Str("action") == "suspended");
    }

    [Fact]
    public async Task Racing_edits_of_one_product_never_lose_one_silently()
    {
        await using var scene = await Scene.LotAsync(lane);
        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i =>
            scene.Producer.Client.PutAsJsonAsync($"/api/v1/products/{scene.Product.Id()}", new { name = new { vi = $"Tên {i}" } })));

        // Each edit either took effect or was refused; the name left is one of those that took effect.
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        var accepted = new List<string>();
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.OK))
        {
            accepted.Add((await answer.Json(200)).GetProperty("name").Str("vi"));
        }

        var stored = await (await scene.Producer.Client.GetAsync($"/api/v1/products/{scene.Product.Id()}")).Json(200);
        Assert.Contains(stored.GetProperty("name").Str("vi"), accepted);
        var updates = await (await scene.App.Admin().GetAsync($"/api/v1/audit?entity=product&entityId={scene.Product.Id()}&pageSize=100")).Json(200);
        Assert.Equal(accepted.Count, updates.GetProperty("items").EnumerateArray().Count(e => e.Str("action") == "updated"));
    }
}

public sealed class RaceTestsOnSqlite() : RaceTests(Lane.Sqlite);

public sealed class RaceTestsOnPostgres() : RaceTests(Lane.Postgres);
