using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NangSuat.Trace.Api.Data;
using Npgsql;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

public sealed class StartupRetryTests
{
    [Fact]
    public async Task The_service_waits_for_a_postgresql_server_that_is_still_starting()
    {
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            var real = new NpgsqlConnectionStringBuilder(database);
            await using var proxy = new LateProxy(real.Port, TimeSpan.FromSeconds(2));
            var late = new NpgsqlConnectionStringBuilder(database) { Port = proxy.Port, Pooling = false }.ConnectionString;
            await using var app = new LateDatabaseApp(late);

            var organizations = await app.CreateClient().GetAsync("/.well-known/gs1resolver");
            await Http.EnsureStatus(organizations, 200);
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TraceDb>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await Postgres.DropDatabaseAsync(database);
        }
    }

    private sealed class LateDatabaseApp(string connectionString) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Trace", connectionString);
        }
    }
}
