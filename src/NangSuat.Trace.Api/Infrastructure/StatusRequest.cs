namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>A change of standing with its reason: a certificate suspended, revoked or reinstated; an organization suspended or reinstated.</summary>
public sealed record StatusRequest(string? Status, string? Reason);

/// <summary>What came of asking a certificate, a body or a designation for a new status: changed, invalid (see the errors) or refused by its present status.</summary>
public enum StatusOutcome
{
    Changed,
    Invalid,
    AlreadyInStatus,
    RevokedIsFinal,
}
