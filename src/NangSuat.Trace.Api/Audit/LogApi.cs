using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Api.Audit;

public sealed record LogKeyResponse(string Origin, string Name, string KeyId, string Algorithm, string PublicKey, string PublicKeyPem);

public sealed record CheckpointResponse(long TreeSize, string RootHash, DateTimeOffset SignedAt, string Checkpoint);

public sealed record InclusionProofResponse(long Index, long TreeSize, string LeafHash, IReadOnlyList<string> Proof);

public sealed record ConsistencyProofResponse(long From, long To, IReadOnlyList<string> Proof);

/// <summary>One entry as the log hashed it, with what proves it is in the tree a checkpoint signed.</summary>
public sealed record LogEntryResponse(long Index, Guid AuditEntryId, JsonElement Entry, string LeafHash, CheckpointResponse? Checkpoint, IReadOnlyList<string>? Proof);

public sealed record LogProblemResponse(long? Index, string? EntryId, string Reason, long? Before);

public sealed record LogVerificationResponse(bool Verified, long Entries, long CheckpointSize, LogProblemResponse? FirstProblem, IReadOnlyList<string> Notes);

/// <summary>
/// The transparency log of the audit record. Its checkpoints, key and proofs are public, so anyone can
/// watch that the log only grows; its entries (who changed what) are for inspectors and administrators.
/// </summary>
public static class LogApi
{
    public static IServiceCollection AddTransparencyLog(this IServiceCollection services)
    {
        services.AddOptions<LogOptions>().BindConfiguration(LogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<LogOptions>, LogSigningKey.Check>();
        services.AddSingleton<LogSigningKey>();
        services.AddSingleton<LogWakeup>();
        return services.AddHostedService<LogIntegrator>();
    }

    public static RouteGroupBuilder MapTransparencyLog(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/log").WithTags("Transparency log");
        var open = group.MapGroup("").AllowAnonymous().RequireRateLimiting(Public.PublicApi.RateLimit).ProducesProblem(StatusCodes.Status429TooManyRequests);
        open.MapGet("/checkpoint", Latest).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetLatestCheckpoint")
            .WithSummary("The newest signed checkpoint (text/plain): the log's size and root, signed; keep it to check that later exports extend it");
        open.MapGet("/checkpoints", List).WithName("ListCheckpoints").WithSummary("Every signed checkpoint, newest first");
        open.MapGet("/checkpoints/{treeSize:long}", AtSize).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetCheckpoint").WithSummary("The checkpoint signed at this tree size (text/plain)");
        open.MapGet("/key", Key).WithName("GetLogKey").WithSummary("The public key that signs the checkpoints (ECDSA P-256) and its id");
        open.MapGet("/proof/inclusion", Inclusion).WithName("GetInclusionProof")
            .WithSummary("The audit path of entry `index` in the tree of `treeSize` entries (RFC 9162 §2.1.3); treeSize defaults to the newest checkpoint's");
        open.MapGet("/proof/consistency", Consistency).WithName("GetConsistencyProof")
            .WithSummary("The proof that the tree of `from` entries is the start of the tree of `to` entries (RFC 9162 §2.1.4)");

        var oversight = group.MapGroup("").RequireAuthorization(Roles.Oversight)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        oversight.MapGet("/entries/{index:long}", Entry).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetLogEntry")
            .WithSummary("An entry as the log hashed it, with its inclusion proof to the newest checkpoint");
        oversight.MapGet("/export", Export).WithName("ExportLog").Produces(StatusCodes.Status200OK, contentType: LogExport.MediaType)
            .WithSummary("The whole log as JSON lines, to check offline with `nangsuat-trace audit verify <export> --checkpoint <file>`");
        oversight.MapGet("/verification", VerifyStored).ProducesProblem(StatusCodes.Status404NotFound).WithName("VerifyLog")
            .WithSummary("Checks every entry in the database against the hash the log recorded for it and every signed checkpoint; names the first wrong entry");
        oversight.MapPost("/verification", VerifyAgainst).WithName("VerifyLogAgainstCheckpoint").Accepts<string>("text/plain")
            .WithSummary("The same check against a checkpoint you kept (the request body, as text): proves the log still holds the tree you saw");
        return group;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Latest(TraceDb db, CancellationToken cancellationToken) =>
        await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).Select(c => c.Signed).FirstOrDefaultAsync(cancellationToken) is { } signed
            ? TypedResults.Text(signed, "text/plain; charset=utf-8")
            : Problems.NotFound("Nhật ký chưa có điểm kiểm tra nào được ký; thử lại sau ít giây.", "The log has signed no checkpoint yet; try again in a few seconds.");

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> AtSize(long treeSize, TraceDb db, CancellationToken cancellationToken) =>
        await db.LogCheckpoints.AsNoTracking().Where(c => c.Size == treeSize).Select(c => c.Signed).FirstOrDefaultAsync(cancellationToken) is { } signed
            ? TypedResults.Text(signed, "text/plain; charset=utf-8")
            : Problems.NotFound($"Không có điểm kiểm tra nào được ký ở kích thước {treeSize}.", $"No checkpoint was signed at tree size {treeSize}.");

    private static async Task<Results<Ok<PagedList<CheckpointResponse>>, ValidationProblem>> List([AsParameters] Paging paging, TraceDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        paging.Validate(errors);
        return errors.Any
            ? errors.Problem()
            : TypedResults.Ok(await paging.ToPageAsync(db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.Size), ToResponse, cancellationToken));
    }

