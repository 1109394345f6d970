using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Gs1;

namespace NangSuat.Trace.Api.Organizations;

/// <summary>What an organization must be, for the API and the portal's form alike.</summary>
public static class OrganizationRules
{
    /// <summary>Fills in the organization when every field is valid.</summary>
    public static bool Apply(OrganizationRequest request, Organization organization, DateTimeOffset now, FieldErrors errors)
    {
        var name = errors.Required("name", request.Name);
        var taxCode = errors.Required("taxCode", request.TaxCode, 14);
        if (taxCode.Length > 0 && !errors.Has("taxCode") && TaxCode.Problem(taxCode) is { } taxProblem)
        {
            errors.Add("taxCode", taxProblem.Vietnamese, taxProblem.English);
        }

        var kind = errors.OneOf<OrganizationKind>("kind", request.Kind);
        var prefix = request.Gs1CompanyPrefix is { Length: > 0 } ? errors.Gs1("gs1CompanyPrefix", Gs1Keys.CompanyPrefix(request.Gs1CompanyPrefix)) : null;
        var gln = request.Gln is { Length: > 0 } ? errors.Gs1("gln", Gs1Keys.Gln(request.Gln)) : null;
        if (request.Address is null)
        {
            errors.Add("address", "bắt buộc phải có địa chỉ (street, commune, province)", "an address (street, commune, province) is required");
        }

        var street = errors.Optional("address.street", request.Address?.Street);
        var commune = request.Address is null ? "" : errors.Required("address.commune", request.Address.Commune, 100);
        var province = request.Address is null ? "" : errors.Province("address.province", request.Address.Province);
        var (phone, email) = Contact(request.Contact, errors);

        if (errors.Any)
        {
            return false;
        }

        (organization.Name, organization.TaxCode, organization.Kind, organization.Gs1CompanyPrefix, organization.Gln) = (name, taxCode, kind!.Value, prefix, gln);
        (organization.Street, organization.Commune, organization.Province) = (street, commune, province);
        (organization.ContactPhone, organization.ContactEmail, organization.UpdatedAt) = (phone, email, now);
        return true;
    }

    /// <summary>A contact's phone and email, each optional, the email a real address: for organizations and certification bodies alike.</summary>
    public static (string? Phone, string? Email) Contact(ContactDto? contact, FieldErrors errors)
    {
        var phone = errors.Optional("contact.phone", contact?.Phone, 30);
        var email = errors.Optional("contact.email", contact?.Email, 200);
        if (email is not null && !errors.Has("contact.email") && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add("contact.email", "không phải địa chỉ email hợp lệ", "is not a valid email address");
        }

        return (phone, email);
    }

    public const int MaxReasonLength = 500;

    public enum StatusOutcome
    {
        Changed,
        Invalid,
        AlreadyInStatus,
        OwnOrganization,
    }

    /// <summary>
    /// Suspends an organization or reinstates it, with a reason either way. An administrator never
    /// suspends the organization they sign in for: that would lock out the one who can undo it.
    /// </summary>
    public static StatusOutcome ChangeStatus(StatusRequest request, Organization organization, Guid? callerOrganization, DateTimeOffset now, FieldErrors errors)
    {
        var status = errors.OneOf<OrganizationStatus>("status", request.Status);
        var reason = errors.Required("reason", request.Reason, MaxReasonLength);
        if (errors.Any)
        {
            return StatusOutcome.Invalid;
        }

        var suspend = status == OrganizationStatus.Suspended;
        if (suspend == organization.IsSuspended)
        {
            return StatusOutcome.AlreadyInStatus;
        }

        if (suspend && organization.Id == callerOrganization)
        {
            return StatusOutcome.OwnOrganization;
        }

        organization.SuspendedAt = suspend ? now : null;
        organization.StatusReason = reason;
        organization.UpdatedAt = now;
        return StatusOutcome.Changed;
    }
}

public enum OrganizationStatus
{
    Active,
    Suspended,
}
