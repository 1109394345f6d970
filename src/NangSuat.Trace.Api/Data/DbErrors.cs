using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NangSuat.Trace.Api.Data;

public static class DbErrors
{
    /// <summary>
    /// Saves the change; false when a unique index refused it (nothing was written): two requests
    /// raced past the existence check, and the database, not the check, had the last word.
    /// </summary>
    public static async Task<bool> TrySaveUniqueAsync(this DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return false;
        }
    }

    public static bool IsUniqueViolation(this DbUpdateException exception) => IsUniqueViolation(exception.InnerException);

    /// <summary>The same refusal met outside a save: a raw command or a PostgreSQL COPY, or wrapped in a save's exception.</summary>
    public static bool IsUniqueViolation(this Exception? exception) => exception switch
    {
        DbUpdateException update => IsUniqueViolation(update.InnerException),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
