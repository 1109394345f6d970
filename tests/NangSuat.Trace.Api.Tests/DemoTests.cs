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
}

public sealed class DemoTestsOnSqlite() : DemoTests(Lane.Sqlite);

public sealed class DemoTestsOnPostgres() : DemoTests(Lane.Postgres);
