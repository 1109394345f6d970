using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Certificates;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Organizations;
using NangSuat.Trace.Api.Portal;
using NangSuat.Trace.Api.Portal.Pages;

namespace NangSuat.Trace.Api.CertificationBodies;

/// <summary>
/// An official list of certification bodies (the ministry's, the accreditation office's, a province's
/// OCOP councils), one row per designation: a body new to the registry is added with its first row,
/// a known code gains the designations it lacks, and a decision already recorded is left as it is, so
/// the same list imported again next month adds only what changed. Checked by the forms' rules, written all or none.
/// </summary>
public sealed class CertificationBodyImport : SpreadsheetImport
{
    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("code", "Mã chỉ định", "Code", "VietGAP-TT-12-03"),
        new("name", "Tên tổ chức chứng nhận", "Name", "Trung tâm Chứng nhận Phù hợp (QUACERT)"),
        new("taxCode", "Mã số thuế", "Tax code", "0100111225"),
        new("address", "Địa chỉ", "Address", "8 Hoàng Quốc Việt, Cầu Giấy, Hà Nội"),
        new("contact.phone", "Điện thoại", "Phone", "024 3756 1025"),
        new("contact.email", "Email", "Email", "info@quacert.gov.vn"),
        new("authority", "Cơ quan chỉ định", "Authority", "Cục Trồng trọt"),
        new("decisionNumber", "Số quyết định", "Decision number", "1215/QĐ-TT-CLT"),
        new("decisionDate", "Ngày quyết định", "Decision date", "28/03/2024"),
        new("standards", "Tiêu chuẩn", "Standards", "VietGAP; Hữu cơ"),
        new("scopes", "Phạm vi", "Scope", "trồng trọt; thủy sản"),
        new("validFrom", "Hiệu lực từ", "Valid from", "01/04/2024"),
        new("validTo", "Hiệu lực đến", "Valid to", "31/03/2029"),
    ];

    protected override string KeyField => "code";

    public override ImportPage.Texts Texts => new(
        Language.Pick("Nhập danh sách tổ chức chứng nhận", "Import a list of certification bodies"), Language.Pick("quyết định", "designation"),
        Language.Pick("quyết định", "designations"), Language.Pick("Mã chỉ định", "Code"), Language.Pick("Tên tổ chức", "Name"),
        $"{CertificationBodyPages.Path}/nhap", CertificationBodyPages.Path, "mau-to-chuc-chung-nhan");

    public override async Task<ImportCheck> CheckAsync(
        IReadOnlyList<Dictionary<string, string>> rows, Guid organizationId, TraceDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var codes = rows.Select(r => Value(r, "code")?.Trim().ToUpperInvariant()).OfType<string>().Distinct().ToList();
        var known = new Dictionary<string, CertificationBody>(StringComparer.Ordinal);
        foreach (var slice in codes.Chunk(500))
        {
            foreach (var body in await db.CertificationBodies.AsNoTracking().Include(b => b.Designations).Where(b => slice.Contains(b.Code.ToUpper())).ToListAsync(cancellationToken))
            {
                known[body.Code.ToUpperInvariant()] = body;
            }
        }

        var added = new Dictionary<string, (CertificationBody Body, int Row)>(StringComparer.Ordinal);
        var decisions = new Dictionary<(string Code, string Decision), int>();
        var checkedRows = new List<ImportRow>(rows.Count);
        var records = new List<object>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var number = i + 2; // the header is row 1
            var errors = new FieldErrors();
            var bodyRequest = new CertificationBodyRequest(Value(row, "name"), Value(row, "code"), Value(row, "taxCode"),
                JsonSerializer.SerializeToElement(Value(row, "address")), new ContactDto(Value(row, "contact.phone"), Value(row, "contact.email")));
            var designationRequest = new DesignationRequest(Value(row, "authority"), Value(row, "decisionNumber"), FormValues.Date(errors, "decisionDate", Value(row, "decisionDate")),
                Names(Value(row, "standards"), Standard), Names(Value(row, "scopes"), Group),
                FormValues.Date(errors, "validFrom", Value(row, "validFrom")), FormValues.Date(errors, "validTo", Value(row, "validTo")));

            var candidate = new CertificationBody { Id = Guid.CreateVersion7(now), Name = "", Code = "", TaxCode = "", Address = "", Status = RegistryStatus.Active, CreatedAt = now };
            CertificationBodyRules.Apply(bodyRequest, candidate, now, errors);
            var designation = new Designation { Id = Guid.CreateVersion7(now), Authority = "", DecisionNumber = "", Status = RegistryStatus.Active, CreatedAt = now };
            CertificationBodyRules.Apply(designationRequest, designation, now, errors);
            var code = candidate.Code.ToUpperInvariant();
            if (code.Length > 0 && designation.DecisionNumber.Length > 0)
            {
                if (decisions.TryGetValue((code, designation.DecisionNumber), out var first))
                {
                    errors.Add("decisionNumber", $"trùng với dòng {first}", $"repeats row {first}");
                }
                else
                {
                    decisions[(code, designation.DecisionNumber)] = number;
                }
            }

            if (!errors.Any)
            {
                if (known.TryGetValue(code, out var existing))
                {
                    // A decision the registry already holds is left as it is: the list may be imported again whole.
                    if (!existing.Designations.Any(d => d.DecisionNumber == designation.DecisionNumber))
                    {
                        designation.BodyId = existing.Id;
                        records.Add(designation);
                    }
                }
                else if (added.TryGetValue(code, out var body))
                {
                    if (body.Body.Name != candidate.Name || body.Body.TaxCode != candidate.TaxCode)
                    {
                        errors.Add("name", $"mã {candidate.Code} ở dòng {body.Row} mang tên hoặc mã số thuế khác", $"code {candidate.Code} on row {body.Row} has another name or tax code");
                    }
                    else
                    {
                        designation.BodyId = body.Body.Id;
                        body.Body.Designations.Add(designation);
                    }
                }
                else
                {
                    designation.BodyId = candidate.Id;
                    candidate.Designations.Add(designation);
                    added[code] = (candidate, number);
                    records.Add(candidate);
                }
            }

            checkedRows.Add(new ImportRow(number, bodyRequest.Code ?? "", bodyRequest.Name ?? "", Problems(errors, f => f.Split('[')[0])));
        }

        return new ImportCheck(checkedRows, records);
    }

    /// <summary>A cell's list ("VietGAP; Hữu cơ"), each item as the API names it when it is one; as typed otherwise, for the rules to refuse by name.</summary>
    private static List<string> Names(string? cell, Func<string, string?> name) =>
        cell is null ? [] : [.. cell.Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item => name(item) ?? item)];

    /// <summary>A standard as people write it: VietGAP, GlobalG.A.P., ISO 22000, Hữu cơ…</summary>
    private static string? Standard(string typed)
    {
        var key = new string([.. SearchText.Fold(typed).Where(char.IsLetterOrDigit)]);
        if (key is "huuco" or "organic" or "tcvn11041")
        {
            return "organic";
        }

        return Enum.GetValues<CertificateType>().Select(t => Json.CamelCase(t.ToString())).FirstOrDefault(t => t.Equals(key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A product group by its API name, or by its name in either language ("trồng trọt", "crops").</summary>
    private static string? Group(string typed)
    {
        var key = SearchText.Fold(typed);
        return Enum.GetValues<ProductGroup>().Where(g => key == SearchText.Fold(g.ToString()) || key == SearchText.Fold(g.Display(Language.Vietnamese)) || key == SearchText.Fold(g.Display(Language.English)))
            .Select(g => Json.CamelCase(g.ToString())).FirstOrDefault();
    }
}
