using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Persistence;
using Hangfire.PostgreSql;
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

    /// <summary>
    /// A new database with the cases schema and Hangfire's already in place, copied from a template migrated once per test
    /// process (a copy takes a fraction of the time migrating takes); returns its connection string. Hosts still run
    /// their own migration at start, which finds nothing to do for the cases and adds the identity schema.
    /// </summary>
    public static string Create() =>
        new NpgsqlConnectionStringBuilder(Admin) { Database = CreateDatabase(Template.Value) }.ConnectionString;

    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string CreateTemplate()
    {
        var name = CreateDatabase(template: null);
        var connection = new NpgsqlConnectionStringBuilder(Admin) { Database = name }.ConnectionString;
        var factory = new CasesDbFactory(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, PostgreSqlConnectionString = connection });
        CasesDatabase.MigrateAsync(factory).GetAwaiter().GetResult();
        using (var hangfire = new NpgsqlConnection(connection))
        {
            hangfire.Open();
            PostgreSqlObjectsInstaller.Install(hangfire, CasesServices.HangfireSchema);
        }
        // A template must have no open sessions while it is copied.
        using (var pooled = new NpgsqlConnection(connection)) NpgsqlConnection.ClearPool(pooled);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(connection);
        return name;
    }

    private static string CreateDatabase(string? template)
    {
        var admin = Admin ?? throw new InvalidOperationException($"{Variable} is not set");
        var name = $"ca_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
            command.ExecuteNonQuery();
        }
        return name;
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
