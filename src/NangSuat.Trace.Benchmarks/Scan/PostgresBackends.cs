using Npgsql;

namespace NangSuat.Trace.Benchmarks.Scan;

/// <summary>
/// The CPU PostgreSQL spends for the service: its backend processes serving the benchmark's database
/// (the service's pooled connections), read from /proc like the service's own. Other databases on
/// the same server are not counted.
/// </summary>
public sealed class PostgresBackends(string server, string database)
{
    private Dictionary<int, TimeSpan> _start = [];

    /// <summary>Notes which backends serve the database now, and their CPU so far.</summary>
    public async Task StartAsync()
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = @database", admin);
        command.Parameters.AddWithValue("database", database);
        var pids = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                pids.Add(reader.GetInt32(0));
            }
        }

        _start = pids.ToDictionary(pid => pid, pid => TraceService.ProcessCpu(pid) ?? TimeSpan.Zero);
    }

    /// <summary>CPU the backends noted at <see cref="StartAsync"/> have used since (one that has ended counts nothing).</summary>
    public TimeSpan Since() => _start.Aggregate(TimeSpan.Zero, (sum, b) => sum + (TraceService.ProcessCpu(b.Key) is { } now && now > b.Value ? now - b.Value : TimeSpan.Zero));
}
