using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Resolver;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.Lots;

public static class LotLabels
{
    public static void MapLotLabels(this RouteGroupBuilder lots) =>
        lots.MapGet("/{id:guid}/label", Get)
            .WithSummary("The lot's QR label (GS1 Digital Link, ECC M, 4-module quiet zone) as PNG or SVG")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/png", "image/svg+xml");

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Get(
        Guid id, string? format, int? scale, Caller caller, TraceDb db, ResolverLinks links, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        format = (format ?? "png").ToLowerInvariant();
        if (format is not ("png" or "svg"))
        {
            errors.Add("format", $"'{format}' không hỗ trợ; chỉ có png hoặc svg", $"'{format}' is not supported; use png or svg");
        }

        if (scale is < 1 or > 40)
        {
            errors.Add("scale", "số điểm ảnh mỗi mô-đun phải từ 1 đến 40", "pixels per module must be between 1 and 40");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        var lot = await db.Lots.AsNoTracking().Include(l => l.Product).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lot is null || !caller.CanSee(lot.OrganizationId))
        {
            return Problems.NotFound($"Không có lô {id}.", $"There is no lot {id}.");
        }

        var gtin = lot.Product!.Gtin;
        var label = QrLabel.Encode(links.For(lot.DigitalLink(gtin)));
        var fileName = $"nhan-{gtin}-{string.Concat(lot.LotNumber.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'))}.{format}";
        return format == "svg"
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(label.ToSvg([$"(01) {gtin}", $"(10) {lot.LotNumber}"])), "image/svg+xml", fileName)
            : TypedResults.File(label.ToPng(scale ?? 8), "image/png", fileName);
    }
}
