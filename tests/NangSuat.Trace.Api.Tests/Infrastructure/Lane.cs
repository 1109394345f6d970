namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>The two storage lanes every storage test runs on.</summary>
public enum Lane
{
    Sqlite,
    Postgres,
}
