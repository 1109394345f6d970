using NangSuat.Trace.Api.Auth;

namespace NangSuat.Trace.Api.LabelPrinting;

/// <summary>Every label the portal prints: a lot's, a serial batch's (ZIP or A4 sheets) and an SSCC pallet's.</summary>
public static class LabelsApi
{
    public static RouteGroupBuilder MapLabels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1").WithTags("Labels").RequireAuthorization(Roles.AnyReader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        group.MapLotLabels();
        group.MapSerialLabels();
        group.MapSsccLabels();
        return group;
    }
}
