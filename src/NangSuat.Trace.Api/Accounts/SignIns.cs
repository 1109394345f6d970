using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Audit;
using NangSuat.Trace.Api.Data;
using NangSuat.Trace.Api.Infrastructure;

namespace NangSuat.Trace.Api.Accounts;

public enum SignInVerdict
{
    SignedIn,
    WrongCredentials,
    LockedOut,
    Disabled,
}

public sealed record SignInOutcome(SignInVerdict Result, Account? Account, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Checks a sign-in and keeps its count: five wrong passwords in a row lock the account for fifteen
/// minutes. Every sign-in, failed sign-in and sign-out goes into the audit record.
/// </summary>
public sealed class SignIns(TraceDb db, IPasswordHasher<Account> hasher, TimeProvider clock)
{
    public const int FailuresBeforeLockout = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    // Compared against when no account matches, so an unknown name costs as long as a wrong password.
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<Account>().HashPassword(null!, Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> SignInAsync(string? login, string? password, CancellationToken cancellationToken)
    {
        var name = (login ?? "").Trim();
        var account = name.Length is > 0 and <= 200 ? await FindAsync(name, cancellationToken) : null;
        var now = clock.GetUtcNow();
        if (account is null)
        {
            hasher.VerifyHashedPassword(null!, NobodysHash.Value, password ?? "");
            await AuditAsync(null, "signInFailed", new { login = FieldErrors.Shown(name), reason = "unknownAccount" }, now, cancellationToken);
            return new SignInOutcome(SignInVerdict.WrongCredentials, null);
        }

        if (account.LockedUntil is { } until && until > now)
        {
            await AuditAsync(account, "signInFailed", new { reason = "lockedOut" }, now, cancellationToken);
            return new SignInOutcome(SignInVerdict.LockedOut, account, until);
        }

        var verified = password is { Length: > 0 and <= AccountRules.MaximumPasswordLength * 4 }
            ? hasher.VerifyHashedPassword(account, account.PasswordHash, password)
            : PasswordVerificationResult.Failed;
        if (verified == PasswordVerificationResult.Failed)
        {
            return await FailedAsync(account, now, cancellationToken);
        }

        if (account.DisabledAt is not null)
        {
            await AuditAsync(account, "signInFailed", new { reason = "disabled" }, now, cancellationToken);
            return new SignInOutcome(SignInVerdict.Disabled, account);
        }

        var rehashed = verified == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password!) : account.PasswordHash;
        // Written past the change tracker: a sign-in is its own audit entry, not an edit of the account.
        await db.Accounts.Where(a => a.Id == account.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FailedSignIns, 0).SetProperty(a => a.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(a => a.LastSignInAt, now).SetProperty(a => a.PasswordHash, rehashed), cancellationToken);
        await AuditAsync(account, "signedIn", new { }, now, cancellationToken);
        return new SignInOutcome(SignInVerdict.SignedIn, account);
    }

    public async Task SignedOutAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        await AuditAsync(account, "signedOut", new { }, clock.GetUtcNow(), cancellationToken);
    }

    private async Task<SignInOutcome> FailedAsync(Account account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One statement counts the failure, so twenty guesses at once count twenty.
        await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.FailedSignIns, a => a.FailedSignIns + 1), cancellationToken);
        var failures = await db.Accounts.Where(a => a.Id == account.Id).Select(a => a.FailedSignIns).FirstAsync(cancellationToken);
        DateTimeOffset? lockedUntil = null;
        if (failures >= FailuresBeforeLockout)
        {
            lockedUntil = now + Lockout;
            await db.Accounts.Where(a => a.Id == account.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.LockedUntil, lockedUntil).SetProperty(a => a.FailedSignIns, 0), cancellationToken);
        }

        await AuditAsync(account, lockedUntil is null ? "signInFailed" : "lockedOut", new { reason = "wrongPassword", failures }, now, cancellationToken);
        return lockedUntil is null ? new SignInOutcome(SignInVerdict.WrongCredentials, account) : new SignInOutcome(SignInVerdict.LockedOut, account, lockedUntil);
    }

    private async Task<Account?> FindAsync(string login, CancellationToken cancellationToken)
    {
        if (login.Contains('@', StringComparison.Ordinal))
        {
            var email = AccountRules.NormalizeEmail(login);
            return await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Email == email, cancellationToken);
        }

        var phone = AccountRules.NormalizePhone(login);
        return phone is null ? null : await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Phone == phone, cancellationToken);
    }

    private async Task AuditAsync(Account? account, string action, object changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(now), At = now, ActorRole = account is null ? "anonymous" : Json.CamelCase(account.Role.ToString()),
            ActorAccountId = account?.Id, ActorOrganizationId = account?.OrganizationId, Entity = "account", EntityId = account?.Id ?? Guid.Empty,
            OrganizationId = account?.OrganizationId ?? Guid.Empty, Action = action,
            Changes = System.Text.Json.JsonSerializer.Serialize(changes, AuditJson),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly System.Text.Json.JsonSerializerOptions AuditJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