    private static Ok<LogKeyResponse> Key(LogSigningKey signing)
    {
        var key = signing.Key;
        var pem = System.Security.Cryptography.PemEncoding.WriteString("PUBLIC KEY", key.PublicKey);
        return TypedResults.Ok(new LogKeyResponse(signing.Origin, key.Name, Convert.ToBase64String(key.Id), "ECDSA P-256 SHA-256", Convert.ToBase64String(key.PublicKey), pem));
    }

    private static async Task<Results<Ok<InclusionProofResponse>, ValidationProblem, ProblemHttpResult>> Inclusion(
        [FromQuery] long? index, [FromQuery] long? treeSize, TraceDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var size = await TreeSizeAsync(db, treeSize, "treeSize", errors, cancellationToken);
        if (index is not { } at)
        {
            errors.Add("index", "bắt buộc phải có", "is required");
        }
        else if (size == 0)
        {
            errors.Add("index", "chưa có mục nào trong cây đã ký; thử lại sau ít giây", "no entry is in a signed tree yet; try again in a few seconds");
        }
        else if (size is { } known && (at < 0 || at >= known))
        {
            errors.Add("index", $"phải từ 0 đến {known - 1}", $"must be between 0 and {known - 1}");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var proof = await InclusionProofAsync(db, index!.Value, size!.Value, cancellationToken);
        var leaf = (await LogIntegrator.NodesAsync(db, [new NodePosition(0, index.Value).Key], cancellationToken)).Values.Single();
        return TypedResults.Ok(new InclusionProofResponse(index.Value, size.Value, Convert.ToBase64String(leaf), proof));
    }

    private static async Task<Results<Ok<ConsistencyProofResponse>, ValidationProblem>> Consistency(
        [FromQuery] long? from, [FromQuery] long? to, TraceDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var newer = await TreeSizeAsync(db, to, "to", errors, cancellationToken);
        if (from is not { } older)
        {
            errors.Add("from", "bắt buộc phải có", "is required");
        }
        else if (newer is { } known && (older < 0 || older > known))
        {
            errors.Add("from", $"phải từ 0 đến {known} ('to')", $"must be between 0 and {known} ('to')");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var (a, b) = (from!.Value, newer!.Value);
        var proof = await LogStore.ConsistencyProofAsync(db, a, b, cancellationToken);
        return TypedResults.Ok(new ConsistencyProofResponse(a, b, [.. proof.Select(Convert.ToBase64String)]));
    }

    private static async Task<Results<Ok<LogEntryResponse>, ProblemHttpResult>> Entry(long index, TraceDb db, CancellationToken cancellationToken)
    {
        var position = new NodePosition(0, Math.Clamp(index, 0, NodePosition.MaxLeaves - 1)).Key;
        var entry = await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(a => a.LogIndex == index, cancellationToken);
        var leaf = await db.LogNodes.AsNoTracking().Where(n => n.Position == position).Select(n => n.Hash).FirstOrDefaultAsync(cancellationToken);
        if (entry is null || leaf is null || position != index)
        {
            return Problems.NotFound($"Nhật ký không có mục số {index}.", $"The log has no entry {index}.");
        }

        using var canonical = JsonDocument.Parse(LogEntries.Canonical(entry, index));
        var checkpoint = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(cancellationToken);
        var proof = checkpoint is { Size: var size } && size > index ? await InclusionProofAsync(db, index, size, cancellationToken) : null;
        return TypedResults.Ok(new LogEntryResponse(index, entry.Id, canonical.RootElement.Clone(), Convert.ToBase64String(leaf),
            proof is null ? null : ToResponse(checkpoint!), proof));
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem>> Export(
        [FromQuery] long? treeSize, HttpContext http, TraceDb db, LogSigningKey signing, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var size = await TreeSizeAsync(db, treeSize, "treeSize", errors, cancellationToken, defaultToLatestCheckpoint: false);
        if (errors.Any)
        {
            return errors.Problem();
        }

        http.Response.ContentType = LogExport.MediaType + "; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-log-{size}.jsonl\"";
        var body = http.Response.BodyWriter.AsStream();
        await foreach (var line in LogStore.ExportAsync(db, signing, size!.Value, cancellationToken))
        {
            await body.WriteAsync(line, cancellationToken);
        }

        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<LogVerificationResponse>, ProblemHttpResult>> VerifyStored(TraceDb db, LogSigningKey signing, CancellationToken cancellationToken)
    {
        var latest = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.Size).Select(c => c.Signed).FirstOrDefaultAsync(cancellationToken);
        return latest is null
            ? Problems.NotFound("Nhật ký chưa có điểm kiểm tra nào được ký.", "The log has signed no checkpoint yet.")
            : TypedResults.Ok(ToResponse(await LogStore.VerifyAsync(db, signing, latest, cancellationToken)));
    }

    private static async Task<Results<Ok<LogVerificationResponse>, ValidationProblem>> VerifyAgainst(HttpRequest request, TraceDb db, LogSigningKey signing, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var kept = await reader.ReadToEndAsync(cancellationToken);
        var (checkpoint, problem) = Checkpoint.Verify(kept, signing.Key);
        if (checkpoint is null)
        {
            var errors = new FieldErrors();
            errors.Add("checkpoint", $"không phải điểm kiểm tra do nhật ký này ký: {problem}", $"is not a checkpoint this log signed: {problem}");
            return errors.Problem();
        }

        return TypedResults.Ok(ToResponse(await LogStore.VerifyAsync(db, signing, kept, cancellationToken)));
    }

    private static async Task<IReadOnlyList<string>> InclusionProofAsync(TraceDb db, long index, long size, CancellationToken cancellationToken) =>
        [.. (await LogStore.InclusionProofAsync(db, index, size, cancellationToken)).Select(Convert.ToBase64String)];

    /// <summary>A tree size the log can prove things about: one it holds, by default the newest checkpoint's (or, for an export, the whole log).</summary>
    private static async Task<long?> TreeSizeAsync(TraceDb db, long? asked, string field, FieldErrors errors, CancellationToken cancellationToken, bool defaultToLatestCheckpoint = true)
    {
        var size = await LogIntegrator.SizeAsync(db, cancellationToken);
        if (asked is null)
        {
            return defaultToLatestCheckpoint
                ? await db.LogCheckpoints.AsNoTracking().MaxAsync(c => (long?)c.Size, cancellationToken) ?? 0
                : size;
        }

        if (asked < 0 || asked > size)
        {
            errors.Add(field, $"phải từ 0 đến {size}, số mục nhật ký đang có", $"must be between 0 and {size}, the entries the log holds");
            return null;
        }

        return asked;
    }

    private static CheckpointResponse ToResponse(LogCheckpoint c) => new(c.Size, Convert.ToBase64String(c.Root), c.SignedAt, c.Signed);

    private static LogVerificationResponse ToResponse(LogVerification v) => new(v.Verified, v.Entries, v.CheckpointSize,
        v.FirstProblem is { } p ? new LogProblemResponse(p.Index, p.EntryId, p.Reason, p.Before) : null, v.Notes);
}
