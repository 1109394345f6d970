using System.Text;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Log.Tests;

public sealed class CompactRangeTests
{
    [Fact]
    public void Appending_leaf_by_leaf_gives_every_tree_head_and_stores_every_perfect_subtree()
    {
        var leaves = Enumerable.Range(0, 130).Select(i => MerkleTree.LeafHash(Encoding.UTF8.GetBytes($"entry {i}"))).ToList();
        var reference = new LeafHashes(leaves);
        var range = new CompactRange();
        var stored = new Dictionary<long, byte[]>();
        Assert.Equal(MerkleTree.EmptyRoot, range.Root());
        foreach (var leaf in leaves)
        {
            range.Append(leaf, (position, hash) => Assert.True(stored.TryAdd(position.Key, hash), $"{position} completed twice"));
            Assert.Equal(MerkleTree.Root(reference, range.Size), range.Root());

            // From the stored nodes alone, a range restarts where it stopped and proofs come out as from the leaves.
            var restarted = CompactRange.FromPeaks(range.Size, [.. CompactRange.Peaks(range.Size).Select(p => stored[p.Key])]);
            Assert.Equal(range.Root(), restarted.Root());
        }

        foreach (var (key, hash) in stored)
        {
            var position = NodePosition.FromKey(key);
            var width = 1L << position.Level;
            Assert.Equal(reference.Hash(position.Index * width, (position.Index + 1) * width), hash);
        }

        var nodes = new StoredSubtrees(stored);
        for (var size = 1; size <= leaves.Count; size += 7)
        {
            for (var index = 0; index < size; index += 5)
            {
                Assert.Equal(MerkleTree.InclusionProof(reference, index, size), MerkleTree.InclusionProof(nodes, index, size));
            }

            Assert.Equal(MerkleTree.ConsistencyProof(reference, size / 3, size), MerkleTree.ConsistencyProof(nodes, size / 3, size));
        }
    }

    [Fact]
    public void A_proof_names_beforehand_every_stored_node_it_reads_and_no_more()
    {
        var leaves = Enumerable.Range(0, 1000).Select(i => MerkleTree.LeafHash([(byte)i, (byte)(i >> 8)])).ToList();
        var range = new CompactRange();
        var stored = new Dictionary<long, byte[]>();
        leaves.ForEach(leaf => range.Append(leaf, (position, hash) => stored[position.Key] = hash));

        var needed = StoredSubtrees.Needed(hashes => MerkleTree.InclusionProof(hashes, 617, 999));
        var fetched = stored.Where(n => needed.Contains(n.Key)).ToDictionary();
        Assert.Equal(MerkleTree.InclusionProof(new LeafHashes(leaves), 617, 999), MerkleTree.InclusionProof(new StoredSubtrees(fetched), 617, 999));
        Assert.InRange(needed.Count, 1, 2 * 10); // about two nodes per level of a 1,000-leaf tree, not the tree

        var consistency = StoredSubtrees.Needed(hashes => MerkleTree.ConsistencyProof(hashes, 300, 999));
        var some = stored.Where(n => consistency.Contains(n.Key)).ToDictionary();
        Assert.Equal(MerkleTree.ConsistencyProof(new LeafHashes(leaves), 300, 999), MerkleTree.ConsistencyProof(new StoredSubtrees(some), 300, 999));
        Assert.Throws<KeyNotFoundException>(() => MerkleTree.InclusionProof(new StoredSubtrees(some), 617, 999));
    }

    [Fact]
    public void Peaks_are_the_set_bits_of_the_size_largest_first()
    {
        Assert.Empty(CompactRange.Peaks(0));
        Assert.Equal([new NodePosition(2, 0), new NodePosition(1, 2), new NodePosition(0, 6)], CompactRange.Peaks(7));
        Assert.Equal([new NodePosition(40, 0)], CompactRange.Peaks(NodePosition.MaxLeaves));
        Assert.Throws<ArgumentException>(() => CompactRange.FromPeaks(7, [new byte[32]]));
    }
}
