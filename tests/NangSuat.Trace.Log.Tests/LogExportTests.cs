using System.Text;
using System.Text.Json;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Log.Tests;

public sealed class LogExportTests : IDisposable
{
    private const string Origin = "truyxuat.sonla.example/audit";
    private readonly CheckpointKey _key = CheckpointKey.Generate(Origin);

    /// <summary>A log as its store holds it: entries by index with the leaf hash recorded when each was taken in, and a checkpoint every ten.</summary>
    private sealed class StoredLog
    {
        public List<(long Index, string? Entry, byte[]? Leaf)> Rows { get; } = [];
        public List<string> Checkpoints { get; } = [];
    }

    private StoredLog Log(int size)
    {
        var log = new StoredLog();
        var range = new CompactRange();
        for (var i = 0; i < size; i++)
        {
            var entry = $$$"""{"action":"updated","changes":"{\"name\":{\"from\":\"Chè\",\"to\":\"Chè Shan tuyết {{{i}}}\"}}","id":"e-{{{i}}}","index":{{{i}}}}""";
            var leaf = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(entry));
            range.Append(leaf);
            log.Rows.Add((i, entry, leaf));
            if (range.Size % 10 == 0 || range.Size == size)
            {
                log.Checkpoints.Add(new Checkpoint(Origin, range.Size, range.Root()).Sign(_key));
            }
        }

        return log;
    }

    private string Export(StoredLog log)
    {
        var text = new StringBuilder();
        void Line(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer);
            }

            text.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
        }

        Line(w => LogExport.WriteHeader(w, Origin, log.Rows.Count, _key));
        log.Checkpoints.ForEach(c => Line(w => LogExport.WriteCheckpoint(w, c)));
        foreach (var (index, entry, leaf) in log.Rows)
        {
            Line(w => LogExport.WriteEntry(w, index, leaf, entry is null ? null : Encoding.UTF8.GetBytes(entry)));
        }

        return text.ToString();
    }

    private LogVerification Verify(StoredLog log, string? trusted = null, CheckpointKey? key = null) =>
        LogExport.Verify(new StringReader(Export(log)), trusted ?? log.Checkpoints[^1], key ?? _key);

    private static string Altered(string entry) => entry.Replace("Shan tuyết", "Shan tuyet");

    [Fact]
    public void An_untouched_export_verifies_against_its_latest_and_any_earlier_checkpoint()
    {
        var log = Log(57);
        var result = Verify(log);
        Assert.True(result.Verified, result.FirstProblem?.Reason);
        Assert.Equal((57L, 57L), (result.Entries, result.CheckpointSize));

        // A verifier that kept an older checkpoint learns the log still holds that tree as its start.
        var older = Verify(log, trusted: log.Checkpoints[2]);
        Assert.True(older.Verified);
        Assert.Equal(30, older.CheckpointSize);
        Assert.False(older.KeyFromExport);
    }

    [Fact]
    public void An_entry_changed_in_place_is_named()
    {
        var log = Log(57);
        var (index, entry, leaf) = log.Rows[23];
        log.Rows[23] = (index, Altered(entry!), leaf);
        var result = Verify(log);
        Assert.False(result.Verified);
        Assert.Equal(23, result.FirstProblem!.Index);
        Assert.Equal("e-23", result.FirstProblem.EntryId);
        Assert.Contains("changed or moved", result.FirstProblem.Reason);
    }

    [Fact]
    public void A_deleted_entry_is_named_whether_its_hash_stayed_or_went_with_it()
    {
        var log = Log(57);
        log.Rows[40] = (40, null, log.Rows[40].Leaf);
        Assert.Equal(40, Verify(log).FirstProblem!.Index);

        var gone = Log(57);
        gone.Rows.RemoveAt(12);
        var result = Verify(gone);
        Assert.False(result.Verified);
        Assert.Equal(12, result.FirstProblem!.Index);
        Assert.Contains("missing", result.FirstProblem.Reason);

        var lastGone = Log(57);
        lastGone.Rows.RemoveAt(56);
        Assert.Equal(56, Verify(lastGone).FirstProblem!.Index);
    }

    [Fact]
    public void Two_entries_swapped_are_caught_at_the_first_of_them()
    {
        var log = Log(57);
        // Each row keeps its index and recorded hash, but the records trade places, as an UPDATE of their numbers would leave them.
        var (a, b) = (log.Rows[31], log.Rows[44]);
        log.Rows[31] = (31, b.Entry!.Replace("\"index\":44", "\"index\":31"), a.Leaf);
        log.Rows[44] = (44, a.Entry!.Replace("\"index\":31", "\"index\":44"), b.Leaf);
        Assert.Equal(31, Verify(log).FirstProblem!.Index);
    }

    [Fact]
    public void Rewritten_hashes_are_bounded_by_the_signed_checkpoints_around_them()
    {
        var log = Log(57);
        var altered = Altered(log.Rows[23].Entry!);
        log.Rows[23] = (23, altered, MerkleTree.LeafHash(Encoding.UTF8.GetBytes(altered)));
        var result = Verify(log);
        Assert.False(result.Verified);
        Assert.Equal(20, result.FirstProblem!.Index);
        Assert.Equal(30, result.FirstProblem.Before);
    }

    [Fact]
    public void A_checkpoint_not_signed_by_the_key_or_of_another_log_proves_nothing()
    {
        var log = Log(20);
        using var other = CheckpointKey.Generate(Origin);
        Assert.Contains("signature", Verify(log, key: other).FirstProblem!.Reason);

        var foreign = new Checkpoint("another.example/audit", 20, new byte[32]).Sign(_key);
        Assert.Contains("another.example", Verify(log, trusted: foreign).FirstProblem!.Reason);

        var forged = log.Checkpoints[^1].Replace("\n20\n", "\n19\n");
        Assert.False(Verify(log, trusted: forged).Verified);
    }

    [Fact]
    public void Without_a_key_the_exports_own_is_used_and_the_result_says_so()
    {
        var log = Log(12);
        var result = LogExport.Verify(new StringReader(Export(log)), log.Checkpoints[^1]);
        Assert.True(result.Verified);
        Assert.True(result.KeyFromExport);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"format":"something-else/1","origin":"x","treeSize":0}""")]
    [InlineData("")]
    public void An_export_that_is_not_one_says_which_line(string header)
    {
        var result = LogExport.Verify(new StringReader(header + "\n"), Log(1).Checkpoints[0], _key);
        Assert.False(result.Verified);
        Assert.StartsWith("line 1:", result.FirstProblem!.Reason);
    }

    [Fact]
    public void A_checkpoint_that_outruns_the_export_names_the_first_entry_missing()
    {
        var log = Log(30);
        var trusted = log.Checkpoints[^1];
        log.Rows.RemoveRange(25, 5);
        var result = Verify(log, trusted);
        Assert.Equal(25, result.FirstProblem!.Index);
        Assert.Contains("gone", result.FirstProblem.Reason);
    }

    public void Dispose() => _key.Dispose();
}
