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

    /// <summary>The request asks to be answered before the work is done (RFC 7240): a preference, perhaps with parameters, among others.</summary>
    private static bool PrefersAsync(HttpRequest http) =>
        http.Headers["Prefer"].Any(value => value is not null
            && value.Split(',').Any(p => p.Split(';')[0].Trim().Equals("respond-async", StringComparison.OrdinalIgnoreCase)));

    private static async Task<Results<Created<SerialBatchResponse>, Ok<SerialBatchResponse>, Accepted<SerialBatchResponse>, ValidationProblem, ProblemHttpResult>> Issue(
        Guid id, SerialRequest request, HttpRequest http, Caller caller, TraceDb db, SerialIssuer issuer, TimeProvider clock, CancellationToken cancellationToken)
    {
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

        var background = PrefersAsync(http);
        var (outcome, batch) = await SerialIssuance.IssueAsync(db, issuer, lot, request.Count!.Value, idempotencyKey, background, clock.GetUtcNow(), cancellationToken);
        if (background && outcome is SerialIssuance.Outcome.Accepted or SerialIssuance.Outcome.Replayed)
        {
            http.HttpContext.Response.Headers["Preference-Applied"] = "respond-async";
        }

        return outcome switch
        {
            SerialIssuance.Outcome.Issued => TypedResults.Created($"/api/v1/serial-batches/{batch!.Id}/serials.csv", batch.ToResponse()),
            SerialIssuance.Outcome.Accepted => TypedResults.Accepted($"/api/v1/serial-batches/{batch!.Id}", batch.ToResponse()),
            // A retry of a batch still being issued is told where to watch it, as the first answer was.
            SerialIssuance.Outcome.Replayed when !batch!.IsComplete => TypedResults.Accepted($"/api/v1/serial-batches/{batch.Id}", batch.ToResponse()),
            SerialIssuance.Outcome.Replayed => TypedResults.Ok(batch!.ToResponse()),
            SerialIssuance.Outcome.KeyReused => Problems.Conflict($"Idempotency-Key '{idempotencyKey}' đã dùng cho một yêu cầu khác.",
                $"Idempotency-Key '{idempotencyKey}' was already used for a different request."),
            _ => Problems.Conflict("Không cấp được số sê-ri duy nhất; hãy thử lại.", "Could not issue unique serials; please retry."),
        };
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
