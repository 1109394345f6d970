using NangSuat.Trace.TestSupport;
using Npgsql;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the test script starts. Each test gets a database of its own, created
/// empty and dropped afterwards, so tests never share state.
/// </summary>
public static class Postgres
{
    public static readonly string ServerConnectionString =
        System.Environment.GetEnvironmentVariable("TRACE_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Timeout=5";

    private static readonly Lazy<Task<bool>> Reachable = new(async () =>
    {
        try
        {
            await using var connection = new NpgsqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    });

    public static async Task<string> CreateDatabaseAsync()
    {
        ExternalComponents.Require(await Reachable.Value, $"PostgreSQL ({ServerConnectionString})");
        var name = "trace_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
