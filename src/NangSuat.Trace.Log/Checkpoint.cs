using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NangSuat.Trace.Log;

/// <summary>
/// A log's tree head as a small text laid out as C2SP's tlog-checkpoint: the log's origin, the tree size
/// and the root hash in base64, one per line, then a blank line and signature lines. The signature is
/// ECDSA P-256 with this library's own key id (below), not one of signed-note's registered key types:
/// it is checked with this library or by the rule docs/transparency-log.md writes down. Signed, a checkpoint is what a
/// verifier keeps: a later export must contain this tree, unchanged, as its prefix.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] Root)
{
    public string Body => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(Root)}\n";

    /// <summary>The body followed by one signature line, "— {key name} {base64 of key id (4 bytes) and the DER signature}".</summary>
    public string Sign(CheckpointKey key)
    {
        if (Origin.Length == 0 || Origin.Any(char.IsControl) || Size < 0 || Root.Length != MerkleTree.HashSize)
        {
            throw new InvalidOperationException("A checkpoint has a one-line origin, a tree size of 0 or more and a SHA-256 root.");
        }

        return $"{Body}\n— {key.Name} {Convert.ToBase64String([.. key.Id, .. key.SignBody(Body)])}\n";
    }

    /// <summary>Two checkpoints are equal when they say the same: the root compared by its bytes, not as the same array.</summary>
    public bool Equals(Checkpoint? other) =>
        other is not null && Origin == other.Origin && Size == other.Size && Root.AsSpan().SequenceEqual(other.Root);

    public override int GetHashCode() => HashCode.Combine(Origin, Size);

    /// <summary>Reads a signed checkpoint and checks its signature by the key given; null (with why) when either fails.</summary>
    public static (Checkpoint? Checkpoint, string? Problem) Verify(string signed, CheckpointKey key)
    {
        // The body never holds a blank line, so the last one ends it, whatever the signature lines carry.
        var split = signed.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return (null, "no blank line between the checkpoint and its signature");
        }

        var body = signed[..(split + 1)];
        var lines = body.Split('\n');
        if (lines.Length != 4 || lines[0].Length == 0 || lines[0].Any(char.IsControl)
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || lines[1] != size.ToString(CultureInfo.InvariantCulture)
            || !TryBase64(lines[2], out var root) || root.Length != MerkleTree.HashSize)
        {
            return (null, "the checkpoint is not three lines of origin, tree size and a base64 SHA-256 root");
        }

        foreach (var line in signed[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts is ["—", var name, var encoded] && name == key.Name && TryBase64(encoded, out var bytes) && bytes.Length > 4
                && bytes.AsSpan(0, 4).SequenceEqual(key.Id))
            {
                return key.VerifyBody(body, bytes.AsSpan(4))
                    ? (new Checkpoint(lines[0], size, root), null)
                    : (null, $"the signature by {key.Name} does not match the checkpoint");
            }
        }

        return (null, $"no signature by {key.Name}");
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}

/// <summary>
/// An ECDSA P-256 key that signs checkpoints, named; its id is the first four bytes of SHA-256 over the
/// name, a newline and the public key (SubjectPublicKeyInfo), so a verifier can tell keys apart.
/// </summary>
public sealed class CheckpointKey : IDisposable
{
    private readonly ECDsa _key;

    private CheckpointKey(string name, ECDsa key)
    {
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c == '+'))
        {
            throw new ArgumentException("A key name is one word, without '+'.", nameof(name));
        }

        (Name, _key) = (name, key);
        PublicKey = key.ExportSubjectPublicKeyInfo();
        Id = SHA256.HashData([.. Encoding.UTF8.GetBytes(name + "\n"), .. PublicKey])[..4];
    }

    public string Name { get; }

    public byte[] Id { get; }

    /// <summary>DER SubjectPublicKeyInfo: what a verifier is given, never the private key.</summary>
    public byte[] PublicKey { get; }

    public static CheckpointKey Generate(string name) => new(name, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>A signing key from its PKCS#8 form (PEM or DER).</summary>
    public static CheckpointKey FromPrivateKey(string name, string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return new(name, key);
    }

    /// <summary>A key that can only verify, from the public key a log publishes.</summary>
    public static CheckpointKey FromPublicKey(string name, ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return new(name, key);
    }

    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    internal byte[] SignBody(string body) =>
        _key.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    internal bool VerifyBody(string body, ReadOnlySpan<byte> signature) =>
        _key.VerifyData(Encoding.UTF8.GetBytes(body), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();
}
