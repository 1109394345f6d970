namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>The two storage lanes every storage test runs on.</summary>
public enum Lane
{
    Sqlite,
    Postgres,
}

/// <summary>Whether this run is CI, where a missing PostgreSQL, Chromium or decoder fails instead of skipping.</summary>
public static class Environment
{
    public static bool IsCi => string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips on a laptop without the component; fails on CI, where the test script installs it.</summary>
    public static void Require(bool available, string what)
    {
        if (available)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail($"{what} is required under CI=true but is not available.");
        }

        Assert.Skip($"{what} is not available here; run the README test command, which installs it.");
    }
}
