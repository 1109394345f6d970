using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Serials;

public sealed record SerialRequest(int? Count);

/// <param name="Issued">Serials written so far: equal to <paramref name="Count"/> once the batch is complete.</param>
/// <param name="CompletedAt">When the last serial was written; null while a background batch is still being issued.</param>
public sealed record SerialBatchResponse(
    Guid Id, Guid LotId, int Count, int Issued, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt, string StatusUrl, string SerialsUrl);

public static class SerialsApi
{
    public const int MaxCount = 1_000_000;

    /// <summary>The portal writes a batch up to this size with its request; a larger one goes to the background with a progress page.</summary>
    public const int InlineLimit = 10_000;

    public static IServiceCollection AddSerialIssuing(this IServiceCollection services) =>
        services.AddSingleton<SerialIssuer>().AddHostedService(provider => provider.GetRequiredService<SerialIssuer>());

    public static RouteGroupBuilder MapSerials(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Serials").RequireAuthorization(Roles.AnyReader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/lots/{id:guid}/serials", Issue).RequireAuthorization(Roles.Producer).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("IssueSerials")
            .WithSummary("Issue up to 1,000,000 unguessable serial numbers for the lot; send an Idempotency-Key to make retries safe")
            .WithDescription("With `Prefer: respond-async` the batch is accepted at once (202, Location of its status) and issued in the background; poll `statusUrl` until `completedAt` is set.");
        group.MapGet("/serial-batches/{id:guid}", Status)
            .WithName("GetSerialBatch").WithSummary("A batch's progress: how many of its serials are issued, and when it completed");
        group.MapGet("/serial-batches/{id:guid}/serials.csv", Download).Produces(StatusCodes.Status200OK, typeof(string), "text/csv")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("GetSerialsCsv").WithSummary("Stream a batch's serials with their Digital Links as CSV; 409 while a background batch is still being issued");
        return group;
    }

    /// <summary>The request asks to be answered before the work is done (RFC 7240).</summary>
    private static bool PrefersAsync(HttpRequest http) =>
        http.Headers["Prefer"].Any(value => value is not null && value.Split(',').Any(p => p.Trim().Equals("respond-async", StringComparison.OrdinalIgnoreCase)));

    private static async Task<Results<Created<SerialBatchResponse>, Ok<SerialBatchResponse>, Accepted<SerialBatchResponse>, ValidationProblem, ProblemHttpResult>> Issue(
        Guid id, SerialRequest request, HttpRequest http, Caller caller, TraceDb db, SerialIssuer issuer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var background = PrefersAsync(http);
        var errors = new FieldErrors();
        if (request.Count is not (>= 1 and <= MaxCount))
        {
            errors.Add("count", $"phải từ 1 đến {MaxCount:N0}", $"must be between 1 and {MaxCount:N0}");
        }

        var key = http.Headers["Idempotency-Key"].ToString();
        var idempotencyKey = key.Length == 0 ? null : errors.Optional("Idempotency-Key", key, 100);
        if (errors.Any)
        {
            return errors.Problem();
        }

        var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id && l.OrganizationId == caller.Organization, cancellationToken);
        if (lot is null)
        {
            return Problems.NotFound(RecordKind.Lot, id);
        }

        if (idempotencyKey is not null && await Replay(db, caller.Organization, idempotencyKey, lot.Id, request.Count!.Value, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        var now = clock.GetUtcNow();
        if (background)
        {
            var accepted = new SerialBatch { Id = Guid.CreateVersion7(now), OrganizationId = caller.Organization, LotId = lot.Id, Count = request.Count!.Value, IdempotencyKey = idempotencyKey, CreatedAt = now };
            if (await SerialWriter.TryAcceptAsync(db, accepted, cancellationToken))
            {
                issuer.Wake();
                http.HttpContext.Response.Headers["Preference-Applied"] = "respond-async";
                return TypedResults.Accepted($"/api/v1/serial-batches/{accepted.Id}", accepted.ToResponse());
            }

            return idempotencyKey is not null && await Replay(db, caller.Organization, idempotencyKey, lot.Id, accepted.Count, cancellationToken) is { } racedAccept
                ? racedAccept
                : Problems.Conflict("Không nhận được lô số sê-ri; hãy thử lại.", "The batch could not be accepted; please retry.");
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var batch = new SerialBatch { Id = Guid.CreateVersion7(now), OrganizationId = caller.Organization, LotId = lot.Id, Count = request.Count!.Value, IdempotencyKey = idempotencyKey, CreatedAt = now };
            if (await SerialWriter.TryWriteAsync(db, batch, lot.ProductId, cancellationToken))
            {
                return TypedResults.Created($"/api/v1/serial-batches/{batch.Id}/serials.csv", batch.ToResponse());
            }

            // Either a 60-bit serial collided (vanishingly rare: draw again) or a retry with the same key raced us.
            if (idempotencyKey is not null && await Replay(db, caller.Organization, idempotencyKey, lot.Id, batch.Count, cancellationToken) is { } raced)
            {
                return raced;
            }
        }

        return Problems.Conflict("Không cấp được số sê-ri duy nhất; hãy thử lại.", "Could not issue unique serials; please retry.");
    }

    /// <summary>The batch an earlier request with this key made: the same answer again, or 409 if the key is reused for something else.</summary>
    private static async Task<Results<Created<SerialBatchResponse>, Ok<SerialBatchResponse>, Accepted<SerialBatchResponse>, ValidationProblem, ProblemHttpResult>?> Replay(
        TraceDb db, Guid organization, string key, Guid lotId, int count, CancellationToken cancellationToken)
    {
        var earlier = await db.SerialBatches.AsNoTracking().FirstOrDefaultAsync(b => b.OrganizationId == organization && b.IdempotencyKey == key, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        return earlier.LotId == lotId && earlier.Count == count
            ? TypedResults.Ok(earlier.ToResponse())
            : Problems.Conflict($"Idempotency-Key '{key}' đã dùng cho một yêu cầu khác.", $"Idempotency-Key '{key}' was already used for a different request.");
    }

    private static async Task<Results<Ok<SerialBatchResponse>, ProblemHttpResult>> Status(Guid id, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var (batch, _) = await SerialBatchLookup.FindAsync(db, id, caller, cancellationToken);
        return batch is null ? Problems.NotFound(RecordKind.SerialBatch, id) : TypedResults.Ok(batch.ToResponse());
    }

    /// <summary>Streams a batch's serials; the portal's download link uses it too.</summary>
    internal static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Download(
        Guid id, HttpContext context, Caller caller, TraceDb db, PublicUrls urls, CancellationToken cancellationToken)
    {
        var (batch, lot) = await SerialBatchLookup.FindAsync(db, id, caller, cancellationToken);
        if (batch is null || lot is null)
        {
            return Problems.NotFound(RecordKind.SerialBatch, id);
        }

        if (SerialBatchLookup.StillIssuing(batch, context) is { } wait)
        {
            return wait;
        }

        var baseUrl = urls.BaseUrl;
        return TypedResults.Stream(async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 64 * 1024);
            await writer.WriteLineAsync("serial,digitalLink");
            // Streamed row by row from the database: a million lines never sit in memory.
            await foreach (var value in db.SerialNumbers.AsNoTracking().Where(s => s.BatchId == id).Select(s => s.Value).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                await writer.WriteLineAsync($"{value},{new DigitalLink(lot.Product!.Gtin, Lot: lot.LotNumber, Serial: value).ToUri(baseUrl)}");
            }
        }, "text/csv; charset=utf-8", $"serials-{lot.Product!.Gtin}-{id}.csv");
    }

    private static SerialBatchResponse ToResponse(this SerialBatch b) =>
        new(b.Id, b.LotId, b.Count, b.Issued, b.CompletedAt, b.CreatedAt, $"/api/v1/serial-batches/{b.Id}", $"/api/v1/serial-batches/{b.Id}/serials.csv");
}
