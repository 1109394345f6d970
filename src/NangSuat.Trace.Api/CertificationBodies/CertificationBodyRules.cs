using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Organizations;

namespace NangSuat.Trace.Api.CertificationBodies;

public sealed record CertificationBodyRequest(string? Name, string? Code, string? TaxCode, JsonElement? Address, ContactDto? Contact);

public sealed record DesignationRequest(
    string? Authority, string? DecisionNumber, DateOnly? DecisionDate, List<string>? Standards, List<string>? Scopes, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>A body or a designation: what a change of status acts on.</summary>
public interface IRegistryStanding
{
    Guid Id { get; }
    RegistryStatus Status { get; set; }
    string? StatusReason { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What a certification body and a designation must be, and how their status changes: for the API, the portal's forms and the CSV import alike.</summary>
public static class CertificationBodyRules
{
    public const int MaxReasonLength = 1000;

    public static bool Apply(CertificationBodyRequest request, CertificationBody body, DateTimeOffset now, FieldErrors errors)
    {
        var name = errors.Required("name", request.Name);
        var code = errors.Required("code", request.Code, 50);
        var taxCode = errors.Required("taxCode", request.TaxCode, 14);
        if (taxCode.Length > 0 && !errors.Has("taxCode") && TaxCode.Problem(taxCode) is { } taxProblem)
        {
            errors.Add("taxCode", taxProblem.Vietnamese, taxProblem.English);
        }

        var address = Address(request.Address, errors);
        var (phone, email) = OrganizationRules.Contact(request.Contact, errors);

        if (errors.Any)
        {
            return false;
        }

        (body.Name, body.Code, body.TaxCode, body.Address) = (name, code, taxCode, address!);
        (body.ContactPhone, body.ContactEmail, body.UpdatedAt) = (phone, email, now);
        return true;
    }

    public static bool Apply(DesignationRequest request, Designation designation, DateTimeOffset now, FieldErrors errors)
    {
        var authority = errors.Required("authority", request.Authority);
        var decisionNumber = errors.Required("decisionNumber", request.DecisionNumber, 100);
        if (request.DecisionDate is null)
        {
            errors.Add("decisionDate", "bắt buộc phải có (yyyy-MM-dd)", "is required (yyyy-MM-dd)");
        }

        var standards = Names<CertificateType>("standards", request.Standards, errors);
        var scopes = Names<ProductGroup>("scopes", request.Scopes, errors);
        if (request.ValidFrom is null)
        {
            errors.Add("validFrom", "bắt buộc phải có (yyyy-MM-dd)", "is required (yyyy-MM-dd)");
        }
        else if (request.ValidTo is { } to && to < request.ValidFrom)
        {
            errors.Add("validTo", "ngày hết hạn phải sau ngày bắt đầu hiệu lực", "must not be before validFrom");
        }

        if (errors.Any)
        {
            return false;
        }

        (designation.Authority, designation.DecisionNumber, designation.DecisionDate) = (authority, decisionNumber, request.DecisionDate!.Value);
        (designation.Standards, designation.Scopes) = (standards, scopes);
        (designation.ValidFrom, designation.ValidTo, designation.UpdatedAt) = (request.ValidFrom!.Value, request.ValidTo, now);
        return true;
    }


    /// <summary>Whether another body holds this code, in any case: "vicb-01" is VICB-01.</summary>
    public static Task<bool> CodeTakenAsync(Data.TraceDb db, CertificationBody body, CancellationToken cancellationToken)
    {
        var code = body.Code.ToUpperInvariant();
        return db.CertificationBodies.AnyAsync(b => b.Code.ToUpper() == code && b.Id != body.Id, cancellationToken);
    }

    /// <summary>Suspends, revokes or reinstates a body or a designation with its reason; the change to keep in the history when it is made.</summary>
    public static (StatusOutcome Outcome, RegistryStatusChange? Change) ChangeStatus(
        StatusRequest request, IRegistryStanding subject, Guid? byOrganization, Guid? byAccount, DateTimeOffset now, FieldErrors errors)
    {
        var status = errors.OneOf<RegistryStatus>("status", request.Status);
        var reason = errors.Required("reason", request.Reason, MaxReasonLength);
        if (errors.Any)
        {
            return (StatusOutcome.Invalid, null);
        }

        if (subject.Status == status)
        {
            return (StatusOutcome.AlreadyInStatus, null);
        }

        if (subject.Status == RegistryStatus.Revoked)
        {
            return (StatusOutcome.RevokedIsFinal, null);
        }

        var change = new RegistryStatusChange
        {
            Id = Guid.CreateVersion7(now), SubjectId = subject.Id, From = subject.Status, To = status!.Value, Reason = reason,
            ChangedByOrganizationId = byOrganization, ChangedByAccountId = byAccount, ChangedAt = now,
        };
        (subject.Status, subject.StatusReason, subject.UpdatedAt) = (status.Value, reason, now);
        return (StatusOutcome.Changed, change);
    }

    public static string Display(this RegistryStatus status, string language) => (status, language) switch
    {
        (RegistryStatus.Active, "en") => "active",
        (RegistryStatus.Suspended, "en") => "suspended",
        (RegistryStatus.Revoked, "en") => "revoked",
        (RegistryStatus.Active, _) => "đang hoạt động",
        (RegistryStatus.Suspended, _) => "bị đình chỉ",
        _ => "bị thu hồi",
    };

    public static string Display(this ProductGroup group, string language) => (group, language) switch
    {
        (ProductGroup.Crop, "en") => "crops",
        (ProductGroup.Livestock, "en") => "livestock",
        (ProductGroup.Aquaculture, "en") => "aquaculture",
        (ProductGroup.ProcessedFood, "en") => "processed food",
        (ProductGroup.Beverage, "en") => "beverages",
        (ProductGroup.Herbal, "en") => "herbal products",
        (ProductGroup.Textile, "en") => "textiles and garments",
        (ProductGroup.Handicraft, "en") => "handicrafts",
        (ProductGroup.Tourism, "en") => "rural tourism",
        (ProductGroup.Other, "en") => "other",
        (ProductGroup.Crop, _) => "trồng trọt",
        (ProductGroup.Livestock, _) => "chăn nuôi",
        (ProductGroup.Aquaculture, _) => "thủy sản",
        (ProductGroup.ProcessedFood, _) => "thực phẩm chế biến",
        (ProductGroup.Beverage, _) => "đồ uống",
        (ProductGroup.Herbal, _) => "thảo dược",
        (ProductGroup.Textile, _) => "vải, may mặc",
        (ProductGroup.Handicraft, _) => "thủ công mỹ nghệ",
        (ProductGroup.Tourism, _) => "du lịch nông thôn",
        _ => "khác",
    };

    /// <summary>A body's address as text, or as the {street, commune, province} an organization's takes, joined.</summary>
    private static string? Address(JsonElement? given, FieldErrors errors)
    {
        string? text = given switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Object } o => string.Join(", ", new[] { "street", "commune", "province" }
                .Select(part => o.TryGetProperty(part, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null)
                .Where(part => !string.IsNullOrEmpty(part))),
            null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            _ => "\0", // neither text nor an address object: refused below with the reason
        };
        if (text == "\0")
        {
            errors.Add("address", "phải là một dòng địa chỉ hoặc {street, commune, province}", "must be one line of text or {street, commune, province}");
            return null;
        }

        return errors.Required("address", text, 300);
    }

    /// <summary>A non-empty list of names of <typeparamref name="TEnum"/>, each once, in their API spelling.</summary>
    private static List<string> Names<TEnum>(string field, List<string>? given, FieldErrors errors) where TEnum : struct, Enum
    {
        var allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(Json.CamelCase));
        if (given is not { Count: > 0 })
        {
            errors.Add(field, $"cần ít nhất một, trong số: {allowed}", $"needs at least one of: {allowed}");
            return [];
        }

        var names = new List<string>();
        for (var i = 0; i < given.Count; i++)
        {
            if (errors.OneOf<TEnum>($"{field}[{i}]", given[i]) is { } value && !names.Contains(Json.CamelCase(value.ToString())))
            {
                names.Add(Json.CamelCase(value.ToString()));
            }
        }

        return names;
    }
}
