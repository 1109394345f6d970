using System.Security.Cryptography;
using System.Text.Json;

namespace NangSuat.Trace.Log;

/// <summary>
/// An exported log as JSON lines: a header naming the log, its size and its public key; then every
/// checkpoint the log signed; then one line per entry, in order, with the leaf hash the log recorded
/// when it took the entry in. docs/transparency-log.md describes each line.
/// </summary>
public static class LogExport
{
    public const string Format = "nangsuat-trace-log/1";
    public const string MediaType = "application/x-ndjson";

    public static void WriteHeader(Utf8JsonWriter line, string origin, long treeSize, CheckpointKey key)
    {
        line.WriteStartObject();
        line.WriteString("format", Format);
        line.WriteString("origin", origin);
        line.WriteNumber("treeSize", treeSize);
        line.WriteStartObject("key");
        line.WriteString("name", key.Name);
        line.WriteBase64String("id", key.Id);
        line.WriteBase64String("publicKey", key.PublicKey);
        line.WriteEndObject();
        line.WriteEndObject();
    }

    public static void WriteCheckpoint(Utf8JsonWriter line, string signedCheckpoint)
    {
        line.WriteStartObject();
        line.WriteString("checkpoint", signedCheckpoint);
        line.WriteEndObject();
    }

    /// <summary>An entry line; <paramref name="canonicalEntry"/> null when the log recorded a hash for an entry that is gone.</summary>
    public static void WriteEntry(Utf8JsonWriter line, long index, byte[]? recordedLeafHash, byte[]? canonicalEntry)
    {
        line.WriteStartObject();
        line.WriteNumber("index", index);
        if (recordedLeafHash is null)
        {
            line.WriteNull("leafHash");
        }
        else
        {
            line.WriteBase64String("leafHash", recordedLeafHash);
        }

        line.WritePropertyName("entry");
        if (canonicalEntry is null)
        {
            line.WriteNullValue();
        }
        else
        {
            line.WriteRawValue(canonicalEntry, skipInputValidation: true);
        }

        line.WriteEndObject();
    }

