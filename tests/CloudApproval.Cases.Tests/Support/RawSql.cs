using System.Text;
using Microsoft.Data.Sqlite;

namespace CloudApproval.Cases.Tests.Support;

/// <summary>
/// Direct SQL on a test's database, behind the application's back: tampering, and snapshots to prove nothing changed.
/// <c>database</c> is what <see cref="TempFolder.Database"/> gives: the SQLite file, or on PostgreSQL the connection string
/// (the SQL is written in SQLite's dialect, translated by <see cref="PostgreSqlRaw"/>).
/// </summary>
internal static class RawSql
{
    public static int Execute(string database, string sql, params (string Name, object Value)[] parameters)
    {
        if (TestDatabases.OnPostgreSql) return PostgreSqlRaw.Execute(database, sql, parameters);
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(string database, string sql, params (string Name, object Value)[] parameters)
    {
        if (TestDatabases.OnPostgreSql) return PostgreSqlRaw.Scalar(database, sql, parameters);
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteScalar();
    }

    /// <summary>
    /// Every row of every table, as text. EF Core's migration lock table is left out: it is taken and released by every
    /// start, which touches the file but not the data.
    /// </summary>
    public static string Dump(string database)
    {
        if (TestDatabases.OnPostgreSql) return PostgreSqlRaw.Dump(database);
        using var connection = Open(database);
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsLock' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            text.Append("## ").AppendLine(table);
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                    text.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append(" | ");
                text.AppendLine();
            }
        }
        return text.ToString();
    }

    private static SqliteConnection Open(string file)
    {
        if (!File.Exists(file)) throw new FileNotFoundException("no database", file);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString());
        connection.Open();
        return connection;
    }
}
