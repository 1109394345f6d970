using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots.Pages;

namespace NangSuat.Trace.Api.Lots;

/// <summary>A producer imports lots from a CSV or XLSX file: preview every row, then write all or none.</summary>
public static class LotImportPages
{
    private static readonly TimeSpan PreviewLifetime = TimeSpan.FromMinutes(30);

    private sealed record Checked(Guid OrganizationId, Guid? AccountId, IReadOnlyList<Dictionary<string, string>> Rows);

    public static void MapLotImportPages(this RouteGroupBuilder signedIn)
    {
        var import = signedIn.MapGroup("/lo/nhap").RequireAuthorization(PortalSession.Producers);
        import.MapGet("/", () => new RazorComponentResult<LotImportPage>(new { }));
        import.MapGet("/mau.csv", () => TypedResults.File(LotImport.Template(xlsx: false), "text/csv; charset=utf-8", "mau-nhap-lo.csv"));
        import.MapGet("/mau.xlsx", () => TypedResults.File(LotImport.Template(xlsx: true), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-nhap-lo.xlsx"));
        import.MapPost("/", Preview).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(LotImport.MaxBytes + 64 * 1024));
        import.MapPost("/{batch:guid}/ghi", Commit);
    }

    private static async Task<IResult> Preview(HttpContext context, Caller caller, TraceDb db, IMemoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Refused(Language.Pick("Hãy chọn một tệp CSV hoặc XLSX.", "Choose a CSV or XLSX file."));
        }

        if (file.Length > LotImport.MaxBytes)
        {
            return Refused(Language.Pick("Tệp lớn hơn 5 MB; hãy chia thành nhiều tệp.", "The file is larger than 5 MB; split it into several files."));
        }

        // MiniExcel reads XLSX by seeking; the upload is copied to memory (at most 5 MB) first.
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        var (rows, problem) = LotImport.Read(copy, file.FileName);
        if (rows is null)
        {
            return Refused(problem!);
        }

        var checkedRows = await LotImport.CheckAsync(rows, caller.Organization, db, clock.GetUtcNow(), cancellationToken);
        var batch = Guid.NewGuid();
        if (checkedRows.All(r => r.Problems.Count == 0))
        {
            cache.Set(Key(batch), new Checked(caller.Organization, caller.AccountId, rows), PreviewLifetime);
        }

        return new RazorComponentResult<LotImportPage>(new { Rows = checkedRows, BatchId = batch })
        {
            StatusCode = checkedRows.Any(r => r.Problems.Count > 0) ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK,
        };
    }

    private static async Task<IResult> Commit(Guid batch, Caller caller, TraceDb db, IMemoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(Key(batch), out Checked? previewed) || previewed!.OrganizationId != caller.OrganizationId || previewed.AccountId != caller.AccountId)
        {
            return Refused(Language.Pick("Bản xem trước này đã hết hạn hoặc đã được ghi. Hãy gửi lại tệp.", "This preview has expired or was already written. Upload the file again."),
                StatusCodes.Status410Gone);
        }

        // Checked again: a colleague may have registered one of these lots since the preview.
        var now = clock.GetUtcNow();
        var checkedRows = await LotImport.CheckAsync(previewed.Rows, caller.Organization, db, now, cancellationToken);
        if (checkedRows.Any(r => r.Problems.Count > 0))
        {
            return new RazorComponentResult<LotImportPage>(new { Rows = checkedRows }) { StatusCode = StatusCodes.Status409Conflict };
        }

        foreach (var row in checkedRows)
        {
            var errors = new FieldErrors();
            var (lot, _) = await LotRules.CreateAsync(row.Request, caller.Organization, db, now, errors, cancellationToken);
            db.Lots.Add(lot!);
        }

        // One save, one transaction: every row is written, or (a racing import took a lot number) none is.
        cache.Remove(Key(batch));
        if (!await db.TrySaveUniqueAsync(cancellationToken))
        {
            return Refused(Language.Pick("Một lô trong tệp vừa được đăng ký ở nơi khác; chưa ghi dòng nào. Hãy gửi lại tệp.",
                "A lot in the file was just registered elsewhere; no row was written. Upload the file again."), StatusCodes.Status409Conflict);
        }

        return TypedResults.LocalRedirect($"/portal/lo?xong=nhap&so={checkedRows.Count}");
    }

    private static string Key(Guid batch) => $"lot-import:{batch:N}";

    private static RazorComponentResult<LotImportPage> Refused(string problem, int status = StatusCodes.Status422UnprocessableEntity) =>
        new(new { Problem = problem }) { StatusCode = status };
}
