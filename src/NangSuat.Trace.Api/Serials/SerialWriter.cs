using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NangSuat.Trace.Api.Data;
using Npgsql;
using NpgsqlTypes;

namespace NangSuat.Trace.Api.Serials;

/// <summary>
/// Writes serials to the database, streaming them: binary COPY on PostgreSQL, one prepared statement
/// on SQLite. A million serials never sit in memory as entities. A small batch is written whole with
/// its request; a large one is accepted first and written by <see cref="SerialIssuer"/> in chunks.
/// </summary>
public static class SerialWriter
{
    public enum ChunkOutcome
    {
        Written,

        /// <summary>A drawn serial was already issued for the GTIN: nothing was written, draw again.</summary>
        Collided,

        /// <summary>Another worker wrote this chunk first: nothing was written.</summary>
        Overtaken,
    }

    /// <summary>False when a unique key refused the write (a serial already issued for the GTIN, or the idempotency key); nothing is then written.</summary>
    public static async Task<bool> TryWriteAsync(TraceDb db, SerialBatch batch, Guid productId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            (batch.Issued, batch.CompletedAt) = (batch.Count, batch.CreatedAt);
            db.SerialBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken); // a racing retry with the same Idempotency-Key fails here
            await WriteSerialsAsync(db, transaction, batch.Id, batch.LotId, productId, batch.Count, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e.IsUniqueViolation())
        {
            await transaction.RollbackAsync(cancellationToken);
            db.Entry(batch).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>Records a batch to be issued in the background; false when its idempotency key was taken by a racing request.</summary>
    public static async Task<bool> TryAcceptAsync(TraceDb db, SerialBatch batch, CancellationToken cancellationToken)
    {
        (batch.Issued, batch.CompletedAt) = (0, null);
        db.SerialBatches.Add(batch);
        if (await db.TrySaveUniqueAsync(cancellationToken))
        {
            return true;
        }

        db.Entry(batch).State = EntityState.Detached;
        return false;
    }

    /// <summary>
    /// Writes the next chunk of a batch and advances its count in the same transaction, only if the
    /// count is still the one read: two workers never write the same chunk twice.
    /// </summary>
    public static async Task<ChunkOutcome> WriteChunkAsync(
        TraceDb db, Guid batchId, Guid lotId, Guid productId, int issuedBefore, int count, int total, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var issuedAfter = issuedBefore + count;
            DateTimeOffset? completedAt = issuedAfter >= total ? now : null;
            var advanced = await db.SerialBatches.Where(b => b.Id == batchId && b.Issued == issuedBefore)
                .ExecuteUpdateAsync(set => set.SetProperty(b => b.Issued, issuedAfter).SetProperty(b => b.CompletedAt, completedAt), cancellationToken);
            if (advanced == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return ChunkOutcome.Overtaken;
            }

            await WriteSerialsAsync(db, transaction, batchId, lotId, productId, count, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ChunkOutcome.Written;
        }
        catch (Exception e) when (e.IsUniqueViolation())
        {
            await transaction.RollbackAsync(cancellationToken);
            return ChunkOutcome.Collided;
        }
    }

    private static Task WriteSerialsAsync(
        TraceDb db, IDbContextTransaction transaction, Guid batchId, Guid lotId, Guid productId, int count, CancellationToken cancellationToken) =>
        db.Database.GetDbConnection() is NpgsqlConnection postgres
            ? CopyAsync(postgres, batchId, lotId, productId, count, cancellationToken)
            : InsertAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), batchId, lotId, productId, count, cancellationToken);

    private static async Task CopyAsync(NpgsqlConnection connection, Guid batchId, Guid lotId, Guid productId, int count, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY \"SerialNumbers\" (\"ProductId\", \"Value\", \"LotId\", \"BatchId\") FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < count; i++)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(productId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(SerialNumber.NewValue(), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(lotId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(batchId, NpgsqlDbType.Uuid, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, Guid batchId, Guid lotId, Guid productId, int count, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO \"SerialNumbers\" (\"ProductId\", \"Value\", \"LotId\", \"BatchId\") VALUES ($product, $value, $lot, $batch)";
        // EF stores GUIDs in SQLite as upper-case text; the rows must match what its queries compare against.
        Parameter(command, "$product", productId.ToString().ToUpperInvariant());
        var value = Parameter(command, "$value", "");
        Parameter(command, "$lot", lotId.ToString().ToUpperInvariant());
        Parameter(command, "$batch", batchId.ToString().ToUpperInvariant());
        await command.PrepareAsync(cancellationToken);
        for (var i = 0; i < count; i++)
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
