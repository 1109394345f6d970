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
        var type = errors.OneOf<CertificateType>("type", request.Type);
        var number = errors.Required("number", request.Number, 100);
        var issuer = errors.Required("issuer", request.Issuer);
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

        if (errors.Any)
        {
            return false;
        }

        (certificate.Type, certificate.Number, certificate.Issuer) = (type!.Value, number, issuer);
        (certificate.ValidFrom, certificate.ValidTo, certificate.UpdatedAt) = (request.ValidFrom!.Value, request.ValidTo!.Value, now);
        (certificate.ProductId, certificate.ProductionAreaId) = (request.ProductId, request.ProductionAreaId);
        return true;
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
