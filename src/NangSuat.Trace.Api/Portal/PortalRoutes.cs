using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.CertificationBodies;
using NangSuat.Trace.Api.LabelPrinting;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.ProductionAreas;
using NangSuat.Trace.Api.Products;
using NangSuat.Trace.Api.Programme;
using NangSuat.Trace.Api.Serials;

namespace NangSuat.Trace.Api.Portal;

/// <summary>
/// The portal for producers, inspectors and administrators: pages rendered on the server, forms
/// that post and redirect, a sign-in cookie. Nothing here is part of the API's contract.
/// </summary>
public static class PortalRoutes
{
    public static void MapPortal(this IEndpointRouteBuilder routes)
    {
        var portal = routes.MapGroup("/portal").ExcludeFromDescription().AddEndpointFilter<PortalForms>();
        var signedIn = portal.MapGroup("").RequireAuthorization(PortalSession.SignedIn);
        portal.MapAccountPages(signedIn);
        signedIn.MapHome();
        signedIn.MapColleaguePages();
        signedIn.MapAccessPages();
        signedIn.MapTokenPages();
        signedIn.MapOrganizationPages();
        signedIn.MapProductPages();
        signedIn.MapProductionAreaPages();
        new LotImport().Map(signedIn.MapGroup("/lo/nhap").RequireAuthorization(PortalSession.Producers));
        new ProductImport().Map(signedIn.MapGroup("/san-pham/nhap").RequireAuthorization(PortalSession.Producers));
        signedIn.MapLotPages();
        signedIn.MapLabelPages();
        signedIn.MapSerialPages();
        signedIn.MapCertificatePages();
        signedIn.MapCertificationBodyPages();
        signedIn.MapProgrammeOverview();
    }
}
