namespace NangSuat.Trace.Chain;

public enum Outcome
{
    Pass,
    Warn,
    Fail,
    NotApplicable,
}

/// <summary>A check's reason in both languages, and the evidence it used (a decision number, a date), for people and for programs.</summary>
public sealed record Reason(string Vi, string En);

public sealed record ChainCheck(string Code, Outcome Outcome, Reason Reason, string? Evidence = null);

/// <summary>
/// Whether a certificate's claim holds, link by link: the body that issued it was designated for this
/// standard and scope on the issue date; that designation still stands; the certificate was valid when
/// the lot was produced, covers its product and area, was not suspended or revoked then or now; an OCOP
/// rating is within its 36 months and matches the stars claimed; and the area has the code the standard
/// needs. Each check says pass, warn, fail or not applicable, and why, in Vietnamese and English.
/// </summary>
public static class CertificationChain
{
    public const string DesignatedOnIssue = "designatedOnIssue";
    public const string DesignationInForce = "designationInForce";
    public const string ValidOnHarvest = "validOnHarvest";
    public const string ScopeCoversProduct = "scopeCoversProduct";
    public const string ScopeCoversArea = "scopeCoversArea";
    public const string NotSuspendedOrRevoked = "notSuspendedOrRevoked";
    public const string OcopRating = "ocopRating";
    public const string AreaCode = "areaCode";

    public static readonly IReadOnlyList<string> Codes =
        [DesignatedOnIssue, DesignationInForce, ValidOnHarvest, ScopeCoversProduct, ScopeCoversArea, NotSuspendedOrRevoked, OcopRating, AreaCode];

    /// <summary>An OCOP rating stands for 36 months from its decision.</summary>
    public const int OcopMonths = 36;

    /// <summary>Standards under which a crop's growing area must carry its code (mã số vùng trồng) to be traced.</summary>
    private static readonly HashSet<string> AreaCodeStandards = ["vietGap", "globalGap", "organic"];

    /// <summary>Every check of one certificate, for one lot (or for the certificate alone when <paramref name="lot"/> is null).</summary>
    public static IReadOnlyList<ChainCheck> Check(CertificateFacts certificate, LotFacts? lot, DateOnly today)
    {
        var designation = Designation(certificate);
        return
        [
            Designated(certificate, designation),
            InForce(certificate, designation, today),
            ValidOn(certificate, lot),
            CoversProduct(certificate, lot),
            CoversArea(certificate, lot),
            NotSuspended(certificate, lot, today),
            Ocop(certificate, lot, today),
            Code(certificate, lot),
        ];
    }

    /// <summary>Verified when every check passes or does not apply: a warning is not a pass.</summary>
    public static bool Verified(IEnumerable<ChainCheck> checks) => checks.All(c => c.Outcome is Outcome.Pass or Outcome.NotApplicable);

    /// <summary>The designation that let the body issue this certificate: for its standard and its product groups, in force and active on the issue date.</summary>
    private static DesignationFacts? Designation(CertificateFacts c) =>
        c.Body?.Designations
            .Where(d => d.Standards.Contains(c.Standard) && c.GroupsToDesignate.All(d.Scopes.Contains))
            .OrderByDescending(d => d.InForceOn(c.IssuedOn) && d.Standing.On(c.IssuedOn) == Standing.Active)
            .ThenByDescending(d => d.ValidFrom)
            .FirstOrDefault();

    private static ChainCheck Designated(CertificateFacts c, DesignationFacts? d)
    {
        if (c.Body is null)
        {
            return Fail(DesignatedOnIssue, $"Tổ chức cấp \"{c.IssuerAsTyped}\" không có trong danh sách tổ chức chứng nhận được chỉ định.",
                $"The issuer \"{c.IssuerAsTyped}\" is not in the registry of designated certification bodies.");
        }

        var on = Day(c.IssuedOn);
        if (c.Body.Standing.On(c.IssuedOn) != Standing.Active)
        {
            return Fail(DesignatedOnIssue, $"{c.Body.Name} đang bị {Vi(c.Body.Standing.On(c.IssuedOn))} vào ngày cấp {on}.",
                $"{c.Body.Name} was {En(c.Body.Standing.On(c.IssuedOn))} on the issue date, {on}.");
        }

        if (d is null)
        {
            return Fail(DesignatedOnIssue, $"{c.Body.Name} không có quyết định chỉ định nào cho tiêu chuẩn và phạm vi của chứng nhận này.",
                $"{c.Body.Name} has no designation for this certificate's standard and scope.");
        }

        if (!d.InForceOn(c.IssuedOn))
        {
            return Fail(DesignatedOnIssue, $"Quyết định {d.DecisionNumber} không có hiệu lực vào ngày cấp {on}.",
                $"Decision {d.DecisionNumber} was not in force on the issue date, {on}.", d.DecisionNumber);
        }

        if (d.Standing.On(c.IssuedOn) != Standing.Active)
        {
            return Fail(DesignatedOnIssue, $"Quyết định {d.DecisionNumber} bị {Vi(d.Standing.On(c.IssuedOn))} vào ngày cấp {on}.",
                $"Decision {d.DecisionNumber} was {En(d.Standing.On(c.IssuedOn))} on the issue date, {on}.", d.DecisionNumber);
        }

        return Pass(DesignatedOnIssue, $"{c.Body.Name} được chỉ định theo quyết định {d.DecisionNumber} ({d.Authority}) vào ngày cấp {on}.",
            $"{c.Body.Name} was designated by decision {d.DecisionNumber} ({d.Authority}) on the issue date, {on}.", d.DecisionNumber);
    }

