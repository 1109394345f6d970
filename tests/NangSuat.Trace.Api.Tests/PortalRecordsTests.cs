using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using NangSuat.Trace.Api.Tests.Infrastructure;
using NangSuat.Trace.Labels;

namespace NangSuat.Trace.Api.Tests;

/// <summary>What a producer keeps beside the registry in the portal: photos, certificate scans, spreadsheets in and out, and what the home page counts.</summary>
public abstract partial class PortalTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [Fact]
    public async Task A_producer_adds_a_product_photo_in_the_form_and_the_public_page_shows_it_from_the_portal()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var member = await app.NewMemberAsync();
        var producer = await CreateAndSignInProducerAsync(app, member.OrganizationId);
        var form = await producer.GetAsync("/portal/san-pham/moi");
        Assert.Contains("enctype=\"multipart/form-data\"", form.Html);
        Assert.Contains("data-preview=\"photo-preview\"", form.Html);

        (string, string)[] fields = [.. form.HiddenFields("/portal/san-pham/moi"), ("gtin", "8936099000121"), ("name.vi", "Chè Shan tuyết")];
        var notImage = await producer.UploadAsync("/portal/san-pham/moi", fields, ("photo", "anh.jpg", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")));
        Assert.Equal(422, notImage.Status);
        Assert.Contains("không phải ảnh JPEG, PNG hoặc WebP", notImage.ErrorBeside("photo"));
        var tooLarge = await producer.UploadAsync("/portal/san-pham/moi", fields, ("photo", "anh.png", [.. PngWriter.Monochrome(8, 8, (x, y) => x == y), .. new byte[1024 * 1024]]));
        Assert.Contains("quá giới hạn 1 MiB", tooLarge.ErrorBeside("photo"));
        Assert.Equal(404, (int)(await app.Anonymous().GetAsync("/san-pham/08936099000121")).StatusCode);

        var created = await producer.UploadAsync("/portal/san-pham/moi", fields, ("photo", "anh.png", PngWriter.Monochrome(64, 48, (x, y) => (x + y) % 2 == 0)));
        Assert.Equal(302, created.Status);
        var publicPage = await app.Anonymous().GetStringAsync("/san-pham/08936099000121");
        var photo = Regex.Match(publicPage, "<img[^>]+src=\"(/[^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("/media/products/", photo);
        var served = await app.Anonymous().GetAsync(photo);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);

        var productPath = Regex.Match((await producer.GetAsync("/portal/san-pham")).Html, "href=\"(/portal/san-pham/[0-9a-f-]{36})\"").Groups[1].Value;
        var edit = await producer.GetAsync(productPath);
        Assert.Contains($"id=\"photo-preview\" src=\"{photo.Replace("&", "&amp;")}\"", edit.Html);
        // The form says which version it was opened at; without it, or with an older one, nothing is overwritten unseen.
        var versionless = await producer.UploadAsync(productPath, [.. edit.HiddenFields(productPath).Where(f => f.Name != "version"), ("name.vi", "Tên ghi đè")]);
        Assert.Equal(422, versionless.Status);
        Assert.Contains("vừa được người khác sửa", versionless.ErrorBeside("name.vi"));
        var removed = await producer.UploadAsync(productPath, [.. edit.HiddenFields(productPath), ("name.vi", "Chè Shan tuyết"), ("removePhoto", "1")]);
        Assert.Equal(302, removed.Status);
        Assert.DoesNotContain("/media/products/", await app.Anonymous().GetStringAsync("/san-pham/08936099000121"));
        var stale = await producer.UploadAsync(productPath, [.. edit.HiddenFields(productPath), ("name.vi", "Tên ghi đè")]);
        Assert.Equal(422, stale.Status);
        Assert.DoesNotContain("Tên ghi đè", await app.Anonymous().GetStringAsync("/san-pham/08936099000121"));
    }

    [Fact]
    public async Task A_certificate_keeps_the_scan_of_its_paper_for_its_holder_and_inspectors_only()
    {
        await using var scene = await Scene.LotAsync(lane);
        var app = scene.App;
        var producer = await CreateAndSignInProducerAsync(app, scene.Producer.OrganizationId);
        var form = await producer.GetAsync("/portal/chung-nhan/moi");
        (string, string)[] fields = [.. form.HiddenFields("/portal/chung-nhan/moi"), ("type", "vietgap"), ("number", "VietGAP-TT-11-01-14-0042"),
            ("issuer", "Trung tâm Chứng nhận Phù hợp (QUACERT)"), ("validFrom", "01/03/2026"), ("validTo", "28/02/2029")];

        var html = await producer.UploadAsync("/portal/chung-nhan/moi", fields, ("evidence", "giay.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script>")));
        Assert.Equal(422, html.Status);
        Assert.Contains("không phải PDF hoặc ảnh", html.ErrorBeside("evidence"));
        Assert.DoesNotContain("VietGAP-TT-11-01-14-0042", (await producer.GetAsync("/portal/chung-nhan")).Html);

        var created = await producer.UploadAsync("/portal/chung-nhan/moi", fields, ("evidence", "C:\\Scans\\giấy chứng nhận.pdf", Pdf));
        Assert.Equal(302, created.Status);
        var certificatePath = created.Location!.Split('?')[0];
        var page = await producer.GetAsync(certificatePath);
        Assert.Contains("Tải về giấy chứng nhận.pdf", page.Html);

        var download = await producer.DownloadAsync(certificatePath + "/minh-chung");
        Assert.Equal((200, "application/pdf"), (download.Status, download.ContentType));
        Assert.Equal(Pdf, download.Bytes);
        Assert.Equal("giấy chứng nhận.pdf", download.FileName);
        Assert.Equal("nosniff", download.Response.Headers.GetValues("X-Content-Type-Options").Single());

        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await CreateAccountAsync(app, department.OrganizationId, "thanhtra@so.vn", "inspector");
        var inspector = new PortalVisitor(app);
        await inspector.SignInAsync("thanhtra@so.vn", Password);
        Assert.Equal(Pdf, (await inspector.DownloadAsync(certificatePath + "/minh-chung")).Bytes);

        var stranger = await app.NewMemberAsync(name: "HTX Mận Hậu");
        await CreateAccountAsync(app, stranger.OrganizationId, "other@htx.vn", "producer");
        var other = new PortalVisitor(app);
        await other.SignInAsync("other@htx.vn", Password);
        Assert.Equal(404, (await other.DownloadAsync(certificatePath + "/minh-chung")).Status);
        var ownForm = await other.GetAsync("/portal/chung-nhan/moi");
        var replaced = await other.UploadAsync(certificatePath + "/minh-chung", ownForm.HiddenFields("/portal/chung-nhan/moi"), ("evidence", "x.pdf", Pdf));
        Assert.Equal(404, replaced.Status);
        Assert.Equal(302, (await new PortalVisitor(app).DownloadAsync(certificatePath + "/minh-chung")).Status);

        var photo = PngWriter.Monochrome(40, 30, (x, y) => x % 3 == 0);
        var action = certificatePath + "/minh-chung";
        Assert.Equal(302, (await producer.UploadAsync(action, page.HiddenFields(action), ("evidence", "anh.png", photo))).Status);
        Assert.Contains($"<img src=\"{action}\"", (await producer.GetAsync(certificatePath)).Html);
        Assert.Equal(photo, (await inspector.DownloadAsync(action)).Bytes);
    }

    [Fact]
    public async Task The_home_page_counts_this_weeks_scans_and_the_lots_still_without_a_label()
    {
        await using var scene = await Scene.LotAsync(lane);
        var app = scene.App;
        var producer = await CreateAndSignInProducerAsync(app, scene.Producer.OrganizationId);
        var home = await producer.GetAsync("/portal");
        Assert.Equal("1", Count(home.Html, "unlabelled"));
        Assert.Contains($"– {scene.LotNumber}", home.Html);
        Assert.Contains("Lượt quét nhãn 7 ngày qua: 0", home.Html);

        var phone = app.Anonymous();
        phone.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(307, (int)(await phone.GetAsync($"/01/{scene.Gtin}/10/{scene.LotNumber}")).StatusCode);
        }

        Assert.Equal(200, (int)(await phone.GetAsync(LotPagePath(scene))).StatusCode); // the page the scan lands on is not a second scan

        var chooser = await producer.GetAsync($"/portal/lo/{scene.LotId}/nhan");
        Assert.Matches("src=\"data:image/svg(\\+|&#x2B;)xml;base64,", chooser.Html); // the real symbol, shown with the page
        Assert.Equal("1", Count((await producer.GetAsync("/portal")).Html, "unlabelled")); // looking is not printing
        var label = await producer.DownloadAsync($"/portal/lo/{scene.LotId}/nhan/tep?symbology=qr&format=svg&widthMm=30");
        Assert.Equal("image/svg+xml", label.ContentType);
        home = await producer.GetAsync("/portal");
        Assert.Equal("0", Count(home.Html, "unlabelled"));
        Assert.Contains("Lượt quét nhãn 7 ngày qua: 3", home.Html);
        Assert.Matches("<desc id=\"scans-week-desc\">[^<]*: 3</desc>", home.Html);

        var stranger = await app.NewMemberAsync(name: "HTX Mận Hậu");
        await CreateAccountAsync(app, stranger.OrganizationId, "other@htx.vn", "producer");
        var other = new PortalVisitor(app);
        await other.SignInAsync("other@htx.vn", Password);
        Assert.Contains("Lượt quét nhãn 7 ngày qua: 0", (await other.GetAsync("/portal")).Html);
    }

    [Fact]
    public async Task Scans_of_compressed_links_and_cached_answers_count_and_bad_codes_and_page_views_do_not()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var member = await app.NewMemberAsync();
        await member.AddProductAsync("05412345000013");
        await member.AddLotAsync("05412345000013", "ABC123");
        var producer = await CreateAndSignInProducerAsync(app, member.OrganizationId);
        var phone = app.Anonymous();
        phone.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        // GS1's compression vector for /01/05412345000013/10/ABC123, twice (the second answered from the cache), then the plain link.
        Assert.Equal(307, (int)(await phone.GetAsync("/AQnYUc1gmiCNV4JG")).StatusCode);
        Assert.Equal(307, (int)(await phone.GetAsync("/AQnYUc1gmiCNV4JG")).StatusCode);
        Assert.Equal(307, (int)(await phone.GetAsync("/01/05412345000013/10/ABC123")).StatusCode);
        Assert.Equal(400, (int)(await phone.GetAsync("/01/05412345000014/10/ABC123")).StatusCode);
        Assert.Equal(200, (int)(await phone.GetAsync("/san-pham/05412345000013/lo/ABC123")).StatusCode);
        Assert.Equal(200, (int)(await phone.GetAsync("/san-pham/05412345000013")).StatusCode);

        Assert.Contains("Lượt quét nhãn 7 ngày qua: 3", (await producer.GetAsync("/portal")).Html);
    }

    [Fact]
    public async Task The_programme_overview_draws_the_provinces_figures_as_svg_and_downloads_them_as_a_workbook()
    {
        await using var scene = await Scene.LotAsync(lane, withCertificates: true);
        var app = scene.App;
        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await CreateAccountAsync(app, department.OrganizationId, "quantri@so.vn", "admin");
        var admin = new PortalVisitor(app);
        await admin.SignInAsync("quantri@so.vn", Password);
        var phone = app.Anonymous();
        phone.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        await phone.GetAsync($"/01/{scene.Gtin}/10/{scene.LotNumber}");

        var overview = await admin.GetAsync("/portal/tong-quan");
        Assert.Equal(200, overview.Status);
        Assert.Contains("<svg", overview.Html);
        Assert.DoesNotContain("http://", Regex.Replace(overview.Html, "xmlns=\"http://www.w3.org/2000/svg\"", ""));
        Assert.Matches("<desc id=\"by-kind-desc\">Doanh nghiệp: [0-9]+; Hợp tác xã: 1", overview.Html);
        Assert.Matches("<desc id=\"certs-desc\">VietGAP: 1;", overview.Html);
        Assert.Matches("<desc id=\"scans-month-desc\">[^<]*: 1</desc>", overview.Html);

        var workbook = await admin.DownloadAsync("/portal/tong-quan/bao-cao.xlsx");
        Assert.Equal(200, workbook.Status);
        using var stream = new MemoryStream(workbook.Bytes);
        Assert.Contains("OCOP", MiniExcelLibs.MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var summary = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Tổng hợp").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("1", summary.Single(r => (string?)r["Chỉ tiêu"] == "Lô hàng")["Số lượng"]?.ToString());

        var producer = await CreateAndSignInProducerAsync(app, scene.Producer.OrganizationId);
        Assert.Contains("/portal/khong-co-quyen", (await producer.GetAsync("/portal/tong-quan")).Location);
    }

    [Fact]
    public async Task Lists_sort_by_a_column_and_export_what_they_show_without_formulas_a_spreadsheet_would_run()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var member = await app.NewMemberAsync();
        await member.AddProductAsync(gtin: "08936099000121", nameVi: "=HYPERLINK(\"http://evil.example\",\"Bấm\")");
        await member.AddProductAsync(gtin: "08936099000138", nameVi: "Mật ong bạc hà");
        await member.AddProductAsync(gtin: "08936099000145", nameVi: "Chè Shan tuyết, \"cổ thụ\"");
        var producer = await CreateAndSignInProducerAsync(app, member.OrganizationId);

        var byGtinDescending = await producer.GetAsync("/portal/san-pham?sap=-gtin");
        Assert.Contains("aria-sort=\"descending\"", byGtinDescending.Html);
        var order = Regex.Matches(byGtinDescending.Html, "<td>(0893609900[0-9]{4})</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["08936099000145", "08936099000138", "08936099000121"], order);
        var unknownSort = await producer.GetAsync("/portal/san-pham?sap=Name;DROP");
        Assert.Equal(200, unknownSort.Status);
        Assert.Contains("aria-sort=\"ascending\"", unknownSort.Html);

        var csv = await producer.DownloadAsync("/portal/san-pham/tep.csv?sap=gtin");
        Assert.Equal((200, "text/csv", "san-pham.csv"), (csv.Status, csv.ContentType, csv.FileName));
        var text = Encoding.UTF8.GetString(csv.Bytes);
        Assert.StartsWith("\uFEFFGTIN,Tên,", text);
        var lines = text.TrimStart('\uFEFF').Split("\r\n");
        Assert.StartsWith("08936099000121,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Bấm\"\")\"", lines[1]);
        Assert.StartsWith("08936099000145,\"Chè Shan tuyết, \"\"cổ thụ\"\"\"", lines[3]);

        var xlsx = await producer.DownloadAsync("/portal/san-pham/tep.xlsx?q=mat+ong");
        using var stream = new MemoryStream(xlsx.Bytes);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("08936099000138", Assert.Single(rows)["GTIN"]?.ToString());
        Assert.Equal(404, (await producer.GetAsync("/portal/san-pham/tep.exe")).Status);

        var other = await app.NewMemberAsync(name: "HTX Mận Hậu");
        await CreateAccountAsync(app, other.OrganizationId, "other@htx.vn", "producer");
        var stranger = new PortalVisitor(app);
        await stranger.SignInAsync("other@htx.vn", Password);
        Assert.DoesNotContain("08936099000121", Encoding.UTF8.GetString((await stranger.DownloadAsync("/portal/san-pham/tep.csv")).Bytes));
    }

    [Fact]
    public async Task A_lot_list_exported_as_csv_imports_again_once_its_lot_numbers_are_new()
    {
        await using var scene = await Scene.LotAsync(lane);
        await scene.Producer.AddLotAsync(scene.Gtin, "-MC1"); // a lot number a spreadsheet would take for a formula
        var producer = await CreateAndSignInProducerAsync(scene.App, scene.Producer.OrganizationId);
        var exported = Encoding.UTF8.GetString((await producer.DownloadAsync("/portal/lo/tep.csv")).Bytes);
        Assert.Contains($"/01/{scene.Gtin}/10/{scene.LotNumber}", exported);
        Assert.Contains($"{scene.Gtin},'-MC1,", exported);

        var page = await producer.GetAsync("/portal/lo/nhap");
        var again = await producer.UploadAsync("/portal/lo/nhap", page.HiddenFields("/portal/lo/nhap"), "file", "lo.csv", Encoding.UTF8.GetBytes(exported));
        Assert.Equal(422, again.Status);
        Assert.Contains("2 dòng: 0 đúng, 2 có lỗi", again.Html); // "-MC1" is read back as itself, so it too is already registered

        var renamed = exported.Replace($",{scene.LotNumber},", ",MC2612Z,").Replace(",'-MC1,", ",'-MC2,");
        var fresh = await producer.UploadAsync("/portal/lo/nhap", page.HiddenFields("/portal/lo/nhap"), "file", "lo.csv", Encoding.UTF8.GetBytes(renamed));
        Assert.Equal(200, fresh.Status);
        Assert.Contains("2 dòng: 2 đúng, 0 có lỗi", fresh.Html);
        Assert.Contains("<td>-MC2</td>", fresh.Html);
    }

    [Fact]
    public async Task A_producer_imports_products_from_the_template_after_fixing_the_bad_row()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var member = await app.NewMemberAsync(companyPrefix: "8936099");
        var producer = await CreateAndSignInProducerAsync(app, member.OrganizationId);
        var template = await producer.DownloadAsync("/portal/san-pham/nhap/mau.csv");
        Assert.Equal("GTIN,Tên sản phẩm,Tên tiếng Anh,Mô tả,Nhóm sản phẩm,Nhãn hiệu,Tiêu chuẩn công bố,Hạng OCOP,Thị trường xuất khẩu", Encoding.UTF8.GetString(template.Bytes).TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r'));

        string Sheet(string stars) => "GTIN,Tên sản phẩm,Hạng OCOP,Thị trường xuất khẩu\r\n" +
            $"8936099000121,Chè Shan tuyết,{stars},\"JP, EU\"\r\n8936099000138,Mật ong bạc hà,,\r\n8936099000145,Mận hậu sấy,3,XX1\r\n8936099000121,Chè lặp lại,,\r\n";
        var page = await producer.GetAsync("/portal/san-pham/nhap");
        var preview = await producer.UploadAsync("/portal/san-pham/nhap", page.HiddenFields("/portal/san-pham/nhap"), "file", "sp.csv", Encoding.UTF8.GetBytes(Sheet("6")));
        Assert.Equal(422, preview.Status);
        Assert.Contains("4 dòng: 1 đúng, 3 có lỗi", preview.Html);
        Assert.Matches(@"<td>2</td><td>8936099000121</td><td>Chè Shan tuyết</td>\s*<td><ul><li><strong>Hạng OCOP</strong>", preview.Html);
        Assert.Matches(@"<td>4</td><td>8936099000145</td><td>Mận hậu sấy</td>\s*<td><ul><li><strong>Thị trường xuất khẩu</strong>", preview.Html);
        Assert.Contains("trùng với dòng 2", preview.Html);

        var good = "GTIN,Tên sản phẩm,Hạng OCOP,Thị trường xuất khẩu\r\n8936099000121,Chè Shan tuyết,4,\"JP, EU\"\r\n8936099000138,Mật ong bạc hà,,\r\n";
        var fixedPreview = await producer.UploadAsync("/portal/san-pham/nhap", page.HiddenFields("/portal/san-pham/nhap"), "file", "sp.csv", Encoding.UTF8.GetBytes(good));
        Assert.Equal(200, fixedPreview.Status);
        var commit = Regex.Match(fixedPreview.Html, "action=\"(/portal/san-pham/nhap/[0-9a-f-]+/ghi)\"").Groups[1].Value;
        var written = await producer.PostAsync(commit, fixedPreview.HiddenFields(commit));
        Assert.Equal((302, "/portal/san-pham?xong=nhap&so=2"), (written.Status, written.Location));
        var tea = await app.Anonymous().GetStringAsync("/san-pham/08936099000121");
        Assert.Contains("Chè Shan tuyết", tea);
        Assert.Equal(410, (await producer.PostAsync(commit, fixedPreview.HiddenFields(commit))).Status);
    }

    [Fact]
    public async Task An_xlsx_that_would_unpack_to_gigabytes_or_is_not_a_zip_at_all_is_refused_with_a_reason()
    {
        await using var scene = await Scene.LotAsync(lane);
        var producer = await CreateAndSignInProducerAsync(scene.App, scene.Producer.OrganizationId);
        var page = await producer.GetAsync("/portal/lo/nhap");
        using var bomb = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bomb, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var sheet = await zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.SmallestSize).OpenAsync();
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var mb = 0; mb < 80; mb++)
            {
                await sheet.WriteAsync(spaces);
            }
        }

        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes");
        var refused = await producer.UploadAsync("/portal/lo/nhap", page.HiddenFields("/portal/lo/nhap"), "file", "lo.xlsx", bomb.ToArray());
        Assert.Equal(422, refused.Status);
        Assert.Contains("giải nén lớn hơn 64 MB", refused.ErrorBeside("file"));

        var notZip = await producer.UploadAsync("/portal/lo/nhap", page.HiddenFields("/portal/lo/nhap"), "file", "lo.xlsx", Encoding.UTF8.GetBytes("GTIN,Số lô\r\n"));
        Assert.Equal(422, notZip.Status);
        Assert.Contains("Không đọc được tệp", notZip.ErrorBeside("file"));
    }

    [Fact]
    public async Task Ten_thousand_lots_preview_and_commit_and_one_more_row_is_refused_before_any_check()
    {
        await using var scene = await Scene.LotAsync(lane);
        var producer = await CreateAndSignInProducerAsync(scene.App, scene.Producer.OrganizationId);
        byte[] Sheet(int rows) => Encoding.UTF8.GetBytes("GTIN,Số lô,Ngày sản xuất,Số lượng,Đơn vị\r\n"
            + string.Concat(Enumerable.Range(1, rows).Select(i => $"{scene.Gtin},V{i:D5},20/11/2026,12,kg\r\n")));
        var page = await producer.GetAsync("/portal/lo/nhap");

        var tooMany = await producer.UploadAsync("/portal/lo/nhap", page.HiddenFields("/portal/lo/nhap"), "file", "lo.csv", Sheet(10_001));
        Assert.Equal(422, tooMany.Status);
        Assert.Contains("hơn 10.000 dòng", tooMany.ErrorBeside("file"));

        var preview = await producer.UploadAsync("/portal/lo/nhap", page.HiddenFields("/portal/lo/nhap"), "file", "lo.csv", Sheet(10_000));
        Assert.Equal(200, preview.Status);
        Assert.Contains("10.000 dòng: 10.000 đúng, 0 có lỗi", preview.Html);
        var commit = Regex.Match(preview.Html, "action=\"(/portal/lo/nhap/[0-9a-f-]+/ghi)\"").Groups[1].Value;
        Assert.Equal(302, (await producer.PostAsync(commit, preview.HiddenFields(commit))).Status);
        var lots = await scene.Producer.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/lots?pageSize=1");
        Assert.Equal(10_001, lots.GetProperty("total").GetInt32());
    }

    private static string Count(string html, string card) =>
        Regex.Match(html, $"<h2 id=\"{card}\">[^<]*</h2>\\s*<p class=\"count\">([^<]+)</p>").Groups[1].Value;

    private static string LotPagePath(Scene scene) => $"/san-pham/{scene.Gtin}/lo/{scene.LotNumber}";
}

