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
    OrganizationSuspended,
}

public sealed record SignInOutcome(SignInVerdict Result, Account? Account, DateTimeOffset? LockedUntil = null);

/// <summary>
/// Checks a sign-in and keeps its count: five wrong passwords in a row lock the account for fifteen
/// minutes. Every sign-in, failed sign-in and sign-out goes into the audit record.
/// </summary>
public sealed class SignIns(TraceDb db, IPasswordHasher<Account> hasher, TimeProvider clock)
{
    public const int FailuresBeforeLockout = 5;
    public const string RateLimit = "SignInRateLimit";
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
            // Only a hint of what was typed: people type a password into the name field, and the audit record is read by others.
            await AuditAsync(null, "signInFailed", new { login = Masked(name), reason = "unknownAccount" }, now, cancellationToken);
            return new SignInOutcome(SignInVerdict.WrongCredentials, null);
        }

        // The attempt is counted before the slow hash, in one conditional statement: however many guesses
        // arrive at once, at most FailuresBeforeLockout of them get as far as the password.
        if (!await ReserveAttemptAsync(account, now, cancellationToken))
        {
            var until = account.LockedUntil is { } locked && locked > now ? locked : now + Lockout;
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

        // The right password clears the count at once, whatever is said next (disabled, suspended): otherwise a
        // person trying while their organization was suspended would find the account locked for good on its return.
        // Unless a guess racing it has just locked the account: that lock stands.
        await db.Accounts.Where(a => a.Id == account.Id && a.LockedUntil == null)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FailedSignIns, 0), CancellationToken.None);
        if (account.DisabledAt is not null)
        {
            await AuditAsync(account, "signInFailed", new { reason = "disabled" }, now, cancellationToken);
            return new SignInOutcome(SignInVerdict.Disabled, account);
        }

        // Said only to someone who knew the password: a guesser learns nothing about the organization.
        if (account.Organization!.IsSuspended)
        {
            await AuditAsync(account, "signInFailed", new { reason = "organizationSuspended" }, now, cancellationToken);
            return new SignInOutcome(SignInVerdict.OrganizationSuspended, account);
        }

        var rehashed = verified == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password!) : account.PasswordHash;
        // Written past the change tracker: a sign-in is its own audit entry, not an edit of the account.
        await db.Accounts.Where(a => a.Id == account.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LastSignInAt, now).SetProperty(a => a.PasswordHash, rehashed), cancellationToken);
        await AuditAsync(account, "signedIn", new { }, now, cancellationToken);
        return new SignInOutcome(SignInVerdict.SignedIn, account);
    }

    public async Task SignedOutAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        await AuditAsync(account, "signedOut", new { }, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Counts one attempt while fewer than FailuresBeforeLockout are counted; false when the account
    /// is locked. A lock whose time is up is lifted first (racing lifts all do the same).
    /// </summary>
    private async Task<bool> ReserveAttemptAsync(Account account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (account.LockedUntil is { } until && until <= now)
        {
            await db.Accounts.Where(a => a.Id == account.Id && a.FailedSignIns >= FailuresBeforeLockout)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.FailedSignIns, 0).SetProperty(a => a.LockedUntil, (DateTimeOffset?)null), cancellationToken);
        }

        return await db.Accounts.Where(a => a.Id == account.Id && a.FailedSignIns < FailuresBeforeLockout)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FailedSignIns, a => a.FailedSignIns + 1), cancellationToken) == 1;
    }

    private async Task<SignInOutcome> FailedAsync(Account account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The attempt was counted when reserved. Of the guesses that used up the last attempts, exactly one sets the lock and says so;
        // written even if the request is abandoned now, so no count of five is ever left without its lock.
        var lockedUntil = now + Lockout;
        var locked = await db.Accounts.Where(a => a.Id == account.Id && a.FailedSignIns >= FailuresBeforeLockout && a.LockedUntil == null)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LockedUntil, lockedUntil), CancellationToken.None) == 1;
        await AuditAsync(account, locked ? "lockedOut" : "signInFailed", new { reason = "wrongPassword" }, now, cancellationToken);
        return locked ? new SignInOutcome(SignInVerdict.LockedOut, account, lockedUntil) : new SignInOutcome(SignInVerdict.WrongCredentials, account);
    }

    /// <summary>"lan@htx.vn" as "la…@htx.vn", "0912345678" as "09…78": enough to tell mistyped names apart, never a secret typed in the wrong box.</summary>
    public static string Masked(string login)
    {
        var at = login.IndexOf('@');
        var shown = at > 0 ? $"{login[..Math.Min(2, at)]}…{login[at..]}" : login.Length > 4 ? $"{login[..2]}…{login[^2..]}" : "…";
        return FieldErrors.Shown(shown);
    }

    private async Task<Account?> FindAsync(string login, CancellationToken cancellationToken)
    {
        if (login.Contains('@', StringComparison.Ordinal))
        {
            var email = AccountRules.NormalizeEmail(login);
            return await db.Accounts.AsNoTracking().Include(a => a.Organization).FirstOrDefaultAsync(a => a.Email == email, cancellationToken);
        }

        var phone = AccountRules.NormalizePhone(login);
        return phone is null ? null : await db.Accounts.AsNoTracking().Include(a => a.Organization).FirstOrDefaultAsync(a => a.Phone == phone, cancellationToken);
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
