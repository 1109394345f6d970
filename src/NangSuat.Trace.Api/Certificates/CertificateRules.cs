using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Certificates;

/// <summary>What a certificate must be and how its status changes, for the API and the portal's forms alike.</summary>
public static class CertificateRules
{
    /// <summary>Fills in the certificate's details when every field is valid; its status is the inspectors' (see <see cref="ChangeStatus"/>).</summary>
    public static async Task<bool> ApplyAsync(
        CertificateRequest request, Certificate certificate, TraceDb db, DateTimeOffset now, FieldErrors errors, CancellationToken cancellationToken)
    {
        var type = errors.OneOf<CertificateType>(request.Standard is not null ? "standard" : "type", request.Standard ?? request.Type);
        var number = errors.Required("number", request.Number, 100);
        string issuer;
        if (request.BodyId is { } bodyId)
        {
            // The registry's body is the issuer; the text is its name, so the certificate reads the same everywhere it is shown.
            var body = await db.CertificationBodies.AsNoTracking().Where(b => b.Id == bodyId).Select(b => b.Name).FirstOrDefaultAsync(cancellationToken);
            if (body is null)
            {
                errors.Add("bodyId", "không có tổ chức chứng nhận này trong danh sách", "there is no such certification body in the registry");
            }

            issuer = body ?? "";
        }
        else
        {
            issuer = errors.Required("issuer", request.Issuer);
        }

        if (request.ValidFrom is null)
        {
            errors.Add("validFrom", "bắt buộc phải có (yyyy-MM-dd)", "is required (yyyy-MM-dd)");
        }

        if (request.ValidTo is null)
        {
            errors.Add("validTo", "bắt buộc phải có (yyyy-MM-dd)", "is required (yyyy-MM-dd)");
        }
        else if (request.ValidFrom is { } from && request.ValidTo < from)
        {
            errors.Add("validTo", "ngày hết hạn phải sau ngày bắt đầu hiệu lực", "must not be before validFrom");
        }

        if (request.IssuedOn is { } issued && request.ValidTo is { } until && issued > until)
        {
            errors.Add("issuedOn", "ngày cấp phải trước ngày hết hạn", "must not be after validTo");
        }

        if (request.OcopStars is { } stars && stars is < 3 or > 5)
        {
            errors.Add("ocopStars", "hạng sao OCOP chỉ có 3, 4 hoặc 5 sao", "an OCOP rating is 3, 4 or 5 stars");
        }

        if (request.ProductId is not null && request.ProductionAreaId is not null)
        {
            errors.Add("productId", "chỉ chọn một đối tượng: sản phẩm, vùng sản xuất, hoặc không chọn (cả tổ chức)",
                "give one subject only: productId, productionAreaId, or neither for the whole organization");
        }
        else if (request.ProductId is { } productId
            && !await db.Products.AnyAsync(p => p.Id == productId && p.OrganizationId == certificate.OrganizationId, cancellationToken))
        {
            errors.Add("productId", "tổ chức của bạn không có sản phẩm này", "your organization has no such product");
        }
        else if (request.ProductionAreaId is { } areaId
            && !await db.ProductionAreas.AnyAsync(a => a.Id == areaId && a.OrganizationId == certificate.OrganizationId, cancellationToken))
        {
            errors.Add("productionAreaId", "tổ chức của bạn không có vùng sản xuất này", "your organization has no such production area");
        }

        var scopeProducts = await OwnAsync(db.Products.Where(p => p.OrganizationId == certificate.OrganizationId).Select(p => p.Id), "scope.productIds", request.Scope?.ProductIds,
            "tổ chức của bạn không có sản phẩm này", "your organization has no such product", errors, cancellationToken);
        var scopeAreas = await OwnAsync(db.ProductionAreas.Where(a => a.OrganizationId == certificate.OrganizationId).Select(a => a.Id), "scope.productionAreaIds", request.Scope?.ProductionAreaIds,
            "tổ chức của bạn không có vùng sản xuất này", "your organization has no such production area", errors, cancellationToken);
        var scopeGroups = new List<string>();
        foreach (var (group, i) in (request.Scope?.ProductGroups ?? []).Select((g, i) => (g, i)))
        {
            if (errors.OneOf<CertificationBodies.ProductGroup>($"scope.productGroups[{i}]", group) is { } known && !scopeGroups.Contains(Json.CamelCase(known.ToString())))
            {
                scopeGroups.Add(Json.CamelCase(known.ToString()));
            }
        }

        if (errors.Any)
        {
            return false;
        }

        (certificate.Type, certificate.Number, certificate.Issuer) = (type!.Value, number, issuer);
        (certificate.ValidFrom, certificate.ValidTo, certificate.UpdatedAt) = (request.ValidFrom!.Value, request.ValidTo!.Value, now);
        (certificate.ProductId, certificate.ProductionAreaId) = (request.ProductId, request.ProductionAreaId);
        (certificate.BodyId, certificate.IssuedOn, certificate.OcopStars) = (request.BodyId, request.IssuedOn, request.OcopStars);
        (certificate.ScopeProductIds, certificate.ScopeProductGroups, certificate.ScopeAreaIds) = (scopeProducts, scopeGroups, scopeAreas);
        return true;
    }

    private const int MaxScopeItems = 200;

    /// <summary>The ids given, each once, when every one is the organization's; the first stranger named by its place in the list.</summary>
    private static async Task<List<Guid>> OwnAsync(
        IQueryable<Guid> own, string field, List<Guid>? given, string vietnamese, string english, FieldErrors errors, CancellationToken cancellationToken)
    {
        var ids = (given ?? []).Distinct().ToList();
        if (ids.Count > MaxScopeItems)
        {
            errors.Add(field, $"tối đa {MaxScopeItems} mục", $"at most {MaxScopeItems} items");
            return [];
        }

        if (ids.Count == 0)
        {
            return ids;
        }

        var found = await own.Where(id => ids.Contains(id)).ToListAsync(cancellationToken);
        foreach (var (id, i) in (given ?? []).Select((id, i) => (id, i)).Where(x => !found.Contains(x.id)))
        {
            errors.Add($"{field}[{i}]", vietnamese, english);
        }

        return ids;
    }


    /// <summary>Suspends, revokes or reinstates the certificate with the inspector's reason, kept in its history.</summary>
    public static StatusOutcome ChangeStatus(StatusRequest request, Certificate certificate, Guid? inspectorOrganization, DateTimeOffset now, FieldErrors errors)
    {
        var status = errors.OneOf<CertificateStatus>("status", request.Status);
        var reason = errors.Required("reason", request.Reason, 1000);
        if (errors.Any)
        {
            return StatusOutcome.Invalid;
        }

        if (certificate.Status == status)
        {
            return StatusOutcome.AlreadyInStatus;
        }

        if (certificate.Status == CertificateStatus.Revoked)
        {
            return StatusOutcome.RevokedIsFinal;
        }

        certificate.History.Add(new CertificateStatusChange
        {
            Id = Guid.CreateVersion7(now), CertificateId = certificate.Id, From = certificate.Status, To = status!.Value,
            Reason = reason, ChangedByOrganizationId = inspectorOrganization, ChangedAt = now,
        });
        (certificate.Status, certificate.StatusReason, certificate.UpdatedAt) = (status.Value, reason, now);
        return StatusOutcome.Changed;
    }
}
