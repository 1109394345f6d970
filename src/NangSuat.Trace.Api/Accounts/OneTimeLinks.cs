using Microsoft.AspNetCore.Http.HttpResults;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Organizations.Pages;

namespace NangSuat.Trace.Api.Accounts;

/// <summary>Makes invitation and reset links; the API and the portal's forms both hand them out.</summary>
public static class OneTimeLinks
{
    public const string PathPrefix = "/portal/moi/";

    public static (OneTimeLink Link, string Secret) Invitation(Guid organizationId, AccountRole role, bool isOwner, string? displayName, Guid? createdBy, DateTimeOffset now)
    {
        var secret = OneTimeLink.NewSecret();
        return (new OneTimeLink
        {
            Id = Guid.CreateVersion7(now), Purpose = LinkPurpose.Invitation, Hash = OneTimeLink.HashOf(secret), OrganizationId = organizationId,
            Role = role, IsOwner = isOwner, DisplayName = displayName, CreatedByAccountId = createdBy, CreatedAt = now, ExpiresAt = now + OneTimeLink.InvitationLifetime,
        }, secret);
    }

    public static (OneTimeLink Link, string Secret) Reset(Account account, Guid? createdBy, DateTimeOffset now)
    {
        var secret = OneTimeLink.NewSecret();
        return (new OneTimeLink
        {
            Id = Guid.CreateVersion7(now), Purpose = LinkPurpose.PasswordReset, Hash = OneTimeLink.HashOf(secret), OrganizationId = account.OrganizationId,
            AccountId = account.Id, Role = account.Role, DisplayName = account.DisplayName, CreatedByAccountId = createdBy, CreatedAt = now,
            ExpiresAt = now + OneTimeLink.ResetLifetime,
        }, secret);
    }

    public static LinkResponse ToResponse(this OneTimeLink link, string baseUrl, string secret) =>
        new(link.Id, link.Purpose, baseUrl + PathPrefix + secret, link.ExpiresAt);

    /// <summary>The page that hands an invitation over: its link once, and the same link as a QR code to print or show.</summary>
    public static RazorComponentResult<InvitationPrintPage> PrintPage(
        OneTimeLink link, string url, string organizationName, string? displayName, string? backHref = null) =>
        new(new
        {
            Url = url,
            QrDataUri = "data:image/png;base64," + Convert.ToBase64String(NangSuat.Trace.Labels.QrLabel.Encode(url).ToPng(6)),
            OrganizationName = organizationName,
            link.OrganizationId,
            BackHref = backHref,
            Who = displayName ?? Language.Pick("người được mời", "the person invited"),
            link.ExpiresAt,
        });
}
