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
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
            Assert.Equal(1L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
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