    /// <summary>
    /// Checks an export against a checkpoint the verifier trusts, signed by <paramref name="key"/>, or by
    /// the key the export names when none is given (the result says so: such a key proves only that the
    /// export agrees with itself).
    /// </summary>
    public static LogVerification Verify(TextReader export, string trustedCheckpoint, CheckpointKey? key = null)
    {
        var lineNumber = 0;
        string? Next()
        {
            lineNumber++;
            return export.ReadLine();
        }

        LogVerification Unreadable(string reason) => LogVerification.Failed(new LogProblem(null, null, $"line {lineNumber}: {reason}"));

        if (Next() is not { } headerLine || !TryParse(headerLine, out var header)
            || header.TryGet("format") != Format || header.TryGet("origin") is not { Length: > 0 } origin
            || !header.RootElement.TryGetProperty("treeSize", out var sizeElement) || !sizeElement.TryGetInt64(out var treeSize) || treeSize < 0)
        {
            return Unreadable($"not the header of a {Format} export (format, origin, treeSize and key)");
        }

        var keyFromExport = key is null;
        if (key is null)
        {
            try
            {
                var named = header.RootElement.GetProperty("key");
                key = CheckpointKey.FromPublicKey(named.GetProperty("name").GetString()!, named.GetProperty("publicKey").GetBytesFromBase64());
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or CryptographicException or ArgumentException)
            {
                return Unreadable("the header's key is not a name and a P-256 public key");
            }
        }

        var (anchor, problem) = Checkpoint.Verify(trustedCheckpoint, key);
        if (anchor is null)
        {
            return LogVerification.Failed(new LogProblem(null, null, $"the trusted checkpoint: {problem}"));
        }

        if (anchor.Origin != origin)
        {
            return LogVerification.Failed(new LogProblem(null, null, $"the trusted checkpoint is of the log '{anchor.Origin}', the export of '{origin}'"));
        }

        var verifier = new LogVerifier(anchor);
        while (Next() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!TryParse(line, out var document))
            {
                return Unreadable("not JSON");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.TryGetProperty("checkpoint", out var signed) && signed.ValueKind == JsonValueKind.String)
                {
                    if (verifier.Entries > 0)
                    {
                        return Unreadable("a checkpoint after the entries; checkpoints come first");
                    }

                    verifier.AddCheckpoint(signed.GetString()!, key);
                    continue;
                }

                if (!root.TryGetProperty("index", out var indexElement) || !indexElement.TryGetInt64(out var index)
                    || !root.TryGetProperty("entry", out var entry) || !root.TryGetProperty("leafHash", out var leafElement))
                {
                    return Unreadable("neither a checkpoint nor an entry (index, leafHash, entry)");
                }

                byte[]? recorded = null;
                if (leafElement.ValueKind != JsonValueKind.Null && (!leafElement.TryGetBytesFromBase64(out recorded) || recorded.Length != MerkleTree.HashSize))
                {
                    return Unreadable("the leaf hash is not 32 bytes in base64");
                }

                byte[]? canonical = null;
                string? id = null;
                if (entry.ValueKind == JsonValueKind.Object)
                {
                    try
                    {
                        canonical = CanonicalJson.Serialize(entry);
                    }
                    catch (FormatException e)
                    {
                        return Unreadable($"the entry has no canonical form: {e.Message}");
                    }

                    id = entry.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
                }
                else if (entry.ValueKind != JsonValueKind.Null)
                {
                    return Unreadable("the entry is neither an object nor null");
                }

                verifier.Add(index, canonical, recorded, id);
            }
        }

        var result = verifier.Finish(treeSize);
        return keyFromExport ? result with { KeyFromExport = true } : result;
    }

    private static bool TryParse(string line, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            document = null!;
            return false;
        }
    }

    private static string? TryGet(this JsonDocument document, string name) =>
        document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>What a check of a log found: whether it holds, how far the trusted checkpoint reaches, and the first entry that is wrong.</summary>
public sealed record LogVerification(bool Verified, long Entries, long CheckpointSize, LogProblem? FirstProblem, IReadOnlyList<string> Notes)
{
    /// <summary>The key came from the export itself, so the result shows the export agrees with itself, not that the log signed it.</summary>
    public bool KeyFromExport { get; init; }

    public static LogVerification Failed(LogProblem problem) => new(false, 0, 0, problem, []);
}

/// <summary>The first wrong entry (its index, and its id when the entry names one), or the first of a range when the log can only bound it.</summary>
public sealed record LogProblem(long? Index, string? EntryId, string Reason)
{
    /// <summary>When the entry cannot be named exactly: the end (exclusive) of the range it lies in.</summary>
    public long? Before { get; init; }
}

/// <summary>
/// Checks a log entry by entry, in one pass and little memory: each entry's canonical form against the
/// leaf hash the log recorded for it, the indexes for gaps, and the tree they make against every
/// signed checkpoint. The same check runs offline on an export and in the service on its database.
/// </summary>
public sealed class LogVerifier(Checkpoint trusted)
{
    private readonly CompactRange _entries = new();
    private readonly SortedDictionary<long, Checkpoint> _checkpoints = new() { [trusted.Size] = trusted };
    private readonly List<string> _notes = [];
    private readonly HashSet<long> _agreed = [];
    private readonly HashSet<long> _disagreed = [];
    private LogProblem? _first;
    private bool _broken;

    public long Entries { get; private set; }

