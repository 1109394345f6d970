using NangSuat.Trace.Log;

namespace NangSuat.Trace.Log.Tests;

public sealed class CheckpointTests
{
    [Fact]
    public void A_signed_checkpoint_verifies_with_the_public_key_alone_and_not_once_altered()
    {
        using var signer = CheckpointKey.Generate("truyxuat.sonla.gov.vn/log");
        var root = MerkleTree.Root(new LeafHashes([MerkleTree.LeafHash([1]), MerkleTree.LeafHash([2])]), 2);
        var signed = new Checkpoint("truyxuat.sonla.gov.vn/log", 2, root).Sign(signer);
        Assert.StartsWith("truyxuat.sonla.gov.vn/log\n2\n", signed);

        using var verifier = CheckpointKey.FromPublicKey("truyxuat.sonla.gov.vn/log", signer.PublicKey);
        var (checkpoint, problem) = Checkpoint.Verify(signed, verifier);
        Assert.Null(problem);
        Assert.Equal(2, checkpoint!.Size);
        Assert.Equal(root, checkpoint.Root);

        // A larger tree size, another root, another key: each refused, with the reason.
        Assert.NotNull(Checkpoint.Verify(signed.Replace("\n2\n", "\n3\n"), verifier).Problem);
        Assert.NotNull(Checkpoint.Verify(signed.Replace(Convert.ToBase64String(root), Convert.ToBase64String(MerkleTree.EmptyRoot)), verifier).Problem);
        using var stranger = CheckpointKey.Generate("truyxuat.sonla.gov.vn/log");
        Assert.Contains("no signature", Checkpoint.Verify(signed, stranger).Problem);

        // Equal when they say the same; a size written with a leading zero or an origin of two lines is not a checkpoint.
        Assert.Equal(new Checkpoint("truyxuat.sonla.gov.vn/log", 2, root.ToArray()), checkpoint);
        Assert.NotNull(Checkpoint.Verify(signed.Replace("\n2\n", "\n02\n"), verifier).Problem);
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("a\nb", 2, root).Sign(signer));

        // The key survives being written out and read back, as the service keeps it between starts.
        using var reloaded = CheckpointKey.FromPrivateKey("truyxuat.sonla.gov.vn/log", signer.ExportPrivateKeyPem());
        Assert.Equal(signer.Id, reloaded.Id);
        Assert.Null(Checkpoint.Verify(new Checkpoint("truyxuat.sonla.gov.vn/log", 2, root).Sign(reloaded), verifier).Problem);
    }
}
