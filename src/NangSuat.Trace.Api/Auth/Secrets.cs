using System.Security.Cryptography;
using System.Text;

namespace NangSuat.Trace.Api.Auth;

/// <summary>Secrets handed to people (tokens, one-time links): shown once, kept only as a hash.</summary>
public static class Secrets
{
    /// <summary>256 bits from the system CSPRNG, URL-safe base64 without padding.</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A fast hash is enough: the secret carries 256 bits, so there is nothing to guess from it.</summary>
    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