    /// <summary>Another checkpoint the log signed; one whose signature fails is noted and not used.</summary>
    public void AddCheckpoint(string signed, CheckpointKey key)
    {
        var (checkpoint, problem) = Checkpoint.Verify(signed, key);
        if (checkpoint is null || checkpoint.Origin != trusted.Origin)
        {
            _notes.Add($"a checkpoint in the export was not used: {problem ?? "another log's"}");
            return;
        }

        if (_checkpoints.TryGetValue(checkpoint.Size, out var known) && !known.Equals(checkpoint))
        {
            // Two signed heads of one size with different roots: the log itself forked, whatever the entries say.
            Problem(new LogProblem(null, null, $"the log signed two different trees of size {checkpoint.Size}"));
            return;
        }

        _checkpoints[checkpoint.Size] = checkpoint;
        if (checkpoint.Size == 0)
        {
            Compare(checkpoint);
        }
    }

    /// <summary>The next entry: its index, canonical form (null when the record is gone), the leaf hash the log recorded (null when none was) and its id.</summary>
    public void Add(long index, byte[]? canonicalEntry, byte[]? recordedLeafHash, string? id = null)
    {
        Entries++;
        var expected = _entries.Size;
        if (_broken)
        {
            return;
        }

        if (index != expected)
        {
            Problem(index > expected
                ? new LogProblem(expected, null, $"entry {expected} is missing: the log goes from entry {expected - 1} to entry {index}")
                : new LogProblem(index, id, $"entry {index} appears again, or out of order, after entry {expected - 1}"));
            _broken = true;
            return;
        }

        var leaf = canonicalEntry is null ? null : MerkleTree.LeafHash(canonicalEntry);
        if (leaf is null)
        {
            Problem(new LogProblem(index, null, $"entry {index} is missing: the log recorded its hash, but the record is gone"));
        }
        else if (recordedLeafHash is null)
        {
            Problem(new LogProblem(index, id, $"entry {index} was never taken into the log's tree: no hash was recorded for it"));
        }
        else if (!CryptographicOperations.FixedTimeEquals(leaf, recordedLeafHash))
        {
            Problem(new LogProblem(index, id, $"entry {index} does not match the hash recorded when it was logged: it was changed or moved"));
        }

        _entries.Append(leaf ?? recordedLeafHash ?? new byte[MerkleTree.HashSize]);
        if (_checkpoints.TryGetValue(_entries.Size, out var checkpoint))
        {
            Compare(checkpoint);
        }
    }

    public LogVerification Finish(long declaredSize)
    {
        if (trusted.Size == 0)
        {
            Compare(trusted);
        }

        if (!_broken && _entries.Size < trusted.Size)
        {
            Problem(new LogProblem(_entries.Size, null, $"the log ends after {_entries.Size} entries, but the trusted checkpoint covers {trusted.Size}: entries from {_entries.Size} on are gone"));
        }

        if (declaredSize != Entries && !_broken)
        {
            _notes.Add($"the header says {declaredSize} entries; the export holds {Entries}");
        }

        if (_first is null && _disagreed.Count > 0)
        {
            // Every entry matches the hash recorded for it, yet a signed tree head disagrees: the recorded
            // hashes were rewritten along with the entries. Only the checkpoints bound where.
            var bad = _disagreed.Min();
            var good = _agreed.Where(s => s < bad).DefaultIfEmpty(0).Max();
            Problem(new LogProblem(good, null, $"entries {good} to {bad - 1} differ from the tree the log signed at size {bad}, and their recorded hashes were rewritten to match; no checkpoint bounds the change more closely")
            {
                Before = bad,
            });
        }

        return new LogVerification(_first is null && _agreed.Contains(trusted.Size), Entries, trusted.Size, _first, _notes);
    }

    private void Compare(Checkpoint checkpoint)
    {
        var root = checkpoint.Size == 0 ? MerkleTree.EmptyRoot : _entries.Root();
        (CryptographicOperations.FixedTimeEquals(root, checkpoint.Root) ? _agreed : _disagreed).Add(checkpoint.Size);
    }

    private void Problem(LogProblem problem) => _first ??= problem;
}
