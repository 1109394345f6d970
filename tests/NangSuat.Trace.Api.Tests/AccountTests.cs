using System.Net.Http.Json;
using System.Text.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>Portal accounts: created by an administrator or by an invitation, signed in with a cookie, locked, reset, disabled, audited.</summary>
public abstract class AccountTests(Lane lane)
{
    private const string Password = "chè xanh Mộc Châu 2026";

    [Fact]
    public async Task An_administrator_creates_an_account_that_signs_in_to_the_portal_and_out_again()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var account = await CreateAccountAsync(app, producer.OrganizationId, "lan@htx-moc-chau.vn", "Nguyễn Thị Lan");

        var visitor = new PortalVisitor(app);
        var home = await visitor.GetAsync("/portal");
        Assert.Equal(302, home.Status);
        Assert.Equal("/portal/dang-nhap?quay-lai=%2Fportal", new Uri(new Uri("http://localhost"), home.Location).PathAndQuery);

        var wrong = await visitor.SignInAsync("lan@htx-moc-chau.vn", "not the password");
        Assert.Equal(422, wrong.Status);
        Assert.Contains("mật khẩu không đúng", wrong.Html);

        var signedIn = await visitor.SignInAsync("  LAN@htx-moc-chau.vn ", Password);
        Assert.Equal((302, "/portal"), (signedIn.Status, signedIn.Location));
        // Out of a script's reach, not sent by another site's form, and not sent with scans or API calls.
        var session = Assert.Single(signedIn.SetCookies, c => c.StartsWith("nst_session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; path=/portal", session);
        Assert.Contains("; httponly", session);
        Assert.Contains("; samesite=lax", session);
        home = await visitor.GetAsync("/portal");
        Assert.Equal(200, home.Status);
        Assert.Contains("Xin chào Nguyễn Thị Lan", home.Html);

        var signedOut = await visitor.PostAsync("/portal/dang-xuat", home.HiddenFields("/portal/dang-xuat"));
        Assert.Equal(302, signedOut.Status);
        Assert.Equal(302, (await visitor.GetAsync("/portal")).Status);
        // The session cookie is expired under /portal, and under "/" where cookies from before the move still live.
        var expired = signedOut.SetCookies.Where(c => c.StartsWith("nst_session=;", StringComparison.Ordinal)).Select(c => c.ToLowerInvariant()).ToList();
        Assert.Contains(expired, c => c.Contains("1970") && (c.EndsWith("path=/portal", StringComparison.Ordinal) || c.Contains("path=/portal;")));
        Assert.Contains(expired, c => c.Contains("1970") && (c.EndsWith("path=/", StringComparison.Ordinal) || c.Contains("path=/;")));

        var audit = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/audit?entity=account&entityId={account}&pageSize=50");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.Str("action")).Reverse().ToList();
        Assert.Equal(["created", "signInFailed", "signedIn", "signedOut"], actions);
    }

