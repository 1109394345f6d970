using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Organizations;

/// <summary>How an organization's fields read on a page, in the page's language.</summary>
public static class OrganizationText
{
    public static string Kind(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Enterprise => Language.Pick("Doanh nghiệp", "Enterprise"),
        OrganizationKind.Cooperative => Language.Pick("Hợp tác xã", "Cooperative"),
        OrganizationKind.Authority => Language.Pick("Cơ quan nhà nước", "State authority"),
        _ => Language.Pick("Hộ kinh doanh", "Household business"),
    };
}
