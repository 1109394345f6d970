namespace NangSuat.Trace.Log;

/// <summary>
/// The right edge of a growing Merkle tree: one perfect subtree hash per set bit of its size, largest
/// first. It is all a log must hold to append a leaf and to compute its root, so a log of any length
/// is appended to and checked in memory of a few hundred bytes.
/// </summary>
public sealed class CompactRange
{
    private readonly List<(int Level, byte[] Hash)> _peaks = [];

    public long Size { get; private set; }

    /// <summary>A range for a tree of <paramref name="size"/> leaves, from the hashes of <see cref="Peaks(long)"/> in that order.</summary>
    public static CompactRange FromPeaks(long size, IReadOnlyList<byte[]> hashes)
    {
        var positions = Peaks(size);
        if (hashes.Count != positions.Count || hashes.Any(h => h is not { Length: MerkleTree.HashSize }))
        {
            throw new ArgumentException($"A tree of {size} leaves has {positions.Count} peaks, each a SHA-256 hash.", nameof(hashes));
        }

        var range = new CompactRange { Size = size };
        for (var i = 0; i < positions.Count; i++)
        {
            range._peaks.Add((positions[i].Level, hashes[i]));
        }

        return range;
    }

    /// <summary>The perfect subtrees a tree of <paramref name="size"/> leaves is made of, largest (leftmost) first.</summary>
    public static IReadOnlyList<NodePosition> Peaks(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var peaks = new List<NodePosition>();
        var start = 0L;
        for (var level = 62; level >= 0; level--)
        {
            var width = 1L << level;
            if ((size & width) != 0)
            {
                peaks.Add(new NodePosition(level, start >> level));
                start += width;
            }
        }

        return peaks;
    }

    /// <summary>Appends a leaf hash; every perfect subtree this completes is passed to <paramref name="completed"/>, the leaf itself first.</summary>
    public void Append(byte[] leafHash, Action<NodePosition, byte[]>? completed = null)
    {
        if (leafHash is not { Length: MerkleTree.HashSize })
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        completed?.Invoke(new NodePosition(0, Size), leafHash);
        var (level, hash) = (0, leafHash);
        while (_peaks.Count > 0 && _peaks[^1].Level == level)
        {
            hash = MerkleTree.NodeHash(_peaks[^1].Hash, hash);
            _peaks.RemoveAt(_peaks.Count - 1);
            level++;
            completed?.Invoke(new NodePosition(level, Size >> level), hash);
        }

        _peaks.Add((level, hash));
        Size++;
    }

    /// <summary>The tree head: the peaks folded from the right, as RFC 9162 splits an unbalanced tree.</summary>
    public byte[] Root()
    {
        if (_peaks.Count == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var root = _peaks[^1].Hash;
        for (var i = _peaks.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(_peaks[i].Hash, root);
        }

        return root;
    }
}

/// <summary>
/// A perfect subtree: the 2^<see cref="Level"/> leaves starting at <see cref="Index"/> × 2^Level. Its
/// <see cref="Key"/> packs both into one number, so a store can fetch a proof's nodes in one look-up.
/// </summary>
public readonly record struct NodePosition(int Level, long Index)
{
    /// <summary>Leaves a log may hold: 2^40, a million a second for twelve days short of 35 years.</summary>
    public const long MaxLeaves = 1L << 40;

    public long Key => (long)Level * MaxLeaves + Index;

    public static NodePosition FromKey(long key) => new((int)(key / MaxLeaves), key % MaxLeaves);
}

/// <summary>
/// Subtree hashes from a store of perfect subtrees (as a log keeps them): a range that is not one
/// perfect subtree is split as the tree splits it. <see cref="Needed"/> says which nodes a proof will
/// ask for, so they can be fetched at once before it runs.
/// </summary>
public sealed class StoredSubtrees(IReadOnlyDictionary<long, byte[]> nodes) : ISubtreeHashes
{
    public byte[] Hash(long start, long end)
    {
        var size = end - start;
        if ((size & (size - 1)) == 0 && start % size == 0)
        {
            var position = new NodePosition((int)long.TrailingZeroCount(size), start / size);
            return nodes.TryGetValue(position.Key, out var hash)
                ? hash
                : throw new KeyNotFoundException($"The log holds no node at level {position.Level}, index {position.Index}.");
        }

        var split = start + MerkleTree.Split(size);
        return MerkleTree.NodeHash(Hash(start, split), Hash(split, end));
    }

    /// <summary>The keys of the perfect subtrees <paramref name="compute"/> reads, found by running it over placeholder hashes.</summary>
    public static IReadOnlyCollection<long> Needed(Action<ISubtreeHashes> compute)
    {
        var recorder = new Recorder();
        compute(recorder);
        return recorder.Keys;
    }

    private sealed class Recorder : ISubtreeHashes
    {
        private static readonly byte[] Placeholder = new byte[MerkleTree.HashSize];

        public HashSet<long> Keys { get; } = [];

        public byte[] Hash(long start, long end)
        {
            var size = end - start;
            if ((size & (size - 1)) == 0 && start % size == 0)
            {
                Keys.Add(new NodePosition((int)long.TrailingZeroCount(size), start / size).Key);
                return Placeholder;
            }

            var split = start + MerkleTree.Split(size);
            Hash(start, split);
            Hash(split, end);
            return Placeholder;
        }
    }
}
