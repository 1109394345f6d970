using System.Net.Http.Json;
using System.Text.Json;
using NangSuat.Trace.Api.Tests.Infrastructure;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.Tests.Fuzzing;

/// <summary>
/// A small portal to fuzz against, registered through the API: organizations with producer,
/// inspector and revoked tokens, and a product, area, certificates, lots and a serial batch. The
/// valid bodies it sent are kept, by method and path, as the fuzzer's starting points.
/// </summary>
public sealed class FuzzScene
{
    /// <summary>Tokens by role; "revoked" no longer works, "garbage" never did.</summary>
    public Dictionary<string, string> Tokens { get; } = [];

    /// <summary>Portal sessions by role: the Cookie header a signed-in browser sends and the form token of its pages.</summary>
    public Dictionary<string, (string Cookie, string FormToken)> Sessions { get; } = [];

    /// <summary>Record ids by the path segment their collection is named by ("lots", "products", …).</summary>
    public Dictionary<string, List<Guid>> Ids { get; } = [];

    /// <summary>Known-good values by the parameter or field name they fill ("gtin", "lot", "serial", …).</summary>
    public Dictionary<string, List<string>> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Valid request bodies by "METHOD /openapi/path".</summary>
    public Dictionary<string, J> Bodies { get; } = [];

    public byte[] Photo { get; } = PngWriter.Monochrome(24, 24, (x, y) => (x + y) % 3 == 0);

    /// <summary>Files to upload, by the name a person would give them.</summary>
    public List<(string Name, byte[] Bytes)> Files { get; } = [];

    public IEnumerable<Guid> AllIds => Ids.Values.SelectMany(ids => ids);

