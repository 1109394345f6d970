using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.CertificationBodies;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Lots;
using NangSuat.Trace.Chain;

namespace NangSuat.Trace.Api.Certificates;

public sealed record VerificationReason(string Vi, string En);

public sealed record VerificationCheck(string Code, Outcome Outcome, VerificationReason Reason, string? Evidence, Guid CertificateId);

public sealed record VerifiedCertificate(Guid Id, string Number, CertificateType Standard, string Issuer, bool IssuerInRegistry, bool Verified);

/// <summary>Where the record's last change sits in the transparency log: its entry, and the first signed checkpoint that covers it (null until one does).</summary>
public sealed record LogRecordResponse(string Entity, Guid EntityId, DateTimeOffset At, string Action, long? LogIndex, long? CheckpointSize);

public sealed record PublicVerdict(bool Verified, IReadOnlyList<VerificationReason> Reasons);

public sealed record VerificationResponse(bool Verified, IReadOnlyList<VerificationCheck> Checks, IReadOnlyList<VerifiedCertificate> Certificates, LogRecordResponse? Recorded);

/// <summary>
/// The chain behind a certificate, and behind every certificate a lot shows: each link checked
/// (<see cref="CertificationChain"/>) from the registry's records as they stand and as they stood.
/// </summary>
public static class CertificateVerification
{
    public static void MapCertificateVerification(this IEndpointRouteBuilder routes)
    {
        var certificates = routes.MapGroup("/api/v1/certificates").WithTags("Certificates").RequireAuthorization(Roles.AnyReader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        var lots = routes.MapGroup("/api/v1/lots").WithTags("Lots").RequireAuthorization(Roles.AnyReader)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        certificates.MapGet("/{id:guid}/verification", VerifyCertificate).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("VerifyCertificate").WithSummary("Every link of the certificate's chain: body, designation, status, OCOP rating, each pass, warn, fail or notApplicable, with its reason");
        certificates.MapPost("/{id:guid}/body", LinkBody).RequireAuthorization(Roles.Oversight)
            .ProducesProblem(StatusCodes.Status404NotFound).WithName("LinkCertificateBody")
            .WithSummary("Link a certificate whose issuer was typed as text to its body in the registry (inspectors)");
        lots.MapGet("/{id:guid}/verification", VerifyLot).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("VerifyLot").WithSummary("The chain of every certificate the lot's page shows, checked against the lot's product, area and production date");
    }

    public sealed record LinkBodyRequest(Guid? BodyId);

    private static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> VerifyCertificate(
        Guid id, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking().Include(c => c.History).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null || !caller.CanSee(certificate.OrganizationId))
        {
            return Problems.NotFound(RecordKind.Certificate, id);
        }

        var answer = await VerifyAsync(db, [certificate], null, clock.TodayInVietnam(), cancellationToken);
        return TypedResults.Ok(answer with { Recorded = await RecordedAsync(db, "certificate", id, cancellationToken) });
    }

    private static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> VerifyLot(
        Guid id, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lot = await db.Lots.AsNoTracking().Include(l => l.Product).Include(l => l.ProductionArea).FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lot is null || !caller.CanSee(lot.OrganizationId))
        {
            return Problems.NotFound(RecordKind.Lot, id);
        }

