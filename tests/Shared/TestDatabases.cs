using Npgsql;

namespace CloudApproval.Tests.Shared;

/// <summary>
/// Which database the provider-neutral tests run on. Unset, SQLite files in each test's folder (the default). With
/// <see cref="Variable"/> set to a PostgreSQL superuser connection string (tools/test.sh sets it when it has started a
/// throwaway cluster), every test host gets a database of its own, created here and dropped when the host is disposed.
/// Tests that reach behind the application into a SQLite file (tampering, byte snapshots, the file-based CLI) are
/// SQLite-only: they are skipped on PostgreSQL, and say so.
/// </summary>
internal static class TestDatabases
{
    public const string Variable = "CLOUDAPPROVAL_TEST_POSTGRES";

    /// <summary>The cluster's administrative connection string, or null when the tests run on SQLite.</summary>
    public static string? Admin { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool OnPostgreSql => Admin is not null;

    /// <summary>Stops a test that needs the SQLite file when the run is on PostgreSQL.</summary>
    public static void RequireSqlite(string why)
    {
        if (OnPostgreSql) Assert.Ignore($"SQLite only ({why})");
    }

    /// <summary>Stops a test that needs PostgreSQL (two nodes on one database) when the run is on SQLite.</summary>
    public static void RequirePostgreSql(string why)
    {
        if (!OnPostgreSql) Assert.Ignore($"PostgreSQL only ({why}); run tools/test.sh on a machine with PostgreSQL installed, or set {Variable}");
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public static string Create()
    {
        var admin = Admin ?? throw new InvalidOperationException($"{Variable} is not set");
        var name = $"ca_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="Create"/>, closing whatever connections are still open on it.</summary>
    public static void Drop(string connectionString)
    {
        var admin = Admin ?? throw new InvalidOperationException($"{Variable} is not set");
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