    private static ChainCheck InForce(CertificateFacts c, DesignationFacts? d, DateOnly today)
    {
        if (c.Body is null || d is null)
        {
            return NotApplicable(DesignationInForce, "Không có quyết định chỉ định để xét.", "There is no designation to look at.");
        }

        if (c.Body.Standing.Now == Standing.Revoked || d.Standing.Now == Standing.Revoked)
        {
            return Fail(DesignationInForce, $"Quyết định {d.DecisionNumber} hoặc tổ chức {c.Body.Name} đã bị thu hồi.",
                $"Decision {d.DecisionNumber} or the body {c.Body.Name} has been revoked.", d.DecisionNumber);
        }

        if (c.Body.Standing.Now == Standing.Suspended || d.Standing.Now == Standing.Suspended)
        {
            return Warn(DesignationInForce, $"Quyết định {d.DecisionNumber} hoặc tổ chức {c.Body.Name} đang bị đình chỉ sau ngày cấp.",
                $"Decision {d.DecisionNumber} or the body {c.Body.Name} has been suspended since the certificate was issued.", d.DecisionNumber);
        }

        if (!d.InForceOn(today))
        {
            return Warn(DesignationInForce, $"Quyết định {d.DecisionNumber} đã hết hiệu lực sau ngày cấp chứng nhận.",
                $"Decision {d.DecisionNumber} has lapsed since the certificate was issued.", d.DecisionNumber);
        }

        return Pass(DesignationInForce, $"Quyết định {d.DecisionNumber} còn hiệu lực.", $"Decision {d.DecisionNumber} is in force.", d.DecisionNumber);
    }

    private static ChainCheck ValidOn(CertificateFacts c, LotFacts? lot)
    {
        if (lot is null)
        {
            return NotApplicable(ValidOnHarvest, "Không xét một lô hàng cụ thể.", "No particular lot is being checked.");
        }

        if (lot.ProducedOn is not { } produced)
        {
            return Warn(ValidOnHarvest, "Lô hàng không ghi ngày sản xuất hay thu hoạch.", "The lot gives no production or harvest date.");
        }

        return produced >= c.ValidFrom && produced <= c.ValidTo
            ? Pass(ValidOnHarvest, $"Chứng nhận có hiệu lực vào ngày sản xuất {Day(produced)}.", $"The certificate was valid on the production date, {Day(produced)}.", Day(produced))
            : Fail(ValidOnHarvest, $"Lô sản xuất ngày {Day(produced)}, ngoài thời hạn chứng nhận ({Day(c.ValidFrom)} – {Day(c.ValidTo)}).",
                $"The lot was produced on {Day(produced)}, outside the certificate's validity ({Day(c.ValidFrom)} – {Day(c.ValidTo)}).", Day(produced));
    }

    private static ChainCheck CoversProduct(CertificateFacts c, LotFacts? lot)
    {
        if (lot is null)
        {
            return NotApplicable(ScopeCoversProduct, "Không xét một sản phẩm cụ thể.", "No particular product is being checked.");
        }

        if (lot.OrganizationId != c.HolderId)
        {
            return Fail(ScopeCoversProduct, "Chứng nhận cấp cho một tổ chức khác, không phải cơ sở làm ra lô này.", "The certificate is held by another organization, not the lot's producer.");
        }

        var product = lot.Product;
        if (c.ProductIds.Count == 0 && c.ProductGroups.Count == 0)
        {
            return Pass(ScopeCoversProduct, "Chứng nhận áp dụng cho mọi sản phẩm của cơ sở.", "The certificate covers every product of its holder.");
        }

        if (c.ProductIds.Contains(product.Id) || (product.Group is { } group && c.ProductGroups.Contains(group)))
        {
            return Pass(ScopeCoversProduct, $"Phạm vi chứng nhận gồm sản phẩm {product.Name}.", $"The certificate's scope includes the product {product.Name}.");
        }

        return Fail(ScopeCoversProduct, $"Phạm vi chứng nhận không gồm sản phẩm {product.Name}.", $"The certificate's scope does not include the product {product.Name}.");
    }

