using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NangSuat.Trace.Api.Data;
using Npgsql;
using NpgsqlTypes;

namespace NangSuat.Trace.Api.Serials;

/// <summary>
/// Writes a batch and its serials in one transaction, streaming them to the database: binary COPY on
/// PostgreSQL, one prepared statement on SQLite. A million serials never sit in memory as entities.
/// </summary>
public static class SerialWriter
{
    /// <summary>False when a unique key refused the write (a serial already issued for the GTIN, or the idempotency key); nothing is then written.</summary>
    public static async Task<bool> TryWriteAsync(TraceDb db, SerialBatch batch, Guid productId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        try
        {
            db.SerialBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken); // a racing retry with the same Idempotency-Key fails here
            if (connection is NpgsqlConnection postgres)
            {
                await CopyAsync(postgres, batch, productId, cancellationToken);
            }
            else
            {
                await InsertAsync(connection, transaction.GetDbTransaction(), batch, productId, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteExtendedErrorCode: 1555 or 2067 }
            || (e is DbUpdateException update && update.IsUniqueViolation()))
        {
            await transaction.RollbackAsync(cancellationToken);
            db.Entry(batch).State = EntityState.Detached;
            return false;
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, SerialBatch batch, Guid productId, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY \"SerialNumbers\" (\"ProductId\", \"Value\", \"LotId\", \"BatchId\") FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(productId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(SerialNumber.NewValue(), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(batch.LotId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(batch.Id, NpgsqlDbType.Uuid, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, SerialBatch batch, Guid productId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO \"SerialNumbers\" (\"ProductId\", \"Value\", \"LotId\", \"BatchId\") VALUES ($product, $value, $lot, $batch)";
        // EF stores GUIDs in SQLite as upper-case text; the rows must match what its queries compare against.
        Parameter(command, "$product", productId.ToString().ToUpperInvariant());
        var value = Parameter(command, "$value", "");
        Parameter(command, "$lot", batch.LotId.ToString().ToUpperInvariant());
        Parameter(command, "$batch", batch.Id.ToString().ToUpperInvariant());
        await command.PrepareAsync(cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            value.Value = SerialNumber.NewValue();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
