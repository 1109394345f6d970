using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Api.Audit;

/// <summary>
/// Reads the log back from the database as a verifier must see it: each index with the leaf hash
/// recorded for it and the audit row that now claims it, re-hashed from the row as it stands, so a row
/// changed, removed or renumbered after the fact shows as what it is.
/// </summary>
public static class LogStore
{
    private const int Chunk = 5_000;

    public static async IAsyncEnumerable<(long Index, byte[]? Leaf, AuditEntry? Entry)> RowsAsync(TraceDb db, long size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var start = 0L; start < size; start += Chunk)
        {
            var end = Math.Min(size, start + Chunk);
            var leaves = await db.LogNodes.AsNoTracking().Where(n => n.Position >= start && n.Position < end).ToDictionaryAsync(n => n.Position, n => n.Hash, cancellationToken);
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.LogIndex >= start && a.LogIndex < end).ToDictionaryAsync(a => a.LogIndex!.Value, cancellationToken);
            for (var index = start; index < end; index++)
            {
                var leaf = leaves.GetValueOrDefault(index);
                var entry = entries.GetValueOrDefault(index);
                if (leaf is not null || entry is not null)
                {
                    yield return (index, leaf, entry);
                }
            }
        }

        // A row numbered past the tree with no leaf of its own was never taken in by the log: numbered by hand.
        var strays = await db.AuditEntries.AsNoTracking().Where(a => a.LogIndex >= size && !db.LogNodes.Any(n => n.Position == a.LogIndex))
            .OrderBy(a => a.LogIndex).ToListAsync(cancellationToken);
        foreach (var stray in strays)
        {
            yield return (stray.LogIndex!.Value, null, stray);
        }
    }

    public static async IAsyncEnumerable<byte[]> ExportAsync(TraceDb db, LogSigningKey signing, long size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return Line(json => LogExport.WriteHeader(json, signing.Origin, size, signing.Key));
        foreach (var signed in await db.LogCheckpoints.AsNoTracking().Where(c => c.Size <= size).OrderBy(c => c.Size).Select(c => c.Signed).ToListAsync(cancellationToken))
        {
            yield return Line(json => LogExport.WriteCheckpoint(json, signed));
        }

        await foreach (var (index, leaf, entry) in RowsAsync(db, size, cancellationToken))
        {
            yield return Line(json => LogExport.WriteEntry(json, index, leaf, entry is null ? null : LogEntries.Canonical(entry, index)));
        }
    }

    /// <summary>Checks the stored log against <paramref name="trusted"/> and every checkpoint the log signed, as the offline verifier checks an export.</summary>
    public static async Task<LogVerification> VerifyAsync(TraceDb db, LogSigningKey signing, string trusted, CancellationToken cancellationToken)
    {
        var (anchor, problem) = Checkpoint.Verify(trusted, signing.Key);
        if (anchor is null)
        {
            return LogVerification.Failed(new LogProblem(null, null, $"the trusted checkpoint: {problem}"));
        }

        var size = await LogIntegrator.SizeAsync(db, cancellationToken);
        var verifier = new LogVerifier(anchor);
        foreach (var signed in await db.LogCheckpoints.AsNoTracking().Where(c => c.Size <= size).OrderBy(c => c.Size).Select(c => c.Signed).ToListAsync(cancellationToken))
        {
            verifier.AddCheckpoint(signed, signing.Key);
        }

        await foreach (var (index, leaf, entry) in RowsAsync(db, size, cancellationToken))
        {
            verifier.Add(index, entry is null ? null : LogEntries.Canonical(entry, index), leaf, entry?.Id.ToString());
        }

        return verifier.Finish(size);
    }

    /// <summary>The audit path of an entry, from the stored subtrees it needs, fetched in one query.</summary>
    public static async Task<IReadOnlyList<byte[]>> InclusionProofAsync(TraceDb db, long index, long size, CancellationToken cancellationToken)
    {
        var nodes = await LogIntegrator.NodesAsync(db, StoredSubtrees.Needed(h => MerkleTree.InclusionProof(h, index, size)), cancellationToken);
        return MerkleTree.InclusionProof(new StoredSubtrees(nodes), index, size);
    }

    public static async Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(TraceDb db, long from, long to, CancellationToken cancellationToken)
    {
        var nodes = await LogIntegrator.NodesAsync(db, StoredSubtrees.Needed(h => MerkleTree.ConsistencyProof(h, from, to)), cancellationToken);
        return MerkleTree.ConsistencyProof(new StoredSubtrees(nodes), from, to);
    }

    private static byte[] Line(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
