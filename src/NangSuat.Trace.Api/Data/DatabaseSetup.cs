using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;
using NangSuat.Trace.Api.Audit;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Data;

public static partial class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/trace.db";

    public static IServiceCollection AddTraceDatabase(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<DatabaseOptions>, ConnectionStringCheck>();
        services.AddSingleton<RegistryChanges>();
        // Pooled: a scan rents a ready context instead of building one, which was a large part of its cost.
        services.AddDbContextPool<TraceDb>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString("Trace");
            if (database.IsPostgres)
            {
                options.UseNpgsql(WithPreparedScans(connectionString!));
            }
            else
            {
                options.UseSqlite(connectionString ?? DefaultSqlite);
            }

            var changes = provider.GetRequiredService<RegistryChanges>();
            options.AddInterceptors(changes, changes.Commits);
            // The migrations are hand-written without a model snapshot; MigratedSchemaTests is the check instead.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        return services;
    }

    /// <summary>
    /// PostgreSQL plans every statement it is sent unless the statement is prepared; the scan path
    /// sends the same few statements all day, so Npgsql prepares the ones it sees often, unless the
    /// connection string says otherwise.
    /// </summary>
    private static string WithPreparedScans(string connectionString)
    {
        // Npgsql's own builder knows every keyword, so it cannot tell whether this string names one; the plain builder can.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
        }

        return builder.ConnectionString;
    }

    /// <summary>Brings the schema up to date before the first request, when configured to.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<TraceDb>();
        var sqliteFile = options.IsPostgres ? null : new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (sqliteFile is { Length: > 0 } and not ":memory:" && Path.GetDirectoryName(Path.GetFullPath(sqliteFile)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder); // the embedded default needs no set-up: data/ appears on first start
        }

        if (options.MigrateOnStart)
        {
            await StartupRetry(app.Logger).ExecuteAsync(async token =>
            {
                var applying = await db.Database.GetPendingMigrationsAsync(token);
                await db.Database.MigrateAsync(token);
                // Only a start that moved the schema forward can have rows saved before search keys existed; others skip the scan.
                if (applying.Any())
                {
                    await FillSearchKeysAsync(db, token);
                }
            }, app.Lifetime.ApplicationStopping);
            LogMigrated(app.Logger, options.Provider);
        }

        if (sqliteFile is { Length: > 0 } and not ":memory:")
        {
            // Write-ahead logging lets scans read while a producer writes; the setting stays with the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", app.Lifetime.ApplicationStopping);
        }

        if (scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
        {
            await Demo.DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<Accounts.Account>>(),
                app.Logger, app.Lifetime.ApplicationStopping);
        }
    }

    /// <summary>
    /// Records saved before search keys existed get theirs once, here; every save keeps them after.
    /// Written past the change tracker: a key is no change a person made, so it is not audited.
    /// </summary>
    private static async Task FillSearchKeysAsync(TraceDb db, CancellationToken cancellationToken)
    {
        await FillSearchKeysAsync(db.Organizations, cancellationToken);
        await FillSearchKeysAsync(db.Products, cancellationToken);
        await FillSearchKeysAsync(db.Accounts, cancellationToken);
    }

    private static async Task FillSearchKeysAsync<T>(DbSet<T> records, CancellationToken cancellationToken) where T : class, ISearchable, IRegistryRecord
    {
        foreach (var record in await records.AsNoTracking().Where(r => EF.Property<string?>(r, ISearchable.KeyProperty) == null).ToListAsync(cancellationToken))
        {
            var (id, key) = (record.Id, SearchText.Fold(record.SearchSource));
            await records.Where(r => EF.Property<Guid>(r, "Id") == id)
                .ExecuteUpdateAsync(set => set.SetProperty(r => EF.Property<string?>(r, ISearchable.KeyProperty), key), cancellationToken);
        }
    }

    /// <summary>
    /// A PostgreSQL server that is still starting (a reboot, a service order) refuses connections for
    /// a few seconds; waiting out that window beats failing the whole service start.
    /// </summary>
    private static ResiliencePipeline StartupRetry(ILogger logger) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient).Handle<System.Net.Sockets.SocketException>(),
            MaxRetryAttempts = 8,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(8),
            OnRetry = arguments =>
            {
                LogDatabaseNotReady(logger, arguments.AttemptNumber + 1, arguments.RetryDelay, arguments.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    [LoggerMessage(LogLevel.Warning, "Database not reachable yet (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    private static partial void LogDatabaseNotReady(ILogger logger, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(LogLevel.Information, "Database schema is up to date ({Provider}).")]
    private static partial void LogMigrated(ILogger logger, string provider);

    /// <summary>The connection string is read with the provider's own parser at start, so a typo names the setting instead of failing the first request.</summary>
    private sealed class ConnectionStringCheck(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
    {
        public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
        {
            var connectionString = configuration.GetConnectionString("Trace");
            if (options.IsPostgres && string.IsNullOrWhiteSpace(connectionString))
            {
                return ValidateOptionsResult.Fail("ConnectionStrings:Trace is required when Database:Provider is 'postgres'.");
            }

            try
            {
                _ = options.IsPostgres ? new NpgsqlConnectionStringBuilder(connectionString).ConnectionString : new SqliteConnectionStringBuilder(connectionString ?? DefaultSqlite).ConnectionString;
                return ValidateOptionsResult.Success;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                return ValidateOptionsResult.Fail($"ConnectionStrings:Trace is not a valid {(options.IsPostgres ? "PostgreSQL" : "SQLite")} connection string: {e.Message}");
            }
        }
    }
}