    [Fact]
    public async Task Creating_an_account_names_each_wrong_field_and_refuses_a_taken_email()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var bad = await app.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "lan-at-htx", password = "12345", displayName = "", organizationId = Guid.NewGuid(), role = "chief", phone = "12",
        });
        var problem = await bad.Problem(400);
        var errors = problem.GetProperty("errors");
        Assert.All(new[] { "email", "password", "displayName", "role", "phone" }, field => Assert.True(errors.TryGetProperty(field, out _), field));

        var unknownOrganization = await app.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "lan@htx.vn", password = Password, displayName = "Lan", organizationId = Guid.NewGuid(), role = "producer",
        });
        await unknownOrganization.FieldError("organizationId", "no organization");

        await CreateAccountAsync(app, producer.OrganizationId, "lan@htx.vn", "Lan");
        var again = await app.Admin().PostAsJsonAsync("/api/v1/users", new
        {
            email = "Lan@HTX.vn", password = Password, displayName = "Lan again", organizationId = producer.OrganizationId, role = "producer",
        });
        await again.Problem(409);

        var byProducer = await producer.Client.PostAsJsonAsync("/api/v1/users", new
        {
            email = "x@htx.vn", password = Password, displayName = "X", organizationId = producer.OrganizationId, role = "admin",
        });
        await byProducer.Problem(403);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        await CreateAccountAsync(app, producer.OrganizationId, "lan@htx.vn", "Lan");
        var guesser = new PortalVisitor(app);
        var form = (await guesser.GetAsync("/portal/dang-nhap")).HiddenFields("/portal/dang-nhap").ToList();
        var guesses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            guesser.PostAsync("/portal/dang-nhap", [.. form, ("email", "lan@htx.vn"), ("password", $"guess number {i}")])));
        Assert.True(guesses.Count(g => g.Status == 429) == 1 && guesses.Count(g => g.Status == 422) == 4, string.Join(", ", guesses.Select(g => g.Status)));

        var owner = new PortalVisitor(app, "en");
        var locked = await owner.SignInAsync("lan@htx.vn", Password);
        Assert.Equal(429, locked.Status);
        Assert.Contains("locked", locked.Html);
        Assert.Equal(302, (await owner.GetAsync("/portal")).Status);
    }

    [Fact]
    public async Task A_form_posted_without_the_portals_token_is_refused_and_signs_no_one_in()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        await CreateAccountAsync(app, producer.OrganizationId, "lan@htx.vn", "Lan");
        var attacker = new PortalVisitor(app);
        var forged = await attacker.PostAsync("/portal/dang-nhap", [("email", "lan@htx.vn"), ("password", Password)]);
        Assert.Equal(400, forged.Status);
        Assert.Contains("từ một trang khác", forged.Html);
        Assert.Equal(302, (await attacker.GetAsync("/portal")).Status);

        var json = await app.Anonymous().PostAsJsonAsync("/portal/dang-nhap", new { email = "lan@htx.vn", password = Password });
        Assert.Equal(415, (int)json.StatusCode);
    }

    [Fact]
    public async Task An_invitation_creates_the_account_once_shows_errors_beside_fields_and_escapes_what_was_typed()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var invitation = await (await app.Admin().PostAsJsonAsync($"/api/v1/organizations/{producer.OrganizationId}/invitations",
            new { role = "producer", isOwner = true, displayName = "Chị Lan" })).Json(201);
        var path = new Uri(invitation.Str("url")).AbsolutePath;
        Assert.StartsWith("/portal/moi/", path);

        var visitor = new PortalVisitor(app);
        var form = await visitor.GetAsync(path);
        Assert.Equal(200, form.Status);
        Assert.Contains("HTX Chè Mộc Châu", form.Html);
        Assert.Contains("value=\"Chị Lan\"", form.Html);

        var mistyped = await visitor.PostAsync(path, [.. form.HiddenFields(path), ("displayName", "<script>alert(1)</script>"), ("email", "lan@htx.vn"),
            ("phone", "+84 912 345 678"), ("password", Password), ("passwordRepeated", Password + "!")]);
        Assert.Equal(422, mistyped.Status);
        Assert.Contains("không khớp", mistyped.ErrorBeside("passwordRepeated"));
        Assert.DoesNotContain("<script>alert(1)</script>", mistyped.Html);

        var accepted = await visitor.PostAsync(path, [.. mistyped.HiddenFields(path), ("displayName", "<script>alert(1)</script>"), ("email", "lan@htx.vn"),
            ("phone", "+84 912 345 678"), ("password", Password), ("passwordRepeated", Password)]);
        Assert.Equal((302, "/portal?chao=1"), (accepted.Status, accepted.Location));
        var home = await visitor.GetAsync("/portal?chao=1");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", home.Html);
        Assert.DoesNotContain("<script>", home.Html);

        Assert.Equal(410, (await new PortalVisitor(app).GetAsync(path)).Status);
        var byPhone = await new PortalVisitor(app).SignInAsync("0912.345.678", Password);
        Assert.Equal(302, byPhone.Status);

        var accounts = await app.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/users?organizationId={producer.OrganizationId}");
        var created = Assert.Single(accounts.GetProperty("items").EnumerateArray());
        Assert.Equal(("producer", true, "0912345678"), (created.Str("role"), created.GetProperty("isOwner").GetBoolean(), created.Str("phone")));
    }

    [Fact]
    public async Task A_reset_link_or_a_disabled_account_ends_every_session_signed_in_before()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        var account = await CreateAccountAsync(app, producer.OrganizationId, "lan@htx.vn", "Lan");
        var lostPhone = new PortalVisitor(app);
        Assert.Equal(302, (await lostPhone.SignInAsync("lan@htx.vn", Password)).Status);
        Assert.Equal(200, (await lostPhone.GetAsync("/portal")).Status);

        var superseded = new Uri((await (await app.Admin().PostAsync($"/api/v1/users/{account}/password-reset", null)).Json(201)).Str("url")).AbsolutePath;
        var reset = await (await app.Admin().PostAsync($"/api/v1/users/{account}/password-reset", null)).Json(201);
        var path = new Uri(reset.Str("url")).AbsolutePath;
        Assert.Equal(410, (await new PortalVisitor(app).GetAsync(superseded)).Status); // only the newest reset link works
        var owner = new PortalVisitor(app);
        var done = await owner.SubmitAsync(path, path, ("password", "một mật khẩu mới hẳn"), ("passwordRepeated", "một mật khẩu mới hẳn"));
        Assert.Equal(302, done.Status);
        Assert.Equal(302, (await lostPhone.GetAsync("/portal")).Status);
        Assert.Equal(200, (await owner.GetAsync("/portal")).Status);
        Assert.Equal(422, (await new PortalVisitor(app).SignInAsync("lan@htx.vn", Password)).Status);

        var madeBeforeDisabling = new Uri((await (await app.Admin().PostAsync($"/api/v1/users/{account}/password-reset", null)).Json(201)).Str("url")).AbsolutePath;
        await (await app.Admin().PostAsync($"/api/v1/users/{account}/disable", null)).Json(200);
        Assert.Equal(302, (await owner.GetAsync("/portal")).Status);
        Assert.Equal(403, (await new PortalVisitor(app).SignInAsync("lan@htx.vn", "một mật khẩu mới hẳn")).Status);
        // A link handed out before the account was disabled does not let it back in.
        var stale = new PortalVisitor(app);
        Assert.Equal(410, (await stale.GetAsync(madeBeforeDisabling)).Status);
        var tokens = (await stale.GetAsync("/portal/dang-nhap")).HiddenFields("/portal/dang-nhap");
        Assert.Equal(410, (await stale.PostAsync(madeBeforeDisabling, [.. tokens, ("password", "mật khẩu chiếm lại"), ("passwordRepeated", "mật khẩu chiếm lại")])).Status);
    }

    [Fact]
    public async Task One_address_sending_more_sign_ins_than_the_limit_gets_429_and_a_page_that_says_to_wait()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var guesser = new PortalVisitor(app);
        var form = (await guesser.GetAsync("/portal/dang-nhap")).HiddenFields("/portal/dang-nhap").ToList();
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(422, (await guesser.PostAsync("/portal/dang-nhap", [.. form, ("email", $"nguoi{i}@htx.vn"), ("password", "đoán bừa một mật khẩu")])).Status);
        }

        var refused = await guesser.PostAsync("/portal/dang-nhap", [.. form, ("email", "nguoi31@htx.vn"), ("password", "đoán bừa một mật khẩu")]);
        Assert.Equal(429, refused.Status);
        Assert.Contains("thử lại sau một phút", refused.Html);
        Assert.Equal(200, (await guesser.GetAsync("/portal/dang-nhap")).Status); // the page itself stays open
    }

    [Theory]
    [InlineData("//evil.example/portal")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/portal")]
    public async Task Signing_in_never_sends_the_person_to_another_host(string returnUrl)
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        await CreateAccountAsync(app, producer.OrganizationId, "lan@htx.vn", "Lan");
        var visitor = new PortalVisitor(app);
        var page = await visitor.GetAsync("/portal/dang-nhap?quay-lai=" + Uri.EscapeDataString(returnUrl));
        var signedIn = await visitor.PostAsync("/portal/dang-nhap",
            [.. page.HiddenFields("/portal/dang-nhap"), ("quay-lai", returnUrl), ("email", "lan@htx.vn"), ("password", Password)]);
        Assert.Equal((302, "/portal"), (signedIn.Status, signedIn.Location));
    }

    [Fact]
    public async Task Changing_ones_password_needs_the_current_one_and_keeps_this_session()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var producer = await app.NewMemberAsync();
        await CreateAccountAsync(app, producer.OrganizationId, "lan@htx.vn", "Lan");
        var visitor = new PortalVisitor(app, "en");
        await visitor.SignInAsync("lan@htx.vn", Password);
        var refused = await visitor.SubmitAsync("/portal/mat-khau", "/portal/mat-khau",
            ("currentPassword", "wrong one"), ("password", "a brand new sentence"), ("passwordRepeated", "a brand new sentence"));
        Assert.Equal(422, refused.Status);
        Assert.Equal("is not your current password", refused.ErrorBeside("currentPassword"));

        var changed = await visitor.SubmitAsync("/portal/mat-khau", "/portal/mat-khau",
            ("currentPassword", Password), ("password", "a brand new sentence"), ("passwordRepeated", "a brand new sentence"));
        Assert.Equal(302, changed.Status);
        Assert.Equal(200, (await visitor.GetAsync("/portal")).Status);
        Assert.Equal(302, (await new PortalVisitor(app).SignInAsync("lan@htx.vn", "a brand new sentence")).Status);
    }

    private static async Task<Guid> CreateAccountAsync(TraceApp app, Guid organizationId, string email, string name, string role = "producer")
    {
        var created = await app.Admin().PostAsJsonAsync("/api/v1/users", new { email, password = Password, displayName = name, organizationId, role });
        return (await created.Json(201)).Id();
    }
}

public sealed class AccountTestsOnSqlite() : AccountTests(Lane.Sqlite);

public sealed class AccountTestsOnPostgres() : AccountTests(Lane.Postgres);
