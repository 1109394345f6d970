using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.LabelPrinting;
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
        var count = Count(form["count"]);
        if (count is not (>= 1 and <= SerialsApi.MaxCount))
        {
            errors.Add("count", $"phải là một số nguyên từ 1 đến {SerialsApi.MaxCount:N0}", $"must be a whole number from 1 to {SerialsApi.MaxCount:N0}");
        }

        var key = Guid.TryParse(form["formId"], out var formId) ? FormKey(formId) : null;
        if (errors.Any || key is null)
        {
            if (key is null && !errors.Any)
            {
                errors.Add("count", "biểu mẫu đã cũ; hãy mở lại trang lô và gửi lại", "the form is out of date; open the lot's page again and send it again");
            }

            return Notice(id, errors);
        }

        // A form sent twice (a double click, a reload) finds the batch its first sending made.
        var earlier = await db.SerialBatches.AsNoTracking().FirstOrDefaultAsync(b => b.OrganizationId == caller.OrganizationId && b.IdempotencyKey == key, cancellationToken);
        if (earlier is not null)
        {
            return TypedResults.LocalRedirect($"/portal/lo/{earlier.LotId}/se-ri/{earlier.Id}");
        }

        var now = clock.GetUtcNow();
        var batch = new SerialBatch { Id = Guid.CreateVersion7(now), OrganizationId = caller.Organization, LotId = lot.Id, Count = count!.Value, IdempotencyKey = key, CreatedAt = now };
        var written = batch.Count <= SerialsApi.InlineLimit
            ? await SerialWriter.TryWriteAsync(db, batch, lot.ProductId, cancellationToken)
            : await SerialWriter.TryAcceptAsync(db, batch, cancellationToken);
        if (!written)
        {
            // The same form's other sending won the race, or (vanishingly rarely) a serial collided: either way, show what is there.
            var raced = await db.SerialBatches.AsNoTracking().FirstOrDefaultAsync(b => b.OrganizationId == caller.OrganizationId && b.IdempotencyKey == key, cancellationToken);
            if (raced is null)
            {
                errors.Add("count", "không cấp được số sê-ri duy nhất; hãy gửi lại", "could not issue unique serials; please send again");
                return Notice(id, errors);
            }

            batch = raced;
        }
        else if (!batch.IsComplete)
        {
            issuer.Wake();
        }

        return TypedResults.LocalRedirect($"/portal/lo/{lot.Id}/se-ri/{batch.Id}");
    }

    private static async Task<IResult> Show(Guid id, Guid batchId, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var found = await db.SerialBatches.AsNoTracking().Where(b => b.Id == batchId && b.LotId == id && b.OrganizationId == caller.OrganizationId)
            .Select(b => new { Batch = b, Lot = db.Lots.Where(l => l.Id == b.LotId).Select(l => new { l.LotNumber, l.Product!.Gtin }).First() })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null
            ? NotFound()
            : new RazorComponentResult<SerialBatchPage>(new { found.Batch, found.Lot.LotNumber, found.Lot.Gtin });
    }

    /// <summary>A count as people type it: digits, perhaps grouped by thousands with dots, commas or spaces ("20.000" is twenty thousand).</summary>
    private static int? Count(string? typed)
    {
        var text = (typed ?? "").Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(text, @"^(\d{1,7}|\d{1,3}([.,\s]\d{3}){1,2})$"))
        {
            return null;
        }

        return int.Parse(new string([.. text.Where(char.IsAsciiDigit)]), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static RazorComponentResult<Portal.Pages.NoticePage> Notice(Guid lotId, FieldErrors errors) =>
        new(new
        {
            Title = Language.Pick("Chưa cấp số sê-ri", "No serials issued"),
            Message = string.Join(" ", errors.All.SelectMany(e => e.Value).Select(e => Language.Pick($"Số lượng {e.Vietnamese}.", $"The count {e.English}."))),
            Next = $"/portal/lo/{lotId}#serials",
        }) { StatusCode = StatusCodes.Status422UnprocessableEntity };

    private static RazorComponentResult<Portal.Pages.NoticePage> NotFound() =>
        Portal.PortalAnswers.NotFound("Không có lô hoặc lô số sê-ri này trong tổ chức của bạn.", "There is no such lot or serial batch in your organization.", "/portal/lo");
}
