using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Portal;
using NangSuat.Trace.Api.ProductionAreas.Pages;

namespace NangSuat.Trace.Api.ProductionAreas;

/// <summary>A producer's production areas in the portal, by the same rules as the API.</summary>
public static class ProductionAreaPages
{
    public static void MapProductionAreaPages(this RouteGroupBuilder signedIn)
    {
        var areas = signedIn.MapGroup("/vung").RequireAuthorization(PortalSession.Producers);
        areas.MapGet("/", List);
        areas.MapGet("/moi", () => new RazorComponentResult<AreaFormPage>(new { }));
        areas.MapPost("/moi", Create);
    }

    private static async Task<RazorComponentResult<AreaListPage>> List([FromQuery(Name = "xong")] string? done, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var items = await db.ProductionAreas.AsNoTracking().Where(a => a.OrganizationId == caller.OrganizationId).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        return new(new { Items = items, Notice = done == "1" ? Language.Pick("Đã lưu vùng sản xuất.", "The production area is saved.") : null });
    }

    private static async Task<IResult> Create(HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var request = new ProductionAreaRequest(form["name"], form["areaCode"], form["gln"], form["commune"], form["province"],
            (double?)FormValues.Number(errors, "latitude", form["latitude"]), (double?)FormValues.Number(errors, "longitude", form["longitude"]),
            FormValues.Number(errors, "hectares", form["hectares"]));
        var now = clock.GetUtcNow();
        var area = new ProductionArea { Id = Guid.CreateVersion7(now), OrganizationId = caller.Organization, Name = "", Commune = "", Province = "", CreatedAt = now };
        if (ProductionAreaRules.Apply(request, area, now, errors) && !errors.Any)
        {
            db.ProductionAreas.Add(area);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.LocalRedirect("/portal/vung?xong=1");
        }

        return new RazorComponentResult<AreaFormPage>(new { Form = request, Errors = errors }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
    }
}
