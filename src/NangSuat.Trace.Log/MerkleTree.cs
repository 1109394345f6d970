using System.Security.Cryptography;

namespace NangSuat.Trace.Log;

/// <summary>
/// The Merkle tree of Certificate Transparency (RFC 9162 §2.1): SHA-256, a leaf hashed with a 0x00
/// prefix and an interior node with 0x01, so no leaf can pass for a node; an unbalanced tree splits at
/// the largest power of two below its size. Proofs are computed from the leaf hashes through a
/// <see cref="ISubtreeHashes"/>, so a store that keeps whole subtrees answers without rehashing the log.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot => SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        var buffer = entry.Length <= 1024 ? stackalloc byte[entry.Length + 1] : new byte[entry.Length + 1];
        buffer[0] = 0x00;
        entry.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * HashSize];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly below <paramref name="size"/> (size ≥ 2): where the tree splits.</summary>
    public static long Split(long size) => 1L << (63 - (int)long.LeadingZeroCount(size - 1));

    /// <summary>The tree head of the first <paramref name="size"/> leaves.</summary>
    public static byte[] Root(ISubtreeHashes hashes, long size) => size == 0 ? EmptyRoot : hashes.Hash(0, size);

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, nearest sibling first.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(ISubtreeHashes hashes, long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var path = new List<byte[]>();
        // Walk down from the root, keeping the sibling of each step; reversed at the end, since the proof starts at the leaf.
        var (start, end) = (0L, size);
        while (end - start > 1)
        {
            var middle = start + Split(end - start);
            if (index < middle)
            {
                path.Add(hashes.Hash(middle, end));
                end = middle;
            }
            else
            {
                path.Add(hashes.Hash(start, middle));
                start = middle;
            }
        }

        path.Reverse();
        return path;
    }

    /// <summary>The proof that the tree of <paramref name="oldSize"/> leaves is a prefix of the tree of <paramref name="newSize"/> (RFC 9162 §2.1.4).</summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(ISubtreeHashes hashes, long oldSize, long newSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var proof = new List<byte[]>();
        if (oldSize == 0 || oldSize == newSize)
        {
            return proof;
        }

        SubProof(hashes, oldSize, 0, newSize, wholeOldTree: true, proof);
        return proof;
    }

    private static void SubProof(ISubtreeHashes hashes, long m, long start, long end, bool wholeOldTree, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!wholeOldTree)
            {
                proof.Add(hashes.Hash(start, end));
            }

            return;
        }

        var k = Split(n);
        if (m <= k)
        {
            SubProof(hashes, m, start, start + k, wholeOldTree, proof);
            proof.Add(hashes.Hash(start + k, end));
        }
        else
        {
            SubProof(hashes, m - k, start + k, end, wholeOldTree: false, proof);
            proof.Add(hashes.Hash(start, start + k));
        }
    }

    /// <summary>Whether the audit path proves the leaf hash sits at <paramref name="index"/> in the tree with this root (RFC 9162 §2.1.3.2).</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size || leafHash.Length != HashSize || root.Length != HashSize || proof.Any(p => p is not { Length: HashSize }))
        {
            return false;
        }

        var (fn, sn) = (index, size - 1);
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        (fn, sn) = (fn >> 1, sn >> 1);
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            (fn, sn) = (fn >> 1, sn >> 1);
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>Whether the proof shows the tree of <paramref name="oldSize"/> leaves with the first root is a prefix of the tree with the second (RFC 9162 §2.1.4.2).</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 0 || oldSize > newSize || oldRoot.Length != HashSize || newRoot.Length != HashSize || proof.Any(p => p is not { Length: HashSize }))
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        if (oldSize == 0)
        {
            // Every tree extends the empty one, whose root is known: nothing to prove, but a claimed root must be that one.
            return proof.Count == 0 && oldRoot.SequenceEqual(EmptyRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = new List<byte[]>(proof);
        // A power-of-two old tree is itself a node of the new one: its root starts the walk.
        if ((oldSize & (oldSize - 1)) == 0)
        {
            path.Insert(0, oldRoot.ToArray());
        }

        var (fn, sn) = (oldSize - 1, newSize - 1);
        while ((fn & 1) == 1)
        {
            (fn, sn) = (fn >> 1, sn >> 1);
        }

        var (fr, sr) = (path[0], path[0]);
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        (fn, sn) = (fn >> 1, sn >> 1);
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            (fn, sn) = (fn >> 1, sn >> 1);
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, oldRoot) && CryptographicOperations.FixedTimeEquals(sr, newRoot);
    }
}

/// <summary>The hash of the subtree over leaves [start, end): how a log answers for its tree without holding it whole.</summary>
public interface ISubtreeHashes
{
    byte[] Hash(long start, long end);
}

/// <summary>
/// Subtree hashes from the leaf hashes held in memory: what an offline verifier of an exported log
/// uses. Whole power-of-two subtrees aligned on their size are remembered (they never change in an
/// append-only log), so each proof after the first costs a logarithmic number of hashes. One instance
/// serves one thread; the arrays it returns are shared with its memory and must not be changed.
/// </summary>
public sealed class LeafHashes(IReadOnlyList<byte[]> leaves) : ISubtreeHashes
{
    private readonly Dictionary<(long, long), byte[]> _perfect = [];

    public long Count => leaves.Count;

    public byte[] Hash(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, leaves.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(start, end);
        if (end - start == 1)
        {
            return leaves[(int)start];
        }

        var size = end - start;
        var perfect = (size & (size - 1)) == 0 && start % size == 0;
        if (perfect && _perfect.TryGetValue((start, end), out var known))
        {
            return known;
        }

        var split = start + MerkleTree.Split(size);
        var hash = MerkleTree.NodeHash(Hash(start, split), Hash(split, end));
        if (perfect)
        {
            _perfect[(start, end)] = hash;
        }

        return hash;
    }
}
