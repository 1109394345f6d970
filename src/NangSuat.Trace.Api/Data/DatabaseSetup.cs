using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Data;

public static partial class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/trace.db";

    public static IServiceCollection AddTraceDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<TraceDb>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = configuration.GetConnectionString("Trace");
            if (database.IsPostgres)
            {
                options.UseNpgsql(connectionString ?? throw new OptionsValidationException("ConnectionStrings:Trace", typeof(DatabaseOptions),
                    ["ConnectionStrings:Trace is required when Database:Provider is 'postgres'."]));
            }
            else
            {
                options.UseSqlite(connectionString ?? DefaultSqlite);
            }

            // The migrations are hand-written without a model snapshot; MigratedSchemaTests is the check instead.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        return services;
    }

    /// <summary>Brings the schema up to date before the first request, when configured to.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = scope.ServiceProvider.GetRequiredService<TraceDb>();
        if (!options.IsPostgres
            && new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } file
            && file != ":memory:"
            && Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder); // the embedded default needs no set-up: data/ appears on first start
        }

        if (options.MigrateOnStart)
        {
            await StartupRetry(app.Logger).ExecuteAsync(async token => await db.Database.MigrateAsync(token), app.Lifetime.ApplicationStopping);
            LogMigrated(app.Logger, options.Provider);
        }

        if (scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
        {
            await Demo.DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), app.Logger, app.Lifetime.ApplicationStopping);
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
}
