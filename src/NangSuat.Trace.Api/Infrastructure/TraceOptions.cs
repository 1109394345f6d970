using System.ComponentModel.DataAnnotations;

namespace NangSuat.Trace.Api.Infrastructure;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Apply pending migrations when the service starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool IsPostgres => Provider == "postgres";
}

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Accepted as an administrator token when set; meant for the first start of a portal.</summary>
    [MinLength(16, ErrorMessage = "Auth:BootstrapAdminToken must be at least 16 characters.")]
    public string? BootstrapAdminToken { get; set; }

    /// <summary>Sign-in and one-time-link forms one client address may post per minute; a carrier NAT shares an address, hence not fewer.</summary>
    [Range(1, 100_000, ErrorMessage = "Auth:SignInsPerMinute must be between 1 and 100,000.")]
    public int SignInsPerMinute { get; set; } = 30;
}

public sealed class ResolverOptions
{
    public const string Section = "Resolver";

    /// <summary>Public base URL printed in QR codes, e.g. https://truyxuat.sonla.gov.vn; empty means the request's own address.</summary>
    [RegularExpression(@"^(https?://[^/?#\s]+(/[^?#\s]*)?)?$", ErrorMessage = "Resolver:BaseUrl must be an absolute http(s) URL with no query.")]
    public string BaseUrl { get; set; } = "";

    /// <summary>Scans and public page views allowed per client address per minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Resolver:RequestsPerMinute must be between 1 and 1,000,000.")]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>How long a public answer is served from the server's cache when nothing it shows changes.</summary>
    [Range(0, 86_400, ErrorMessage = "Resolver:CacheSeconds must be between 0 (no cache) and 86,400.")]
    public int CacheSeconds { get; set; } = 300;

    /// <summary>Portal name shown on public pages and in the resolver description.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Resolver:PortalName must not be empty.")]
    [MaxLength(200, ErrorMessage = "Resolver:PortalName must be at most 200 characters.")]
    public string PortalName { get; set; } = "Cổng truy xuất nguồn gốc sản phẩm";
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load a small demo data set into an empty database at start.</summary>
    public bool Seed { get; set; }
}
