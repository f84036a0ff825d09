using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudApproval.Cases.Persistence;

/// <summary>
/// Recognises a write that lost a race to another writer, by the provider's error numbers rather than message text
/// (which changes with versions and languages): the concurrency token, or a unique index that two racing inserts hit
/// (the next audit sequence of a case, the same procedure version imported twice); and a group commit that failed as a
/// whole, which wrote nothing of this transition either.
/// </summary>
internal static class WriteConflicts
{
    // SQLite: SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (extended codes of SQLITE_CONSTRAINT, 19).
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    // SQL Server: duplicate key in a unique index (2601) or a unique/primary key constraint (2627).
    private const int SqlServerUniqueIndex = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    // PostgreSQL: unique_violation; serialization_failure and deadlock_detected (two writers' row locks met).
    private const string PostgresUnique = PostgresErrorCodes.UniqueViolation;
    private const string PostgresSerialization = PostgresErrorCodes.SerializationFailure;
    private const string PostgresDeadlock = PostgresErrorCodes.DeadlockDetected;

    public static bool IsLostRace(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException or GroupCommit.NotCommittedException || IsUniqueViolation(ex.InnerException);

    /// <summary>A row lock taken before writing (<c>SELECT … FOR UPDATE</c>) that met another writer's locks in a cycle.</summary>
    public static bool IsLostLock(Exception ex) =>
        ex is PostgresException { SqlState: PostgresSerialization or PostgresDeadlock };

    private static bool IsUniqueViolation(Exception? inner) => inner switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        SqlException sql => sql.Number is SqlServerUniqueIndex or SqlServerUniqueConstraint,
        PostgresException postgres => postgres.SqlState is PostgresUnique or PostgresSerialization or PostgresDeadlock,
        _ => false,
    };
}