    private static ChainCheck CoversArea(CertificateFacts c, LotFacts? lot)
    {
        if (lot is null || c.AreaIds.Count == 0)
        {
            return NotApplicable(ScopeCoversArea, "Chứng nhận không giới hạn theo vùng sản xuất.", "The certificate is not limited to particular production areas.");
        }

        if (lot.Area is not { } area)
        {
            return Fail(ScopeCoversArea, "Chứng nhận chỉ áp dụng cho một số vùng sản xuất, nhưng lô hàng không ghi vùng nào.",
                "The certificate covers particular production areas, but the lot names none.");
        }

        return c.AreaIds.Contains(area.Id)
            ? Pass(ScopeCoversArea, $"Phạm vi chứng nhận gồm vùng {area.Name}.", $"The certificate's scope includes the area {area.Name}.")
            : Fail(ScopeCoversArea, $"Phạm vi chứng nhận không gồm vùng {area.Name}.", $"The certificate's scope does not include the area {area.Name}.");
    }

    private static ChainCheck NotSuspended(CertificateFacts c, LotFacts? lot, DateOnly today)
    {
        if (c.Standing.Now != Standing.Active)
        {
            return Fail(NotSuspendedOrRevoked, $"Chứng nhận hiện đang bị {Vi(c.Standing.Now)}.", $"The certificate is {En(c.Standing.Now)} today.");
        }

        if (lot?.ProducedOn is { } produced && c.Standing.On(produced) != Standing.Active)
        {
            return Fail(NotSuspendedOrRevoked, $"Chứng nhận bị {Vi(c.Standing.On(produced))} vào ngày sản xuất {Day(produced)}.",
                $"The certificate was {En(c.Standing.On(produced))} on the production date, {Day(produced)}.", Day(produced));
        }

        return Pass(NotSuspendedOrRevoked, "Chứng nhận không bị đình chỉ hay thu hồi.", "The certificate is neither suspended nor revoked.", Day(today));
    }

    private static ChainCheck Ocop(CertificateFacts c, LotFacts? lot, DateOnly today)
    {
        if (c.Standard != "ocop")
        {
            return NotApplicable(OcopRating, "Không phải chứng nhận OCOP.", "Not an OCOP rating.");
        }

        var until = c.IssuedOn.AddMonths(OcopMonths);
        if (today > until)
        {
            return Fail(OcopRating, $"Kết quả đánh giá OCOP đã quá {OcopMonths} tháng (hết hạn {Day(until)}).", $"The OCOP rating is older than {OcopMonths} months (it lapsed on {Day(until)}).", Day(until));
        }

        if (c.OcopStars is not { } stars)
        {
            return Fail(OcopRating, "Chứng nhận OCOP không ghi số sao.", "The OCOP certificate gives no star rating.");
        }

        if (lot?.Product.OcopStars is { } claimed && claimed != stars)
        {
            return Fail(OcopRating, $"Sản phẩm ghi {claimed} sao nhưng chứng nhận OCOP là {stars} sao.", $"The product claims {claimed} stars but the OCOP rating is {stars}.", $"{stars}");
        }

        return Pass(OcopRating, $"Hạng {stars} sao OCOP, còn hiệu lực đến {Day(until)}.", $"A {stars}-star OCOP rating, valid until {Day(until)}.", $"{stars}");
    }

    private static ChainCheck Code(CertificateFacts c, LotFacts? lot)
    {
        var crops = c.ProductGroups.Count == 0 ? lot?.Product.Group is null or "crop" : c.ProductGroups.Contains("crop");
        if (!AreaCodeStandards.Contains(c.Standard) || !crops || lot?.Area is not { } area)
        {
            return NotApplicable(AreaCode, "Không cần mã số vùng trồng cho trường hợp này.", "No growing-area code is needed here.");
        }

        return string.IsNullOrWhiteSpace(area.AreaCode)
            ? Fail(AreaCode, $"Vùng {area.Name} chưa có mã số vùng trồng.", $"The area {area.Name} has no growing-area code.")
            : Pass(AreaCode, $"Vùng {area.Name} có mã số vùng trồng {area.AreaCode}.", $"The area {area.Name} carries the growing-area code {area.AreaCode}.", area.AreaCode);
    }

    private static ChainCheck Pass(string code, string vi, string en, string? evidence = null) => new(code, Outcome.Pass, new Reason(vi, en), evidence);

    private static ChainCheck Warn(string code, string vi, string en, string? evidence = null) => new(code, Outcome.Warn, new Reason(vi, en), evidence);

    private static ChainCheck Fail(string code, string vi, string en, string? evidence = null) => new(code, Outcome.Fail, new Reason(vi, en), evidence);

    private static ChainCheck NotApplicable(string code, string vi, string en) => new(code, Outcome.NotApplicable, new Reason(vi, en));

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string Vi(Standing standing) => standing == Standing.Revoked ? "thu hồi" : "đình chỉ";

    private static string En(Standing standing) => standing == Standing.Revoked ? "revoked" : "suspended";
}
