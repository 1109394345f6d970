using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.LabelPrinting;
using NangSuat.Trace.Api.Portal;
using NangSuat.Trace.Api.Serials.Pages;

namespace NangSuat.Trace.Api.Serials;

/// <summary>
/// A producer issues serial numbers for a lot from the portal: a small batch is written with the form,
/// a large one in the background while a page shows its progress (refreshing itself, no script needed).
/// The form carries its own idempotency key, so a double click or a resent form issues one batch.
/// </summary>
public static class SerialPages
{
    public static void MapSerialPages(this RouteGroupBuilder signedIn)
    {
        var serials = signedIn.MapGroup("").RequireAuthorization(PortalSession.Producers);
        serials.MapPost("/lo/{id:guid}/se-ri", Issue);
        serials.MapGet("/lo/{id:guid}/se-ri/{batchId:guid}", Show);
        serials.MapGet("/se-ri/{id:guid}/serials.csv", SerialsApi.Download);
        serials.MapGet("/se-ri/{id:guid}/labels.zip", SerialLabelsApi.Zip);
        serials.MapGet("/se-ri/{id:guid}/sheet", SerialLabelsApi.Sheet);
    }

    /// <summary>The key a form sends, scoped so it never meets a key an integration chose for the API.</summary>
    public static string FormKey(Guid formId) => $"portal:{formId}";

    private static async Task<IResult> Issue(
        Guid id, HttpContext context, Caller caller, TraceDb db, SerialIssuer issuer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id && l.OrganizationId == caller.OrganizationId, cancellationToken);
        if (lot is null)
        {
            return NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var count = FormValues.WholeNumber(errors, "count", form["count"], 1, SerialsApi.MaxCount);
        if (!Guid.TryParse(form["formId"], out var formId))
        {
            return Notice(id, Language.Pick("Biểu mẫu đã cũ: hãy mở lại trang của lô và gửi lại.", "The form is out of date: open the lot's page again and send it again."));
        }

        if (count is null)
        {
            return Notice(id, Language.Pick($"Số lượng {errors.All["count"][0].Vietnamese}.", $"The count {errors.All["count"][0].English}."));
        }

        var (outcome, batch) = await SerialIssuance.IssueAsync(
            db, issuer, lot, count.Value, FormKey(formId), background: count > SerialsApi.InlineLimit, clock.GetUtcNow(), cancellationToken);
        return outcome switch
        {
            SerialIssuance.Outcome.Issued or SerialIssuance.Outcome.Accepted or SerialIssuance.Outcome.Replayed =>
                TypedResults.LocalRedirect($"/portal/lo/{batch!.LotId}/se-ri/{batch.Id}"),
            // The same form sent again with another count: what it first asked for stands, and the person is told so.
            SerialIssuance.Outcome.KeyReused => Notice(id, Language.Pick(
                $"Biểu mẫu này đã cấp {batch!.Count:N0} số sê-ri. Để cấp thêm, hãy mở lại trang của lô.",
                $"This form already issued {batch!.Count:N0} serials. To issue more, open the lot's page again."), $"/portal/lo/{batch.LotId}/se-ri/{batch.Id}"),
            _ => Notice(id, Language.Pick("Không cấp được số sê-ri duy nhất; hãy gửi lại.", "Could not issue unique serials; please send again.")),
        };
    }

    private static async Task<IResult> Show(Guid id, Guid batchId, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var found = await db.SerialBatches.AsNoTracking().Where(b => b.Id == batchId && b.LotId == id && b.OrganizationId == caller.OrganizationId)
            .Select(b => new { Batch = b, LotNumber = db.Lots.Where(l => l.Id == b.LotId).Select(l => l.LotNumber).First() })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null
            ? NotFound()
            : new RazorComponentResult<SerialBatchPage>(new { found.Batch, found.LotNumber });
    }

    private static RazorComponentResult<Portal.Pages.NoticePage> Notice(Guid lotId, string message, string? next = null) =>
        Portal.PortalAnswers.Notice(StatusCodes.Status422UnprocessableEntity, Language.Pick("Chưa cấp số sê-ri", "No serials issued"), message, next ?? $"/portal/lo/{lotId}#serials");

    private static RazorComponentResult<Portal.Pages.NoticePage> NotFound() =>
        Portal.PortalAnswers.NotFound("Không có lô hoặc lô số sê-ri này trong tổ chức của bạn.", "There is no such lot or serial batch in your organization.", "/portal/lo");
}