public abstract partial class PortalTests
{
    [Fact]
    public async Task An_administrator_disables_an_account_enables_it_and_prints_a_reset_link_from_the_organizations_page()
    {
        await using var app = await TraceApp.StartAsync(lane);
        var department = await app.NewMemberAsync("inspector", name: "Sở KH&CN Sơn La");
        await CreateAccountAsync(app, department.OrganizationId, "quantri@so.vn", "admin");
        var member = await app.NewMemberAsync();
        var producer = await CreateAndSignInProducerAsync(app, member.OrganizationId);
        var admin = new PortalVisitor(app);
        await admin.SignInAsync("quantri@so.vn", Password);

        var organizationPath = $"/portal/to-chuc/{member.OrganizationId}";
        var page = await admin.GetAsync(organizationPath);
        var disable = Regex.Match(page.Html, "action=\"(/portal/to-chuc/[0-9a-f-]+/tai-khoan/[0-9a-f-]+/vo-hieu)\"").Groups[1].Value;
        Assert.Contains("aria-label=\"Vô hiệu hóa lan\"", page.Html);
        var disabled = await admin.PostAsync(disable, page.HiddenFields(disable));
        Assert.Equal(302, disabled.Status);
        Assert.Equal(302, (await producer.GetAsync("/portal")).Status);
        Assert.Equal(403, (await new PortalVisitor(app).SignInAsync("lan@htx.vn", Password)).Status);

        page = await admin.GetAsync(disabled.Location!);
        Assert.Contains("đã vô hiệu hóa", page.Html);
        var enable = disable.Replace("/vo-hieu", "/cho-dung");
        Assert.Equal(302, (await admin.PostAsync(enable, page.HiddenFields(enable))).Status);
        Assert.Equal(302, (await new PortalVisitor(app).SignInAsync("lan@htx.vn", Password)).Status);

        // Enabled again, the account offers its reset link once more.
        page = await admin.GetAsync(organizationPath);
        var reset = disable.Replace("/vo-hieu", "/dat-lai");
        var printed = await admin.PostAsync(reset, page.HiddenFields(reset));
        Assert.Equal(200, printed.Status);
        Assert.Contains("data:image/png;base64,", printed.Html);
        var link = new Uri(Regex.Match(printed.Html, "<p class=\"secret\">([^<]+)</p>").Groups[1].Value).AbsolutePath;
        var person = new PortalVisitor(app);
        Assert.Equal(302, (await person.SubmitAsync(link, link, ("password", "mật khẩu mới của Lan"), ("passwordRepeated", "mật khẩu mới của Lan"))).Status);
        var lan = new PortalVisitor(app);
        Assert.Equal(302, (await lan.SignInAsync("lan@htx.vn", "mật khẩu mới của Lan")).Status);

        var own = await admin.GetAsync($"/portal/to-chuc/{department.OrganizationId}");
        Assert.Contains("tài khoản của bạn", own.Html);
        Assert.DoesNotContain("/vo-hieu\"", own.Html);
        var accounts = await app.Admin().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/users?organizationId={department.OrganizationId}");
        var self = accounts.GetProperty("items").EnumerateArray().Single(a => a.Str("email") == "quantri@so.vn").Id();
        Assert.Equal(409, (await admin.PostAsync($"/portal/to-chuc/{department.OrganizationId}/tai-khoan/{self}/vo-hieu", page.HiddenFields(reset))).Status);
        Assert.Equal(200, (await admin.GetAsync("/portal")).Status);

        var other = await app.NewMemberAsync(name: "HTX Mận Hậu");
        var elsewhere = disable.Replace(member.OrganizationId.ToString(), other.OrganizationId.ToString());
        Assert.Equal(404, (await admin.PostAsync(elsewhere, page.HiddenFields(reset))).Status);
        var lanForm = await lan.GetAsync("/portal/mat-khau");
        Assert.Contains("/portal/khong-co-quyen", (await lan.PostAsync(disable, lanForm.HiddenFields("/portal/mat-khau"))).Location);
    }
}
