using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace CloudApproval.Tests.Shared;

/// <summary>
/// Direct SQL on a test's PostgreSQL database, behind the application's back, for the tests that tamper with rows or
/// prove that nothing was written. The tests write SQLite's dialect (bare CamelCase names, <c>$name</c> parameters):
/// <see cref="Translate"/> quotes the names (PostgreSQL folds bare names to lower case) and renames the parameters.
/// </summary>
internal static partial class PostgreSqlRaw
{
    public static int Execute(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(connectionString);
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(connectionString);
        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    /// <summary>
    /// Every row of every table of the public schema (ours and identity's; Hangfire's has its own schema), as text, the
    /// rows of each table sorted so that two dumps of the same data are equal whatever order the server returns them in.
    /// </summary>
    public static string Dump(string connectionString)
    {
        using var connection = Open(connectionString);
        var tables = new List<string>();
        using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", connection))
        using (var reader = list.ExecuteReader())
            while (reader.Read()) tables.Add(reader.GetString(0));
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            text.Append("## ").AppendLine(table);
            var rows = new List<string>();
            using var select = new NpgsqlCommand($"SELECT * FROM \"{table}\"", connection);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                    row.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "null" : Text(reader.GetValue(i))).Append(" | ");
                rows.Add(row.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            foreach (var row in rows) text.AppendLine(row);
        }
        return text.ToString();
    }

    private static string Text(object value) => value switch
    {
        DateTime at => at.ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>SQLite's dialect as the tests write it, in PostgreSQL's: <c>Cases.Id = $c</c> becomes <c>"Cases"."Id" = @c</c>.</summary>
    public static string Translate(string sql) =>
        Token().Replace(sql, m => m.Groups["param"].Success ? "@" + m.Groups["param"].Value
            : m.Groups["name"].Success ? $"\"{m.Value}\""
            : m.Value);

    // Quoted text and quoted names are left alone; a name has a capital first letter and a lower-case letter (keywords
    // are written in capitals, functions in lower case).
    [GeneratedRegex("""'(?:[^']|'')*'|"[^"]*"|\$(?<param>\w+)|(?<name>\b[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*\b)""")]
    private static partial Regex Token();

    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(Translate(sql), connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name.TrimStart('$', '@'), value);
        return command;
    }
}
