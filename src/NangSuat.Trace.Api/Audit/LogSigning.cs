using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NangSuat.Trace.Log;

namespace NangSuat.Trace.Api.Audit;

public sealed class LogOptions
{
    public const string Section = "Log";

    /// <summary>The log's name in every checkpoint and the signing key's name: one word, e.g. truyxuat.sonla.gov.vn/audit.</summary>
    [RegularExpression(@"^[^\s+]{1,100}$", ErrorMessage = "Log:Origin must be one word of at most 100 characters, without '+'.")]
    public string Origin { get; set; } = "nangsuat-trace/audit";

    /// <summary>The checkpoint signing key, an ECDSA P-256 private key in PKCS#8 PEM; when empty, <see cref="SigningKeyFile"/> holds it.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Where the key is kept when not given inline; generated there on first start if missing (relative to the working directory).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Log:SigningKeyFile must not be empty.")]
    public string SigningKeyFile { get; set; } = "data/log-signing-key.pem";

    /// <summary>The longest a new entry waits for a signed checkpoint: 0 signs after every entry the log takes in.</summary>
    [Range(0, 60, ErrorMessage = "Log:CheckpointSeconds must be between 0 and 60: the log signs at least once a minute while entries arrive.")]
    public int CheckpointSeconds { get; set; } = 30;
}

/// <summary>
/// The key that signs the log's checkpoints, read once at start: from configuration, or from its file,
/// which the first start of a portal creates (readable by the service's user alone). Losing the file
/// does not lose the log, but checkpoints signed before cannot be checked with a new key.
/// </summary>
public sealed partial class LogSigningKey(IOptions<LogOptions> options, ILogger<LogSigningKey> log) : IDisposable
{
    private readonly Lazy<CheckpointKey> _key = new(() => Load(options.Value, log));

    public CheckpointKey Key => _key.Value;

    public string Origin => options.Value.Origin;

    private static CheckpointKey Load(LogOptions options, ILogger log)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return CheckpointKey.FromPrivateKey(options.Origin, options.SigningKey);
        }

        var path = Path.GetFullPath(options.SigningKeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var generated = CheckpointKey.Generate(options.Origin);
            try
            {
                // CreateNew: when two starts race, one writes the key and the other reads it.
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var file = new FileStream(path, create);
                using var writer = new StreamWriter(file);
                writer.Write(generated.ExportPrivateKeyPem());
                LogGenerated(log, path);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        return CheckpointKey.FromPrivateKey(options.Origin, File.ReadAllText(path));
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    /// <summary>A key that cannot be read stops the start with the setting's name, like any other wrong setting.</summary>
    internal sealed class Check : IValidateOptions<LogOptions>
    {
        public ValidateOptionsResult Validate(string? name, LogOptions options)
        {
            try
            {
                if (!string.IsNullOrWhiteSpace(options.SigningKey))
                {
                    using var key = CheckpointKey.FromPrivateKey("check", options.SigningKey);
                    return Success(key, "Log:SigningKey");
                }

                if (File.Exists(options.SigningKeyFile))
                {
                    using var key = CheckpointKey.FromPrivateKey("check", File.ReadAllText(options.SigningKeyFile));
                    return Success(key, $"Log:SigningKeyFile ({options.SigningKeyFile})");
                }

                return ValidateOptionsResult.Success;
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
            {
                return ValidateOptionsResult.Fail($"{(string.IsNullOrWhiteSpace(options.SigningKey) ? $"Log:SigningKeyFile ({options.SigningKeyFile})" : "Log:SigningKey")} is not an ECDSA P-256 private key in PEM: {e.Message}");
            }
        }

        private static ValidateOptionsResult Success(CheckpointKey key, string setting) =>
            key.PublicKey.Length == 91 // a P-256 SubjectPublicKeyInfo; any other curve is longer or shorter
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{setting} is an ECDSA key on another curve; the log signs with P-256.");
    }

    [LoggerMessage(LogLevel.Warning, "Generated the audit log's signing key at {Path}. Back it up: checkpoints signed with it can only be checked with it.")]
    private static partial void LogGenerated(ILogger logger, string path);
}
