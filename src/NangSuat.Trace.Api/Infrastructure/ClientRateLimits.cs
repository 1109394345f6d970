using System.Threading.RateLimiting;

namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>
/// A budget of requests a minute for each client address, the shape of every limit the service sets
/// (scans, sign-ins). Rejections are answered once for all of them: 429 with Retry-After (PublicApi).
/// </summary>
public static class ClientRateLimits
{
    public static RateLimitPartition<string> PerMinute(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
}
