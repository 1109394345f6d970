using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Tests.Infrastructure;

namespace NangSuat.Trace.Api.Tests;

/// <summary>
/// The migrations are written by hand, so this is what proves them: the schema they build must be
/// the one EF Core derives from the model (EnsureCreated in a scratch database), on each provider.
/// </summary>
public abstract class MigratedSchemaTests(Lane lane)
{
    [Fact]
    public async Task Migrations_build_exactly_the_schema_the_model_expects()
    {
        await using var migrated = await TraceApp.StartAsync(lane);
        await using var scratch = await TraceApp.StartAsync(lane, migrateOnStart: false);
        _ = migrated.Server; // starting the host applies the migrations

        var scratchOptions = scratch.Services.GetRequiredService<DbContextOptions<TraceDb>>();
        await using (var db = new TraceDb(scratchOptions))
        {
            await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        }

        using var scope = migrated.Services.CreateScope();
        var migratedDb = scope.ServiceProvider.GetRequiredService<TraceDb>();
        Assert.Empty(await migratedDb.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        var expected = await DescribeAsync(new TraceDb(scratchOptions));
        var actual = await DescribeAsync(migratedDb);

        Assert.NotEmpty(expected);
        Assert.True(expected.SetEquals(actual),
            $"Model has, migrations lack: {string.Join("; ", expected.Except(actual))}\nMigrations have, model lacks: {string.Join("; ", actual.Except(expected))}");
    }

    // EF's own bookkeeping tables (__EFMigrationsHistory, __EFMigrationsLock) are not part of the model.
    /// <summary>Tables, columns with store type and nullability, and indexes with their uniqueness and columns.</summary>
    private async Task<SortedSet<string>> DescribeAsync(TraceDb db)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        if (lane == Lane.Sqlite)
        {
            foreach (var table in await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_EFMigrations%' ESCAPE '\\'"))
            {
                foreach (var column in await QueryAsync(connection, $"SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{table}')"))
                {
                    lines.Add($"{table}.{column}");
                }

                foreach (var index in await QueryAsync(connection, $"SELECT il.name || ' unique=' || il.\"unique\" || ' (' || (SELECT group_concat(name, ',') FROM pragma_index_info(il.name)) || ')' FROM pragma_index_list('{table}') il"))
                {
                    lines.Add($"{table} index {index}");
                }

                foreach (var key in await QueryAsync(connection, $"SELECT \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' on delete ' || on_delete FROM pragma_foreign_key_list('{table}')"))
                {
                    lines.Add($"{table} fk {key}");
                }
            }
        }
        else
        {
            foreach (var column in await QueryAsync(connection, "SELECT table_name || '.' || column_name || ' ' || data_type || ' nullable=' || is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'"))
            {
                lines.Add(column);
            }

            foreach (var index in await QueryAsync(connection, "SELECT tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'"))
            {
                lines.Add(index);
            }

            foreach (var key in await QueryAsync(connection, "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '\"__EFMigrationsHistory\"'"))
            {
                lines.Add(key);
            }
        }

        return lines;
    }

    private static async Task<List<string>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}

public sealed class MigratedSchemaTestsOnSqlite() : MigratedSchemaTests(Lane.Sqlite);

public sealed class MigratedSchemaTestsOnPostgres() : MigratedSchemaTests(Lane.Postgres);
