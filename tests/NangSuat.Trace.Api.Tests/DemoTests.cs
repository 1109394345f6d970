using System.Net;
using NangSuat.Trace.Api.Demo;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>The README promises a newcomer something to scan at once: the demo data set.</summary>
public abstract class DemoTests(Lane lane)
{
    [Fact]
    public async Task The_demo_data_set_gives_a_tea_lot_to_scan_and_a_recalled_lot_to_see()
    {
        await using var app = await TraceApp.StartAsync(lane);
        await using var demo = app.WithSeededDemo();

        var tea = await demo.Anonymous().GetAsync($"/01/{DemoData.TeaGtin}/10/{DemoData.TeaLot}");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, tea.StatusCode);
        var page = await demo.Anonymous().GetStringAsync(tea.Headers.Location!.PathAndQuery);
        Assert.Contains("Chè Shan tuyết Mộc Châu", page, StringComparison.Ordinal);
        Assert.Contains("class=\"badge\"", page, StringComparison.Ordinal);

        var plum = await demo.Anonymous().GetAsync($"/01/{DemoData.PlumGtin}/10/{DemoData.PlumLot}");
        var recalled = await demo.Anonymous().GetStringAsync(plum.Headers.Location!.PathAndQuery);
        Assert.Contains("class=\"recall\"", recalled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_people_the_readme_names_sign_in_with_the_readmes_password_and_each_sees_their_work()
    {
        var readme = await File.ReadAllTextAsync(Readme());
        var password = System.Text.RegularExpressions.Regex.Match(readme, "all with the password `([^`]+)`").Groups[1].Value;
        Assert.Equal(DemoData.DemoPassword, password);
        await using var app = await TraceApp.StartAsync(lane);
        await using var demo = app.WithSeededDemo();
        foreach (var (email, page, expected) in new[]
        {
            (DemoData.ProducerEmail, "/portal/san-pham", "Chè Shan tuyết Mộc Châu"),
            (DemoData.InspectorEmail, "/portal/chung-nhan?q=ocop", "OCOP-SL-2024-118"),
            (DemoData.AdminEmail, "/portal/to-chuc", "Hợp tác xã Nông nghiệp Chè Mộc Châu"),
        })
        {
            Assert.Contains($"`{email}`", readme, StringComparison.Ordinal);
            var person = new PortalVisitor(demo);
            Assert.Equal(302, (await person.SignInAsync(email, password)).Status);
            var seen = await person.GetAsync(page);
            Assert.Equal(200, seen.Status);
            Assert.Contains(expected, seen.Html, StringComparison.Ordinal);
        }
    }

    private static string Readme()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "README.md")) && File.Exists(Path.Combine(folder.FullName, "NangSuat.Trace.sln")))
            {
                return Path.Combine(folder.FullName, "README.md");
            }
        }

        throw new FileNotFoundException("README.md above the test binaries");
    }
}

public sealed class DemoTestsOnSqlite() : DemoTests(Lane.Sqlite);

public sealed class DemoTestsOnPostgres() : DemoTests(Lane.Postgres);
