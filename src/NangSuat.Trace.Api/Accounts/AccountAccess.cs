using Microsoft.EntityFrameworkCore;
using NangSuat.Trace.Api.Data;

namespace NangSuat.Trace.Api.Accounts;

/// <summary>
/// What an account can still open besides its own sessions: the API tokens it created and the
/// one-time links it handed out or that were made for it. Disabling an account, from any page or
/// the API, takes all of it back in the same save; a new reset link makes the earlier ones dead.
/// </summary>
public static class AccountAccess
{
    /// <summary>Disables the account and revokes what it handed out; false when it was disabled already. The caller saves.</summary>
    public static async Task<bool> DisableAsync(TraceDb db, Account account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!account.SetDisabled(now))
        {
            return false;
        }

        var links = await db.OneTimeLinks
            .Where(l => l.UsedAt == null && l.RevokedAt == null
                && (l.CreatedByAccountId == account.Id || (l.Purpose == LinkPurpose.PasswordReset && l.AccountId == account.Id)))
            .ToListAsync(cancellationToken);
        links.ForEach(l => l.RevokedAt = now);
        var tokens = await db.ApiTokens.Where(t => t.RevokedAt == null && t.CreatedByAccountId == account.Id).ToListAsync(cancellationToken);
        tokens.ForEach(t => t.Revoke(now));
        return true;
    }

    /// <summary>A new reset link for the account, added to the context; any earlier one still unused stops working. The caller saves.</summary>
    public static async Task<(OneTimeLink Link, string Secret)> NewResetAsync(TraceDb db, Account account, Guid? createdBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var earlier = await db.OneTimeLinks
            .Where(l => l.Purpose == LinkPurpose.PasswordReset && l.AccountId == account.Id && l.UsedAt == null && l.RevokedAt == null)
            .ToListAsync(cancellationToken);
        earlier.ForEach(l => l.RevokedAt = now);
        var (link, secret) = OneTimeLinks.Reset(account, createdBy, now);
        db.OneTimeLinks.Add(link);
        return (link, secret);
    }
}
