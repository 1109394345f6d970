using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Tests.Infrastructure;
using NangSuat.Trace.Cli;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Api.Tests;

/// <summary>
/// The audit record as a transparency log: every change is taken in, proved under a signed checkpoint
/// anyone can fetch, and a row changed, deleted or renumbered in the database behind the service's back
/// is named by the service's own check and by the offline verifier an auditor runs on an export.
/// </summary>
public abstract class TransparencyLogTests(Lane lane)
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    /// <summary>Registers records through the API, each change one audit entry; how many entries the audit record then holds.</summary>
    private static async Task<int> ChangesAsync(TraceApp app)
    {
        var producer = await app.NewMemberAsync();
        for (var i = 0; i < 4; i++)
        {
            var product = await producer.Client.PostAsJsonAsync("/api/v1/products", new { gtin = TestData.Gtin13(), name = new { vi = $"Chè Shan tuyết {i}" } }, Cancel);
            var id = (await product.Json(201)).Id();
            await (await producer.Client.PutAsJsonAsync($"/api/v1/products/{id}", new { name = new { vi = $"Chè Shan tuyết cổ thụ {i}" } }, Cancel)).Json(200);
        }

        var audit = await (await app.Admin().GetAsync("/api/v1/audit?pageSize=1", Cancel)).Json(200);
        return audit.GetProperty("total").GetInt32();
    }

    /// <summary>Waits for the log to sign a tree of at least <paramref name="size"/> entries; its checkpoint as served.</summary>
    private static async Task<string> CheckpointCoveringAsync(HttpClient client, long size)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var response = await client.GetAsync("/api/v1/log/checkpoint", Cancel);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var text = await response.Content.ReadAsStringAsync(Cancel);
                if (long.Parse(text.Split('\n')[1]) >= size)
                {
                    return text;
                }
            }

            await Task.Delay(200, Cancel);
        }

        throw new TimeoutException($"The log signed no checkpoint of {size} entries within 30 seconds.");
    }

    private static async Task<CheckpointKey> PublishedKeyAsync(HttpClient client)
    {
        var key = await (await client.GetAsync("/api/v1/log/key", Cancel)).Json(200);
        return CheckpointKey.FromPublicKey(key.Str("name"), Convert.FromBase64String(key.Str("publicKey")));
    }

    private static async Task SqlAsync(TraceApp app, string sql, params object[] values)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<TraceDb>().Database.ExecuteSqlRawAsync(sql, values, Cancel);
    }

    [Fact]
    public async Task Every_change_is_taken_in_and_proved_under_a_checkpoint_anyone_can_check()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var entries = await ChangesAsync(app);
        var anyone = app.Anonymous();
        var signed = await CheckpointCoveringAsync(anyone, entries);
        using var key = await PublishedKeyAsync(anyone);
        var (checkpoint, problem) = Checkpoint.Verify(signed, key);
        Assert.True(checkpoint is not null, problem);

        // Every audit entry carries its place in the log, and the entry served at that place proves its inclusion.
        var audit = await (await app.Admin().GetAsync("/api/v1/audit?pageSize=100", Cancel)).Json(200);
        var indexes = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("logIndex").GetInt64()).Order().ToList();
        Assert.Equal(Enumerable.Range(0, entries).Select(i => (long)i), indexes);
        foreach (var item in audit.GetProperty("items").EnumerateArray().Take(5))
        {
            var index = item.GetProperty("logIndex").GetInt64();
            var served = await (await app.Admin().GetAsync($"/api/v1/log/entries/{index}", Cancel)).Json(200);
            Assert.Equal(item.Id(), served.GetProperty("auditEntryId").GetGuid());
            Assert.Equal(item.Str("action"), served.GetProperty("entry").Str("action"));
            var leaf = MerkleTree.LeafHash(CanonicalJson.Serialize(served.GetProperty("entry")));
            Assert.Equal(Convert.ToBase64String(leaf), served.Str("leafHash"));
            var proof = served.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
            var treeSize = served.GetProperty("checkpoint").GetProperty("treeSize").GetInt64();
            var (under, _) = Checkpoint.Verify(served.GetProperty("checkpoint").Str("checkpoint"), key);
            Assert.True(MerkleTree.VerifyInclusion(index, treeSize, leaf, proof, under!.Root), $"entry {index}");

            // The public proof at the leaf-hash level says the same without showing the entry.
            var inclusion = await (await anyone.GetAsync($"/api/v1/log/proof/inclusion?index={index}&treeSize={checkpoint!.Size}", Cancel)).Json(200);
            Assert.True(MerkleTree.VerifyInclusion(index, checkpoint.Size, Convert.FromBase64String(inclusion.Str("leafHash")),
                [.. inclusion.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!))], checkpoint.Root));
        }

        // More changes: the newer tree is proved to extend the older one.
        var more = await ChangesAsync(app);
        var newer = Checkpoint.Verify(await CheckpointCoveringAsync(anyone, more), key).Checkpoint!;
        var consistency = await (await anyone.GetAsync($"/api/v1/log/proof/consistency?from={checkpoint!.Size}&to={newer.Size}", Cancel)).Json(200);
        Assert.True(MerkleTree.VerifyConsistency(checkpoint.Size, newer.Size, checkpoint.Root, newer.Root,
            [.. consistency.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!))]));
        Assert.Equal(signed, await (await anyone.GetAsync($"/api/v1/log/checkpoints/{checkpoint.Size}", Cancel)).Content.ReadAsStringAsync(Cancel));

        var verification = await (await app.Admin().GetAsync("/api/v1/log/verification", Cancel)).Json(200);
        Assert.True(verification.GetProperty("verified").GetBoolean(), verification.ToString());
    }

    [Theory]
    [InlineData("changed")]
    [InlineData("deleted")]
    [InlineData("renumbered")]
    [InlineData("deletedWithItsHash")]
    public async Task A_row_tampered_with_in_the_database_is_named_online_and_offline(string tampering)
    {
        await using var app = await TraceApp.StartAsync(lane);
        var entries = await ChangesAsync(app);
        var kept = await CheckpointCoveringAsync(app.Anonymous(), entries);
        var victim = entries / 2;
        switch (tampering)
        {
            case "changed":
                await SqlAsync(app, """UPDATE "AuditEntries" SET "Changes" = {0} WHERE "LogIndex" = """ + victim, """{"name":{"from":"Chè","to":"Chè giả"}}""");
                break;
            case "deleted":
                await SqlAsync(app, $"""DELETE FROM "AuditEntries" WHERE "LogIndex" = {victim}""");
                break;
            case "renumbered":
                // Two entries trade places, as someone hiding the order of two changes would make them.
                await SqlAsync(app, $"""UPDATE "AuditEntries" SET "LogIndex" = -1 WHERE "LogIndex" = {victim}""");
                await SqlAsync(app, $"""UPDATE "AuditEntries" SET "LogIndex" = {victim} WHERE "LogIndex" = {victim + 2}""");
                await SqlAsync(app, $"""UPDATE "AuditEntries" SET "LogIndex" = {victim + 2} WHERE "LogIndex" = -1""");
                break;
            case "deletedWithItsHash":
                await SqlAsync(app, $"""DELETE FROM "AuditEntries" WHERE "LogIndex" = {victim}""");
                await SqlAsync(app, $"""DELETE FROM "LogNodes" WHERE "Position" = {victim}""");
                break;
        }

        var online = await (await app.Admin().GetAsync("/api/v1/log/verification", Cancel)).Json(200);
        Assert.False(online.GetProperty("verified").GetBoolean());
        Assert.Equal(victim, online.GetProperty("firstProblem").GetProperty("index").GetInt64());

        // The auditor's way: export, then check offline against the checkpoint kept before, with the published key.
        var export = await app.Admin().GetAsync("/api/v1/log/export", Cancel);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType!.MediaType);
        var folder = Directory.CreateTempSubdirectory("log-verify-");
        try
        {
            var (exportFile, checkpointFile, keyFile) = (Path.Combine(folder.FullName, "export.jsonl"), Path.Combine(folder.FullName, "checkpoint.txt"), Path.Combine(folder.FullName, "key.json"));
            await File.WriteAllBytesAsync(exportFile, await export.Content.ReadAsByteArrayAsync(Cancel), Cancel);
            await File.WriteAllTextAsync(checkpointFile, kept, Cancel);
            await File.WriteAllTextAsync(keyFile, await app.Anonymous().GetStringAsync("/api/v1/log/key", Cancel), Cancel);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = CliApp.Run(["audit", "verify", exportFile, "--checkpoint", checkpointFile, "--key", keyFile], stdout, stderr);
            Assert.True(exit == 1, $"exit {exit}: {stdout}{stderr}");
            var report = JsonDocument.Parse(stdout.ToString()).RootElement;
            Assert.False(report.GetProperty("verified").GetBoolean());
            Assert.Equal(victim, report.GetProperty("firstProblem").GetProperty("index").GetInt64());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_untouched_export_verifies_offline_and_a_checkpoint_from_another_key_does_not()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var entries = await ChangesAsync(app);
        var kept = await CheckpointCoveringAsync(app.Anonymous(), entries);
        var export = await app.Admin().GetStringAsync("/api/v1/log/export", Cancel);
        using var key = await PublishedKeyAsync(app.Anonymous());
        var result = LogExport.Verify(new StringReader(export), kept, key);
        Assert.True(result.Verified, result.FirstProblem?.Reason);
        Assert.True(result.Entries >= entries);

        // A checkpoint signed by someone else's key over the same log proves nothing, online or offline.
        using var forger = CheckpointKey.Generate(key.Name);
        var forged = new Checkpoint(Checkpoint.Verify(kept, key).Checkpoint!.Origin, entries, new byte[32]).Sign(forger);
        Assert.False(LogExport.Verify(new StringReader(export), forged, key).Verified);
        var refused = await app.Admin().PostAsync("/api/v1/log/verification", new StringContent(forged, Encoding.UTF8, "text/plain"), Cancel);
        var problem = await refused.Json(400);
        Assert.Contains("checkpoint", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        var againstKept = await (await app.Admin().PostAsync("/api/v1/log/verification", new StringContent(kept, Encoding.UTF8, "text/plain"), Cancel)).Json(200);
        Assert.True(againstKept.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Entries_and_exports_are_for_oversight_while_checkpoints_and_proofs_are_public()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        await CheckpointCoveringAsync(app.Anonymous(), 1);
        foreach (var path in new[] { "/api/v1/log/entries/0", "/api/v1/log/export", "/api/v1/log/verification" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync(path, Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await producer.Client.GetAsync(path, Cancel)).StatusCode);
        }

        var inspector = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await (await inspector.Client.GetAsync("/api/v1/log/entries/0", Cancel)).Json(200);

        // Wrong questions get the field and the reason, in the caller's language.
        var vietnamese = app.Anonymous("vi");
        var problem = await (await vietnamese.GetAsync("/api/v1/log/proof/inclusion?index=999999&treeSize=1", Cancel)).Json(400);
        Assert.Contains("phải từ 0 đến 0", problem.GetProperty("errors").GetProperty("index")[0].GetString());
        problem = await (await app.Anonymous("en").GetAsync("/api/v1/log/proof/consistency?from=5&to=999999999", Cancel)).Json(400);
        Assert.Contains("entries the log holds", problem.GetProperty("errors").GetProperty("to")[0].GetString());
        await (await app.Anonymous().GetAsync("/api/v1/log/checkpoints/999999", Cancel)).Json(404);
        await (await app.Admin().GetAsync("/api/v1/log/entries/999999", Cancel)).Json(404);
        await (await app.Admin().GetAsync("/api/v1/log/entries/-3", Cancel)).Json(404);
    }

    [Fact]
    public async Task The_signing_key_generated_on_first_start_is_kept_for_the_next()
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"log-key-{Guid.NewGuid():N}", "log-signing-key.pem");
        try
        {
            await using var first = await TraceApp.StartAsync(lane);
            await using var keeping = first.WithLogKeyFile(keyFile);
            var before = (await keeping.Anonymous().GetStringAsync("/api/v1/log/key", Cancel));
            Assert.True(File.Exists(keyFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }

            await using var again = keeping.Restarted();
            Assert.Equal(before, await again.Anonymous().GetStringAsync("/api/v1/log/key", Cancel));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(keyFile)!, recursive: true);
        }
    }
}

public sealed class TransparencyLogTestsOnSqlite() : TransparencyLogTests(Lane.Sqlite);

public sealed class TransparencyLogTestsOnPostgres() : TransparencyLogTests(Lane.Postgres);
