using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;
using NangSuat.Trace.Api.Public;

namespace NangSuat.Trace.Api.Scans;

/// <summary>
/// Counts scans of labels in memory, per GTIN and day, and adds them to the database in one
/// statement per GTIN now and then: a scan stays one cached answer, never a write.
/// </summary>
public sealed class ScanCounter(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Gtin, DateOnly Day), long> pending = new();

    public void Count(string gtin14) => pending.AddOrUpdate((gtin14, clock.TodayInVietnam()), 1, static (_, n) => n + 1);

    /// <summary>Writes what was counted since the last time; counts that fail to write are kept for the next.</summary>
    public async Task WriteAsync(TraceDb db, CancellationToken cancellationToken)
    {
        var taken = new List<KeyValuePair<(string Gtin, DateOnly Day), long>>();
        foreach (var key in pending.Keys)
        {
            // Removed one by one: a scan counted meanwhile lands either in what is taken or in a fresh entry.
            if (pending.TryRemove(key, out var count))
            {
                taken.Add(new(key, count));
            }
        }

        if (taken.Count == 0)
        {
            return;
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var ((gtin, day), count) in taken)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "ScanDays" ("Gtin", "Day", "Count") VALUES ({gtin}, {day}, {count}) ON CONFLICT ("Gtin", "Day") DO UPDATE SET "Count" = "ScanDays"."Count" + excluded."Count" """,
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception)
        {
            foreach (var (key, count) in taken)
            {
                pending.AddOrUpdate(key, count, (_, n) => n + count);
            }

            throw;
        }
    }

    /// <summary>Scans counted but not yet written, from a day on: what a chart adds to what it reads.</summary>
    public IEnumerable<(string Gtin, DateOnly Day, long Count)> PendingSince(DateOnly from) =>
        pending.Where(p => p.Key.Day >= from).Select(p => (p.Key.Gtin, p.Key.Day, p.Value));
}

/// <summary>Writes the counted scans every minute and once more when the service stops.</summary>
public sealed class ScanCountWriter(ScanCounter counter, IServiceScopeFactory scopes, ILogger<ScanCountWriter> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await WriteAsync(CancellationToken.None);
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await counter.WriteAsync(scope.ServiceProvider.GetRequiredService<TraceDb>(), cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "Scan counts could not be written; they are kept for the next attempt");
        }
    }
}

/// <summary>Marks the endpoints whose answers are scans of a label: the resolver's, plain and compressed.</summary>
public sealed class CountsAsScan
{
    public static readonly CountsAsScan Marker = new();
}

public static class ScanCounting
{
    public static IServiceCollection AddScanCounting(this IServiceCollection services) =>
        services.AddSingleton<ScanCounter>().AddHostedService<ScanCountWriter>();

    public static TBuilder CountedAsScans<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CountsAsScan.Marker);

    /// <summary>
    /// Before the answer cache, so a scan answered from it is counted too; after routing, so only the
    /// resolver's answers are looked at, and their GTIN is the one the resolver itself reads from the link.
    /// </summary>
    public static IApplicationBuilder UseScanCounting(this IApplicationBuilder app)
    {
        var counter = app.ApplicationServices.GetRequiredService<ScanCounter>();
        return app.Use(async (context, next) =>
        {
            await next(context);
            if (HttpMethods.IsGet(context.Request.Method) && context.Response.StatusCode is 200 or 300 or 307
                && context.GetEndpoint()?.Metadata.GetMetadata<CountsAsScan>() is not null
                && Gs1.DigitalLink.Parse(context.RawTarget()) is { IsValid: true } link)
            {
                counter.Count(link.Value!.Gtin);
            }
        });
    }
}
