namespace NangSuat.Trace.Chain;

/// <summary>Active, suspended or revoked: the standing of a certificate, a body or a designation.</summary>
public enum Standing
{
    Active,
    Suspended,
    Revoked,
}

/// <summary>A change of standing on a day, as a status history keeps it.</summary>
public sealed record StandingChange(DateOnly On, Standing To);

/// <summary>A record whose standing changes over time: what it is now, and what it was on any past day.</summary>
public sealed record StandingHistory(Standing Now, IReadOnlyList<StandingChange> Changes)
{
    public static StandingHistory Always(Standing standing) => new(standing, []);

    /// <summary>The standing at the end of <paramref name="day"/>: the last change on or before it, or what the first change left (active before any).</summary>
    public Standing On(DateOnly day) =>
        Changes.Where(c => c.On <= day).OrderBy(c => c.On).LastOrDefault() is { } last ? last.To
        : Changes.Count > 0 ? Standing.Active : Now;
}

public sealed record BodyFacts(string Name, string Code, StandingHistory Standing, IReadOnlyList<DesignationFacts> Designations);

public sealed record DesignationFacts(
    string DecisionNumber, string Authority, DateOnly DecisionDate, IReadOnlyList<string> Standards, IReadOnlyList<string> Scopes,
    DateOnly ValidFrom, DateOnly? ValidTo, StandingHistory Standing)
{
    public bool InForceOn(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}

/// <summary>
/// A certificate as the chain reads it. <see cref="Standard"/> and the scope lists use the API's names
/// (vietGap, ocop…; crop, livestock…). An empty scope covers the whole organization.
/// </summary>
public sealed record CertificateFacts(
    string Number, string Standard, Guid HolderId, BodyFacts? Body, string IssuerAsTyped, DateOnly IssuedOn, DateOnly ValidFrom, DateOnly ValidTo,
    StandingHistory Standing, IReadOnlyList<Guid> ProductIds, IReadOnlyList<string> ProductGroups, IReadOnlyList<Guid> AreaIds, int? OcopStars,
    IReadOnlyList<string>? SubjectGroups = null)
{
    /// <summary>The product groups a designation must cover for this certificate: those its scope names, and those of the products it names.</summary>
    public IEnumerable<string> GroupsToDesignate => ProductGroups.Concat(SubjectGroups ?? []).Distinct();

    public bool CoversWholeOrganization => ProductIds.Count == 0 && ProductGroups.Count == 0 && AreaIds.Count == 0;
}

public sealed record ProductFacts(Guid Id, string Name, string? Group, int? OcopStars);

public sealed record AreaFacts(Guid Id, string Name, string? AreaCode);

/// <summary>A lot: its holder, its product, where it was grown or made and when (production or harvest).</summary>
public sealed record LotFacts(Guid OrganizationId, ProductFacts Product, AreaFacts? Area, DateOnly? ProducedOn);