    public static async Task<FuzzScene> BuildAsync(TraceApp app)
    {
        var scene = new FuzzScene();
        var admin = app.Admin();
        var producer = await scene.MemberAsync(app, "producer", "HTX Chè Mộc Châu");
        var inspector = await scene.MemberAsync(app, "inspector", "Sở Khoa học và Công nghệ Sơn La");
        var rival = await scene.MemberAsync(app, "producer", "HTX Chè Tân Lập");
        var suspendable = await app.NewMemberAsync("producer", name: "HTX Chỉ để tạm dừng");
        scene.Add("suspendable", suspendable.OrganizationId);
        // Accounts and open links the administrators' pages may disable, reset or cancel: the spare organization's, never the fuzzer's own.
        var spareAccount = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "du-phong@fuzz.example", password = "mật khẩu dự phòng dài", displayName = "Dự phòng", organizationId = suspendable.OrganizationId, role = "producer",
        });
        scene.Add("tai-khoan", (await spareAccount.Json(201)).Id());
        scene.Add("lien-ket", (await (await admin.PostAsJsonAsync($"/api/v1/organizations/{suspendable.OrganizationId}/invitations", new { role = "producer" })).Json(201)).Id());
        scene.Tokens["admin"] = TraceApp.AdminToken;
        scene.Tokens["producer"] = producer.Token;
        scene.Tokens["inspector"] = inspector.Token;
        scene.Tokens["rival"] = rival.Token;

        // Tokens the fuzzer may revoke by id; the ones it sends stay valid.
        var spare = await scene.SendAsync(admin, "POST", $"/api/v1/organizations/{rival.OrganizationId}/tokens", "/api/v1/organizations/{id}/tokens", new { role = "inspector" });
        scene.Add("tokens", spare.Id());
        var revoked = await scene.SendAsync(admin, "POST", $"/api/v1/organizations/{producer.OrganizationId}/tokens", null, new { role = "producer" });
        await Http.EnsureStatus(await admin.DeleteAsync($"/api/v1/organizations/{producer.OrganizationId}/tokens/{revoked.Id()}"), 204);
        scene.Tokens["revoked"] = revoked.Str("token");
        scene.Add("tokens", revoked.Id());

        var gtin = TestData.Gtin13();
        var product = await scene.SendAsync(producer.Client, "POST", "/api/v1/products", "/api/v1/products", new
        {
            gtin, name = new { vi = "Chè Shan tuyết Mộc Châu", en = "Moc Chau Shan Tuyet tea" }, description = "Chè búp tươi", brand = "Chè Mộc Châu",
            category = "Chè", standards = new[] { "TCVN 9740:2013" }, ocopStars = 4, exportMarkets = new[] { "JP" },
        });
        scene.Add("products", product.Id());
        scene.Value("gtin", gtin, "0" + gtin);
        using (var photo = new ByteArrayContent(scene.Photo))
        {
            photo.Headers.ContentType = new("image/png");
            await Http.EnsureStatus(await producer.Client.PutAsync($"/api/v1/products/{product.Id()}/image", photo), 200);
        }

        var rivalProduct = await rival.AddProductAsync();
        scene.Add("products", rivalProduct.Id());
        scene.Value("gtin", rivalProduct.Str("gtin"));

        var area = await scene.SendAsync(producer.Client, "POST", "/api/v1/production-areas", "/api/v1/production-areas", new
        {
            name = "Đồi chè Tân Lập", areaCode = "VN-SLCT-0012", commune = "Xã Tân Lập", province = "Sơn La", latitude = 20.84, longitude = 104.66, hectares = 12.5,
        });
        scene.Add("production-areas", area.Id());

        var certificate = await scene.SendAsync(producer.Client, "POST", "/api/v1/certificates", "/api/v1/certificates", new
        {
            type = "vietGap", number = "VG-0012", issuer = "Trung tâm Chứng nhận VietGAP", validFrom = "2025-01-01", validTo = "2099-12-31", productId = product.Id(),
        });
        var areaCertificate = await producer.AddCertificateAsync(new { productionAreaId = area.Id() }, type: "organic");
        scene.Add("certificates", certificate.Id(), areaCertificate.Id());
        await scene.SendAsync(inspector.Client, "POST", $"/api/v1/certificates/{areaCertificate.Id()}/status", "/api/v1/certificates/{id}/status",
            new { status = "suspended", reason = "Chưa nộp nhật ký sản xuất" });

        var lot = await scene.SendAsync(producer.Client, "POST", "/api/v1/lots", "/api/v1/lots", new
        {
            gtin, lotNumber = "MC2611A", productionAreaId = area.Id(), productionDate = "2026-11-01", packingDate = "2026-11-03",
            bestBeforeDate = "2028-05-01", quantity = new { value = 850, unit = "kg" },
        });
        var recalled = await producer.AddLotAsync(gtin, "MC2605R");
        await scene.SendAsync(producer.Client, "POST", $"/api/v1/lots/{recalled.Id()}/recall", "/api/v1/lots/{id}/recall", new { reason = "Dư lượng thuốc bảo vệ thực vật" });
        var rivalLot = await rival.AddLotAsync(rivalProduct.Str("gtin"), "TL-01");
        scene.Add("lots", lot.Id(), recalled.Id(), rivalLot.Id());
        scene.Value("lot", "MC2611A", "MC2605R", "TL-01");

        var batch = await scene.SendAsync(producer.Client, "POST", $"/api/v1/lots/{lot.Id()}/serials", "/api/v1/lots/{id}/serials", new { count = 5 });
        scene.Add("serial-batches", batch.Id());
        var csv = await producer.Client.GetStringAsync(batch.Str("serialsUrl"));
        scene.Value("serial", [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(row => row.Split(',')[0])]);

        await scene.SendAsync(producer.Client, "POST", "/api/v1/labels/sscc", "/api/v1/labels/sscc", new
        {
            sscc = "106141411234567897", gtin = "9506000134352", count = 24, lot = "MC2611A", expiry = "2028-12-31", netWeightKg = 12.5,
        }, expect: 200);
        scene.Value("sscc", "106141411234567897");
        scene.Value("lang", "vi", "en");
        scene.Value("documentName", "v1");

        // The portal names its collections in Vietnamese; the same records stand behind them.
        foreach (var (portal, api) in new[] { ("to-chuc", "organizations"), ("san-pham", "products"), ("lo", "lots"), ("chung-nhan", "certificates") })
        {
            scene.Ids[portal] = scene.Ids[api];
        }

        const string password = "mật khẩu thử nghiệm dài";
        foreach (var (role, organization) in new[] { ("producer", producer.OrganizationId), ("inspector", inspector.OrganizationId), ("admin", inspector.OrganizationId) })
        {
            var email = $"{role}@fuzz.example";
            await Http.EnsureStatus(await admin.PostAsJsonAsync("/api/v1/users",
                new { email, password, displayName = role, organizationId = organization, role, isOwner = role == "producer" }), 201);
            scene.Sessions[role] = await SignInAsync(app, email, password);
        }

        // Files a person uploads: the portal's own import templates (CSV and XLSX), the product photo, a certificate scan.
        var producerCookie = scene.Sessions["producer"].Cookie;
        scene.Files.Add(("lo-hang.csv", await DownloadAsync(app, producerCookie, "/portal/lo/nhap/mau.csv")));
        scene.Files.Add(("lo-hang.xlsx", await DownloadAsync(app, producerCookie, "/portal/lo/nhap/mau.xlsx")));
        scene.Files.Add(("san-pham.xlsx", await DownloadAsync(app, producerCookie, "/portal/san-pham/nhap/mau.xlsx")));
        scene.Files.Add(("anh.png", scene.Photo));
        scene.Files.Add(("giay-chung-nhan.pdf", "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray()));
        return scene;
    }

    /// <summary>The routes that suspend or reinstate an organization, in the portal and the API.</summary>
    public static bool SuspendsAnOrganization(string pattern) =>
        pattern.StartsWith("/portal/to-chuc/{id", StringComparison.Ordinal) && pattern.EndsWith("/trang-thai", StringComparison.Ordinal)
        || pattern.StartsWith("/api/v1/organizations/{id", StringComparison.Ordinal) && pattern.EndsWith("/status", StringComparison.Ordinal);

    private static async Task<byte[]> DownloadAsync(TraceApp app, string cookie, string path)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        await Http.EnsureStatus(response, 200);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Signs in through the portal's own form, as a browser does, and keeps what a browser keeps.</summary>
    private static async Task<(string Cookie, string FormToken)> SignInAsync(TraceApp app, string email, string password)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("http://localhost"),
        });
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        string Cookie() => string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}"));
        async Task<string> SendAsync(HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", Cookie());
            }

            using var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                jar[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
            }

            return await response.Content.ReadAsStringAsync();
        }

        static string Token(string html) =>
            System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var form = await SendAsync(HttpMethod.Get, "/portal/dang-nhap");
        await SendAsync(HttpMethod.Post, "/portal/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form), ["email"] = email, ["password"] = password,
        }));
        var home = await SendAsync(HttpMethod.Get, "/portal");
        var token = Token(home);
        if (token.Length == 0 || !jar.ContainsKey("nst_session"))
        {
            throw new InvalidOperationException($"The fuzzer could not sign in {email} to the portal: {home}");
        }

        return (Cookie(), token);
    }

    private async Task<Member> MemberAsync(TraceApp app, string role, string name)
    {
        var member = await app.NewMemberAsync(role, name: name);
        Add("organizations", member.OrganizationId);
        return member;
    }

    private async Task<JsonElement> SendAsync(HttpClient client, string method, string path, string? bodyKey, object body, int? expect = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(body) };
        var response = await client.SendAsync(request);
        if (bodyKey is not null)
        {
            Bodies.TryAdd($"{method} {bodyKey}", J.From(JsonSerializer.SerializeToElement(body)));
        }

        if (expect == 200 && (int)response.StatusCode == 200)
        {
            return default;
        }

        return await response.Json(expect ?? (method == "POST" && !path.EndsWith("/status", StringComparison.Ordinal) && !path.EndsWith("/recall", StringComparison.Ordinal) ? 201 : 200));
    }

    private void Add(string collection, params Guid[] ids)
    {
        if (!Ids.TryGetValue(collection, out var list))
        {
            Ids[collection] = list = [];
        }

        list.AddRange(ids);
    }

    private void Value(string name, params string[] values)
    {
        if (!Values.TryGetValue(name, out var list))
        {
            Values[name] = list = [];
        }

        list.AddRange(values);
    }
}