        var certificates = await ForLotAsync(db, lot, cancellationToken);
        var answer = await VerifyAsync(db, certificates, Facts(lot), clock.TodayInVietnam(), cancellationToken);
        return TypedResults.Ok(answer with { Recorded = await RecordedAsync(db, "lot", id, cancellationToken) });
    }

    private static async Task<Results<Ok<CertificateResponse>, ValidationProblem, ProblemHttpResult>> LinkBody(
        Guid id, LinkBodyRequest request, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.Include(c => c.History).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return Problems.NotFound(RecordKind.Certificate, id);
        }

        var errors = new FieldErrors();
        if (request.BodyId is not { } bodyId || !await db.CertificationBodies.AnyAsync(b => b.Id == bodyId, cancellationToken))
        {
            errors.Add("bodyId", "chọn một tổ chức chứng nhận có trong danh sách", "choose a certification body from the registry");
            return errors.Problem();
        }

        (certificate.BodyId, certificate.UpdatedAt) = (bodyId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(certificate.ToResponse(clock));
    }

    /// <summary>The certificates a lot's page shows: its holder's, for the whole organization or naming the lot's product, its group or its area.</summary>
    public static async Task<List<Certificate>> ForLotAsync(TraceDb db, Lot lot, CancellationToken cancellationToken)
    {
        var held = await db.Certificates.AsNoTracking().Include(c => c.History).Where(c => c.OrganizationId == lot.OrganizationId).ToListAsync(cancellationToken);
        return [.. held.Where(c => c.AppliesTo(lot.ProductId, lot.Product?.Group, lot.ProductionAreaId))];
    }

    /// <summary>Checks each certificate; verified when there is at least one and every link of every one holds.</summary>
    public static async Task<VerificationResponse> VerifyAsync(TraceDb db, IReadOnlyList<Certificate> certificates, LotFacts? lot, DateOnly today, CancellationToken cancellationToken)
    {
        var facts = await FactsAsync(db, certificates, cancellationToken);
        var checks = new List<VerificationCheck>();
        var verified = new List<VerifiedCertificate>();
        foreach (var certificate in certificates)
        {
            var chain = CertificationChain.Check(facts[certificate.Id], lot, today);
            checks.AddRange(chain.Select(c => new VerificationCheck(c.Code, c.Outcome, new VerificationReason(c.Reason.Vi, c.Reason.En), c.Evidence, certificate.Id)));
            verified.Add(new VerifiedCertificate(certificate.Id, certificate.Number, certificate.Type, certificate.Issuer, certificate.BodyId is not null, CertificationChain.Verified(chain)));
        }

        return new VerificationResponse(verified.Count > 0 && verified.All(v => v.Verified), checks, verified, null);
    }

    /// <summary>What a consumer is told of each certificate: verified or not, and the reasons of every link that does not hold.</summary>
    public static async Task<Dictionary<Guid, PublicVerdict>> VerdictsAsync(TraceDb db, IReadOnlyList<Certificate> certificates, LotFacts? lot, DateOnly today, CancellationToken cancellationToken)
    {
        if (certificates.Count == 0)
        {
            return [];
        }

        var facts = await FactsAsync(db, certificates, cancellationToken);
        return certificates.ToDictionary(c => c.Id, c =>
        {
            var chain = CertificationChain.Check(facts[c.Id], lot, today);
            return new PublicVerdict(CertificationChain.Verified(chain),
                [.. chain.Where(k => k.Outcome is Outcome.Fail or Outcome.Warn).Select(k => new VerificationReason(k.Reason.Vi, k.Reason.En))]);
        });
    }

    /// <summary>The facts of a lot for the chain, read with its product and area.</summary>
    public static async Task<LotFacts?> LotFactsAsync(TraceDb db, Guid lotId, CancellationToken cancellationToken) =>
        await db.Lots.AsNoTracking().Include(l => l.Product).Include(l => l.ProductionArea).FirstOrDefaultAsync(l => l.Id == lotId, cancellationToken) is { } lot ? Facts(lot) : null;

    public static LotFacts Facts(Lot lot) => new(lot.OrganizationId,
        new ProductFacts(lot.ProductId, lot.Product?.NameVi ?? "", lot.Product?.Group, lot.Product?.OcopStars),
        lot.ProductionArea is { } area ? new AreaFacts(area.Id, area.Name, area.AreaCode) : null,
        lot.ProductionDate ?? lot.PackingDate);

    /// <summary>What the chain needs of each certificate: its body with every designation, and the status histories of all three, read in three queries.</summary>
    private static async Task<Dictionary<Guid, CertificateFacts>> FactsAsync(TraceDb db, IReadOnlyList<Certificate> certificates, CancellationToken cancellationToken)
    {
        var bodyIds = certificates.Select(c => c.BodyId).OfType<Guid>().Distinct().ToList();
        var bodies = await db.CertificationBodies.AsNoTracking().Include(b => b.Designations).Where(b => bodyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var subjects = bodies.Values.SelectMany(b => b.Designations.Select(d => d.Id).Append(b.Id)).ToList();
        var history = (await db.RegistryStatusChanges.AsNoTracking().Where(h => subjects.Contains(h.SubjectId)).ToListAsync(cancellationToken)).ToLookup(h => h.SubjectId);
        var productIds = certificates.SelectMany(c => c.ProductsInScope).Distinct().ToList();
        var groups = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id) && p.Group != null).ToDictionaryAsync(p => p.Id, p => p.Group!, cancellationToken);

        StandingHistory Registry(Guid subject, RegistryStatus now) =>
            new((Standing)(int)now, [.. history[subject].OrderBy(h => h.ChangedAt).Select(h => new StandingChange(h.ChangedAt.DateInVietnam(), (Standing)(int)h.To))]);

        BodyFacts? Body(Guid? id) => id is { } known && bodies.TryGetValue(known, out var b)
            ? new BodyFacts(b.Name, b.Code, Registry(b.Id, b.Status),
                [.. b.Designations.Select(d => new DesignationFacts(d.DecisionNumber, d.Authority, d.DecisionDate, d.Standards, d.Scopes, d.ValidFrom, d.ValidTo, Registry(d.Id, d.Status)))])
            : null;

        return certificates.ToDictionary(c => c.Id, c => new CertificateFacts(
            c.Number, Json.CamelCase(c.Type.ToString()), c.OrganizationId, Body(c.BodyId), c.Issuer, c.IssuedOnOrFrom, c.ValidFrom, c.ValidTo,
            new StandingHistory((Standing)(int)c.Status, [.. c.History.OrderBy(h => h.ChangedAt).Select(h => new StandingChange(h.ChangedAt.DateInVietnam(), (Standing)(int)h.To))]),
            c.ProductsInScope, c.ScopeProductGroups, c.AreasInScope, c.OcopStars,
            [.. c.ProductsInScope.Select(p => groups.GetValueOrDefault(p)).OfType<string>()]));
    }

    /// <summary>The record's newest audit entry, its place in the transparency log, and the first checkpoint that signed it.</summary>
    private static async Task<LogRecordResponse?> RecordedAsync(TraceDb db, string entity, Guid id, CancellationToken cancellationToken)
    {
        var last = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == entity && a.EntityId == id).OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return null;
        }

        long? checkpoint = last.LogIndex is { } index
            ? await db.LogCheckpoints.AsNoTracking().Where(c => c.Size > index).OrderBy(c => c.Size).Select(c => (long?)c.Size).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new LogRecordResponse(entity, id, last.At, last.Action, last.LogIndex, checkpoint);
    }
}
