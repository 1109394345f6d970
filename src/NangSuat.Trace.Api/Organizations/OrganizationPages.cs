using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Accounts;
using NangSuat.Trace.Api.Auth;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Organizations.Pages;

namespace NangSuat.Trace.Api.Organizations;

/// <summary>
/// The organizations in the portal: administrators register them and invite their first person;
/// inspectors read them. The same rules as the API decide what a valid organization is.
/// </summary>
public static class OrganizationPages
{
    public static void MapOrganizationPages(this RouteGroupBuilder signedIn)
    {
        var read = signedIn.MapGroup("/to-chuc").RequireAuthorization(PortalSession.Oversight);
        read.MapGet("/", List);
        read.MapGet("/{id:guid}", Show);
        var admin = signedIn.MapGroup("/to-chuc").RequireAuthorization(PortalSession.Administrators);
        admin.MapGet("/moi", NewForm);
        admin.MapPost("/moi", Create);
        admin.MapPost("/{id:guid}/loi-moi", Invite);
        admin.MapPost("/{id:guid}/trang-thai", ChangeStatus);
        foreach (var change in (string[])["vo-hieu", "cho-dung", "dat-lai"])
        {
            admin.MapPost($"/{{id:guid}}/tai-khoan/{{accountId:guid}}/{change}",
                (Guid id, Guid accountId, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken) =>
                    ChangeAccount(id, accountId, change, caller, db, urls, clock, cancellationToken));
        }
    }

    private static async Task<RazorComponentResult<OrganizationListPage>> List(
        string? q, [FromQuery(Name = "trang")] int? page, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var query = db.Organizations.AsNoTracking();
        var text = Portal.ListPage.Query(q);
        if (text is not null)
        {
            var folded = SearchText.Fold(text);
            query = query.Where(o => EF.Property<string>(o, ISearchable.KeyProperty).Contains(folded) || o.TaxCode.StartsWith(text));
        }

        var list = await Portal.ListPage.OfAsync(query, page, cancellationToken);
        var items = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip(list.Skip).Take(Portal.ListPage.Size).ToListAsync(cancellationToken);
        return new(new { Items = items, Query = text, Total = list.Total, Page = list.Number, Pages = list.Pages, CanCreate = caller.Role == Roles.Admin });
    }

