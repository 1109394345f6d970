using NangSuat.Trace.Chain;

namespace NangSuat.Trace.Chain.Tests;

/// <summary>Each link of the chain, made to fail alone on a certificate whose every other link holds.</summary>
public sealed class CertificationChainTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Guid Holder = Guid.NewGuid();
    private static readonly ProductFacts Tea = new(Guid.NewGuid(), "Chè Shan tuyết", "crop", null);
    private static readonly AreaFacts Hill = new(Guid.NewGuid(), "Đồi chè Tân Lập", "SL-TL-001");

    private static DesignationFacts Decision(DateOnly? validTo = null, StandingHistory? standing = null, string[]? standards = null) =>
        new("1215/QĐ-TT-CLT", "Cục Trồng trọt", new(2024, 3, 28), standards ?? ["vietGap"], ["crop"], new(2024, 4, 1), validTo ?? new(2029, 3, 31), standing ?? StandingHistory.Always(Standing.Active));

    private static BodyFacts Body(DesignationFacts? designation = null, StandingHistory? standing = null) =>
        new("QUACERT", "VG-01", standing ?? StandingHistory.Always(Standing.Active), [designation ?? Decision()]);

    private static CertificateFacts Certificate(BodyFacts? body = null, bool noBody = false, StandingHistory? standing = null, Guid[]? products = null, Guid[]? areas = null,
        string standard = "vietGap", DateOnly? issued = null, int? stars = null, Guid? holder = null) =>
        new("VG-2025-0117", standard, holder ?? Holder, noBody ? null : body ?? Body(standard == "ocop" ? Decision(standards: ["ocop"]) : null), "Trung tâm X",
            issued ?? new(2025, 6, 1), new(2025, 6, 1), new(2028, 5, 31), standing ?? StandingHistory.Always(Standing.Active),
            products ?? [Tea.Id], [], areas ?? [Hill.Id], stars);

    private static LotFacts Lot(ProductFacts? product = null, AreaFacts? area = null, DateOnly? produced = null, bool noArea = false) =>
        new(Holder, product ?? Tea, noArea ? null : area ?? Hill, produced ?? new DateOnly(2026, 4, 10));

    private static void OnlyFails(string code, CertificateFacts certificate, LotFacts? lot, Outcome expected = Outcome.Fail)
    {
        var checks = CertificationChain.Check(certificate, lot, Today);
        Assert.Equal(CertificationChain.Codes, checks.Select(c => c.Code));
        var failing = checks.Where(c => c.Outcome is Outcome.Fail or Outcome.Warn).ToList();
        var only = Assert.Single(failing);
        Assert.Equal((code, expected), (only.Code, only.Outcome));
        Assert.False(string.IsNullOrWhiteSpace(only.Reason.Vi));
        Assert.False(string.IsNullOrWhiteSpace(only.Reason.En));
        Assert.False(CertificationChain.Verified(checks));
    }

    [Fact]
    public void A_certificate_whose_every_link_holds_is_verified_and_names_its_decision()
    {
        var checks = CertificationChain.Check(Certificate(), Lot(), Today);
        Assert.True(CertificationChain.Verified(checks), string.Join("; ", checks.Select(c => $"{c.Code} {c.Outcome} {c.Reason.En}")));
        Assert.Equal("1215/QĐ-TT-CLT", checks.Single(c => c.Code == CertificationChain.DesignatedOnIssue).Evidence);
    }

    [Fact]
    public void An_issuer_not_in_the_registry_fails_the_designation_and_leaves_its_force_unjudged()
    {
        var checks = CertificationChain.Check(Certificate(noBody: true), Lot(), Today);
        Assert.Equal(Outcome.Fail, checks.Single(c => c.Code == CertificationChain.DesignatedOnIssue).Outcome);
        Assert.Contains("not in the registry", checks.Single(c => c.Code == CertificationChain.DesignatedOnIssue).Reason.En);
        Assert.Equal(Outcome.NotApplicable, checks.Single(c => c.Code == CertificationChain.DesignationInForce).Outcome);
    }

    [Fact]
    public void Issued_before_its_body_was_designated_fails_designated_on_issue() =>
        OnlyFails(CertificationChain.DesignatedOnIssue, Certificate(issued: new DateOnly(2024, 3, 1)), Lot());

    [Fact]
    public void Issued_while_the_designation_was_suspended_fails_designated_on_issue() =>
        OnlyFails(CertificationChain.DesignatedOnIssue,
            Certificate(Body(Decision(standing: new StandingHistory(Standing.Active, [new(new(2025, 5, 1), Standing.Suspended), new(new(2025, 7, 1), Standing.Active)])))), Lot());

    [Fact]
    public void A_designation_lapsed_after_issue_is_a_warning_and_a_revoked_one_a_failure()
    {
        OnlyFails(CertificationChain.DesignationInForce, Certificate(Body(Decision(validTo: new DateOnly(2026, 1, 1)))), Lot(), Outcome.Warn);
        OnlyFails(CertificationChain.DesignationInForce,
            Certificate(Body(Decision(standing: new StandingHistory(Standing.Revoked, [new(new(2026, 9, 1), Standing.Revoked)])))), Lot());
    }

    [Fact]
    public void A_lot_produced_after_the_certificate_expired_fails_valid_on_harvest() =>
        OnlyFails(CertificationChain.ValidOnHarvest, Certificate(), Lot(produced: new DateOnly(2028, 6, 2)));

    [Fact]
    public void Another_product_fails_scope_covers_product() =>
        OnlyFails(CertificationChain.ScopeCoversProduct, Certificate(), Lot(product: new ProductFacts(Guid.NewGuid(), "Mận hậu", "crop", null)));

    [Fact]
    public void Another_area_fails_scope_covers_area() =>
        OnlyFails(CertificationChain.ScopeCoversArea, Certificate(), Lot(area: new AreaFacts(Guid.NewGuid(), "Bản Áng", "SL-BA-002")));

    [Fact]
    public void Suspended_on_the_harvest_date_though_active_today_fails_not_suspended_or_revoked()
    {
        var history = new StandingHistory(Standing.Active, [new(new(2026, 4, 1), Standing.Suspended), new(new(2026, 5, 1), Standing.Active)]);
        OnlyFails(CertificationChain.NotSuspendedOrRevoked, Certificate(standing: history), Lot());
        OnlyFails(CertificationChain.NotSuspendedOrRevoked, Certificate(standing: new StandingHistory(Standing.Revoked, [new(Today, Standing.Revoked)])), Lot());
    }

    [Fact]
    public void An_ocop_rating_older_than_36_months_or_with_other_stars_fails_ocop_rating()
    {
        var rated = Tea with { OcopStars = 4 };
        var current = CertificationChain.Check(Certificate(standard: "ocop", stars: 4, issued: new DateOnly(2025, 6, 1)), Lot(product: rated), Today);
        Assert.True(CertificationChain.Verified(current), string.Join("; ", current.Select(c => $"{c.Code} {c.Outcome}")));
        OnlyFails(CertificationChain.OcopRating, Certificate(standard: "ocop", stars: 3), Lot(product: rated));
        var old = Certificate(standard: "ocop", stars: 4) with { IssuedOn = new DateOnly(2023, 6, 1), ValidFrom = new DateOnly(2023, 6, 1) };
        OnlyFails(CertificationChain.OcopRating, old with { Body = Body(Decision(standards: ["ocop"]) with { ValidFrom = new DateOnly(2023, 1, 1) }) }, Lot(product: rated, produced: new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void A_growing_area_without_its_code_fails_area_code_under_vietgap()
    {
        OnlyFails(CertificationChain.AreaCode, Certificate(), Lot(area: Hill with { AreaCode = null }));
        var processed = CertificationChain.Check(Certificate(standard: "haccp", body: Body(Decision(standards: ["haccp"]))), Lot(area: Hill with { AreaCode = null }), Today);
        Assert.Equal(Outcome.NotApplicable, processed.Single(c => c.Code == CertificationChain.AreaCode).Outcome);
    }

    [Fact]
    public void A_certificate_checked_alone_leaves_the_lots_links_unjudged()
    {
        var checks = CertificationChain.Check(Certificate(), null, Today);
        Assert.All(checks.Where(c => c.Code is CertificationChain.ValidOnHarvest or CertificationChain.ScopeCoversProduct or CertificationChain.ScopeCoversArea or CertificationChain.AreaCode),
            c => Assert.Equal(Outcome.NotApplicable, c.Outcome));
        Assert.True(CertificationChain.Verified(checks));
    }
}
