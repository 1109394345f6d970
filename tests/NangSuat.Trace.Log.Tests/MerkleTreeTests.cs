using CsCheck;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Log.Tests;

public sealed class MerkleTreeTests
{
    // The leaves and tree heads used by Certificate Transparency's own test suite (RFC 6962 trees, which RFC 9162 keeps).
    private static readonly string[] Leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void Tree_heads_equal_certificate_transparencys_test_vectors()
    {
        var hashes = new LeafHashes([.. Leaves.Select(l => MerkleTree.LeafHash(Convert.FromHexString(l)))]);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTree.Root(hashes, 0)));
        for (var size = 1; size <= Leaves.Length; size++)
        {
            Assert.Equal(Roots[size - 1], Convert.ToHexStringLower(MerkleTree.Root(hashes, size)));
        }
    }

    [Fact]
    public void Every_leaf_of_every_tree_proves_its_inclusion_and_no_altered_proof_does()
    {
        Gen.Int[1, 300].Select(Gen.Int[0, int.MaxValue]).Sample((size, seed) =>
        {
            var tree = Tree(size);
            var root = MerkleTree.Root(tree, size);
            var index = seed % size;
            var leaf = tree.Hash(index, index + 1);
            var proof = MerkleTree.InclusionProof(tree, index, size);
            Assert.True(MerkleTree.VerifyInclusion(index, size, leaf, proof, root));
            if (size > 1)
            {
                Assert.False(MerkleTree.VerifyInclusion(index, size, tree.Hash((index + 1) % size, (index + 1) % size + 1), proof, root));
                Assert.False(MerkleTree.VerifyInclusion((index + 1) % size, size, leaf, proof, root));
                Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, [.. proof.Take(proof.Count - 1)], root));
                var altered = proof.Select(p => p.ToArray()).ToList();
                altered[seed % altered.Count][seed % 32] ^= 1;
                Assert.False(MerkleTree.VerifyInclusion(index, size, leaf, altered, root));
            }
        }, iter: 400);
    }

    [Fact]
    public void Every_older_tree_is_proved_a_prefix_of_every_newer_one_and_a_rewritten_history_is_not()
    {
        Gen.Int[1, 300].Select(Gen.Int[1, 300]).Sample((a, b) =>
        {
            var (oldSize, newSize) = (Math.Min(a, b), Math.Max(a, b));
            var tree = Tree(newSize);
            var (oldRoot, newRoot) = (MerkleTree.Root(tree, oldSize), MerkleTree.Root(tree, newSize));
            var proof = MerkleTree.ConsistencyProof(tree, oldSize, newSize);
            Assert.True(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof));
            if (oldSize < newSize)
            {
                // The same sizes, but one old entry rewritten: the old root no longer fits the new tree.
                var rewritten = Tree(newSize, changedLeaf: (a * 31 + b) % oldSize);
                Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, MerkleTree.Root(rewritten, oldSize), newRoot, proof));
                Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, MerkleTree.Root(rewritten, newSize), proof));
                Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, newRoot, oldRoot, proof));
                Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. proof.Skip(1)]));
            }
        }, iter: 400);
    }

    [Fact]
    public void Every_pair_of_sizes_up_to_64_proves_consistent_and_no_padded_or_empty_claim_passes()
    {
        var tree = Tree(64);
        for (var newSize = 1; newSize <= 64; newSize++)
        {
            var newRoot = MerkleTree.Root(tree, newSize);
            for (var oldSize = 0; oldSize <= newSize; oldSize++)
            {
                var oldRoot = MerkleTree.Root(tree, oldSize);
                var proof = MerkleTree.ConsistencyProof(tree, oldSize, newSize);
                Assert.True(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, proof), $"{oldSize} → {newSize}");
                Assert.False(MerkleTree.VerifyConsistency(oldSize, newSize, oldRoot, newRoot, [.. proof, newRoot]), $"{oldSize} → {newSize} padded");
            }

            for (var index = 0; index < newSize; index++)
            {
                var proof = MerkleTree.InclusionProof(tree, index, newSize);
                Assert.True(MerkleTree.VerifyInclusion(index, newSize, tree.Hash(index, index + 1), proof, newRoot));
                Assert.False(MerkleTree.VerifyInclusion(index, newSize, tree.Hash(index, index + 1), [.. proof, newRoot], newRoot));
            }

            // The empty tree is a prefix of every tree, but only under its own root; a missing proof element is refused, not thrown on.
            Assert.False(MerkleTree.VerifyConsistency(0, newSize, newRoot, newRoot, []));
            Assert.False(MerkleTree.VerifyInclusion(0, newSize, tree.Hash(0, 1), [null!], newRoot));
        }
    }

    [Fact]
    public void Proofs_have_logarithmic_length()
    {
        var tree = Tree(1_000);
        Assert.Equal(10, MerkleTree.InclusionProof(tree, 517, 1_000).Count);
        Assert.True(MerkleTree.ConsistencyProof(tree, 333, 1_000).Count <= 2 * 10);
    }

    private static LeafHashes Tree(int size, int changedLeaf = -1) =>
        new([.. Enumerable.Range(0, size).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i == changedLeaf ? -i - 1 : i)))]);
}