    private static async Task<IResult> Show(Guid id, [FromQuery(Name = "xong")] string? done, Caller caller, TraceDb db, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        return await PageAsync(organization, caller, db, null, done switch
        {
            "tao" => Language.Pick("Đã lưu tổ chức. Tạo lời mời cho người đầu tiên của tổ chức.", "The organization is saved. Create an invitation for its first person."),
            "vo-hieu" => Language.Pick("Đã vô hiệu hóa tài khoản; mọi phiên đăng nhập của nó đã kết thúc.", "The account is disabled; every session it had has ended."),
            "cho-dung" => Language.Pick("Tài khoản được dùng lại.", "The account may sign in again."),
            "tam-dung" => Language.Pick("Đã tạm dừng tổ chức: người của tổ chức không đăng nhập được, mã API của tổ chức bị từ chối.",
                "The organization is suspended: its people cannot sign in and its API tokens are refused."),
            "mo-lai" => Language.Pick("Tổ chức hoạt động lại.", "The organization is active again."),
            _ => null,
        }, StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>The organization's page: its details, its people, and what it registered, each a link to the list of them.</summary>
    private static async Task<IResult> PageAsync(
        Organization organization, Caller caller, TraceDb db, FieldErrors? errors, string? notice, int status, CancellationToken cancellationToken)
    {
        var id = organization.Id;
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.OrganizationId == id).OrderBy(a => a.DisplayName).ToListAsync(cancellationToken);
        // Every count in one round trip; the areas themselves (the first 50) in a second.
        var counts = await db.Organizations.Where(o => o.Id == id).Select(o => new
        {
            Products = db.Products.Count(p => p.OrganizationId == id),
            Lots = db.Lots.Count(l => l.OrganizationId == id),
            Recalled = db.Lots.Count(l => l.OrganizationId == id && l.Status == Lots.LotStatus.Recalled),
            Certificates = db.Certificates.Count(c => c.OrganizationId == id),
            Areas = db.ProductionAreas.Count(a => a.OrganizationId == id),
        }).FirstAsync(cancellationToken);
        var registered = new OrganizationPage.Registered(counts.Products, counts.Lots, counts.Recalled, counts.Certificates,
            await db.ProductionAreas.AsNoTracking().Where(a => a.OrganizationId == id).OrderBy(a => a.Name).Take(50).ToListAsync(cancellationToken), counts.Areas);
        return new RazorComponentResult<OrganizationPage>(new
        {
            Organization = organization,
            Accounts = accounts,
            What = registered,
            Errors = errors,
            IsAdministrator = caller.Role == Roles.Admin,
            Self = caller.AccountId,
            Roles = RolesFor(organization),
            Notice = notice,
            OwnOrganization = caller.OrganizationId == id,
        }) { StatusCode = status };
    }

    /// <summary>An administrator suspends an organization or reinstates it, with a reason; the same rule as the API's.</summary>
    private static async Task<IResult> ChangeStatus(Guid id, HttpContext context, Caller caller, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        switch (OrganizationRules.ChangeStatus(new StatusRequest(form["status"], form["reason"]), organization, caller.OrganizationId, clock.GetUtcNow(), errors))
        {
            case OrganizationRules.StatusOutcome.Changed:
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.LocalRedirect($"/portal/to-chuc/{id}?xong={(organization.IsSuspended ? "tam-dung" : "mo-lai")}");
            case OrganizationRules.StatusOutcome.AlreadyInStatus:
                // A second click, or a colleague's: what was asked for is already so.
                return TypedResults.LocalRedirect($"/portal/to-chuc/{id}?xong={(organization.IsSuspended ? "tam-dung" : "mo-lai")}");
            case OrganizationRules.StatusOutcome.OwnOrganization:
                errors.Add("reason", "không thể tạm dừng tổ chức của chính bạn: không ai mở lại được cho bạn", "you cannot suspend your own organization: no one could reinstate it for you");
                return await PageAsync(organization, caller, db, errors, null, StatusCodes.Status409Conflict, cancellationToken);
            default:
                return await PageAsync(organization, caller, db, errors, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }
    }

    /// <summary>An administrator disables an account, lets it in again, or hands its person a one-time link to set a new password.</summary>
    private static async Task<IResult> ChangeAccount(
        Guid id, Guid accountId, string change, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId && a.OrganizationId == id, cancellationToken);
        if (account is null)
        {
            return Portal.PortalAnswers.NotFound("Tổ chức này không có tài khoản đó.", "This organization has no such account.", $"/portal/to-chuc/{id}");
        }

        if (account.Id == caller.AccountId)
        {
            return new RazorComponentResult<Portal.Pages.NoticePage>(new
            {
                Title = Language.Pick("Không tự thay đổi tài khoản của mình ở đây", "Not your own account, here"),
                Message = Language.Pick("Đổi mật khẩu của bạn ở trang Đổi mật khẩu; vô hiệu hóa bạn là việc của một quản trị viên khác.",
                    "Change your password on the password page; disabling you is for another administrator."),
                Next = $"/portal/to-chuc/{id}",
            }) { StatusCode = StatusCodes.Status409Conflict };
        }

        var now = clock.GetUtcNow();
        switch (change)
        {
            case "dat-lai" when account.DisabledAt is not null:
                // A link the person could open but never use: the account is let in again first.
                return Portal.PortalAnswers.Notice(StatusCodes.Status409Conflict, Language.Pick("Tài khoản đang bị vô hiệu hóa", "The account is disabled"),
                    Language.Pick("Hãy cho tài khoản dùng lại trước, rồi mới tạo liên kết đặt lại mật khẩu.", "Enable the account first, then create a reset link."),
                    $"/portal/to-chuc/{id}");
            case "dat-lai":
                var (link, secret) = await AccountAccess.NewResetAsync(db, account, caller.AccountId, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                var organization = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).FirstAsync(cancellationToken);
                return OneTimeLinks.PrintPage(link, link.ToResponse(urls.BaseUrl, secret).Url, organization, account.DisplayName, $"/portal/to-chuc/{id}");
            default:
                if (change == "vo-hieu" ? await AccountAccess.DisableAsync(db, account, now, cancellationToken) : account.SetDisabled(null))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                return TypedResults.LocalRedirect($"/portal/to-chuc/{id}?xong={change}");
        }
    }

    private static RazorComponentResult<OrganizationFormPage> NewForm() => new(new { DefaultProvince = "Sơn La" });

    private static async Task<IResult> Create(HttpContext context, TraceDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var request = new OrganizationRequest(form["name"], form["taxCode"], form["kind"], form["gs1CompanyPrefix"], form["gln"],
            new AddressDto(form["address.street"], form["address.commune"], form["address.province"]), new ContactDto(form["contact.phone"], form["contact.email"]));
        var now = clock.GetUtcNow();
        var organization = new Organization { Id = Guid.CreateVersion7(now), Name = "", TaxCode = "", Commune = "", Province = "", CreatedAt = now };
        var errors = new FieldErrors();
        if (OrganizationRules.Apply(request, organization, now, errors))
        {
            if (await db.Organizations.AnyAsync(o => o.TaxCode == organization.TaxCode, cancellationToken))
            {
                TaxCodeTaken(errors);
            }
            else
            {
                db.Organizations.Add(organization);
                if (await db.TrySaveUniqueAsync(cancellationToken))
                {
                    return TypedResults.LocalRedirect($"/portal/to-chuc/{organization.Id}?xong=tao");
                }

                TaxCodeTaken(errors);
            }
        }

        return new RazorComponentResult<OrganizationFormPage>(new { Form = request, Errors = errors }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
    }

    private static async Task<IResult> Invite(
        Guid id, HttpContext context, Caller caller, TraceDb db, PublicUrls urls, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var role = errors.OneOf<AccountRole>("role", form["role"]);
        var displayName = errors.Optional("displayName", form["displayName"], 100);
        if (role is { } chosen && !RolesFor(organization).Contains(chosen))
        {
            errors.Add("role", "vai trò này không dành cho loại tổ chức này", "this role is not for this kind of organization");
        }

        if (errors.Any)
        {
            return await PageAsync(organization, caller, db, errors, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        var owner = role == AccountRole.Producer && form["isOwner"] == "true";
        var (link, secret) = OneTimeLinks.Invitation(id, role!.Value, owner, displayName, caller.AccountId, clock.GetUtcNow());
        db.OneTimeLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        var url = link.ToResponse(urls.BaseUrl, secret).Url;
        return OneTimeLinks.PrintPage(link, url, organization.Name, displayName);
    }

    /// <summary>A state body's people inspect or administer; a producer's people produce.</summary>
    private static AccountRole[] RolesFor(Organization organization) =>
        organization.Kind == OrganizationKind.Authority ? [AccountRole.Inspector, AccountRole.Admin] : [AccountRole.Producer];

    private static void TaxCodeTaken(FieldErrors errors) =>
        errors.Add("taxCode", "đã có tổ chức khác mang mã số thuế này", "another organization already has this tax code");

    private static RazorComponentResult<Portal.Pages.NoticePage> NotFound() =>
        Portal.PortalAnswers.NotFound("Không có tổ chức này.", "There is no such organization.", "/portal/to-chuc");
}
