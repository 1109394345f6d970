namespace NangSuat.Trace.Api.Infrastructure;

/// <summary>A change of standing with its reason: a certificate suspended, revoked or reinstated; an organization suspended or reinstated.</summary>
public sealed record StatusRequest(string? Status, string? Reason);
