using System.Data;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudApproval.Cases.Persistence;

/// <summary>
/// A top-level property of a case's stored state (<see cref="Instances.Case.StateJson"/>), read by the database in a query:
/// a read that needs one field of many states (the efficiency dashboard's ended cases' end) then carries a few bytes per
/// case into .NET instead of every whole state. Translated per provider: SQLite <c>json_extract</c>, SQL Server
/// <c>JSON_VALUE</c>, PostgreSQL <c>json_extract_path_text</c>. Callable only inside a query.
/// </summary>
public static class StoredState
{
    /// <summary>The state's string <paramref name="property"/>; null when absent.</summary>
    public static string? TextOf(string stateJson, string property) =>
        throw new InvalidOperationException($"{nameof(StoredState)} is translated to SQL: call it inside a query");

    internal static void Register(ModelBuilder modelBuilder, string? provider) =>
        modelBuilder.HasDbFunction(typeof(StoredState).GetMethod(nameof(TextOf))!).HasTranslation(args => Translate(args, provider));

    private static SqlExpression Translate(IReadOnlyList<SqlExpression> args, string? provider)
    {
        var json = args[0];
        // A property named in the code, never by a user: a constant, so each provider gets the path in its own syntax.
        var property = args[1] is SqlConstantExpression { Value: string p } ? p : throw new InvalidOperationException($"{nameof(StoredState)}: name the property with a constant");
        var text = json.TypeMapping;
        SqlFunctionExpression Function(string function, SqlExpression first, string path) =>
            new(function, [first, new SqlConstantExpression(path, typeof(string), text)], nullable: true, argumentsPropagateNullability: [true, false], typeof(string), text);
        return provider switch
        {
            "Microsoft.EntityFrameworkCore.SqlServer" => Function("JSON_VALUE", json, "$." + property),
            // The column is text: cast to json for the path function.
            "Npgsql.EntityFrameworkCore.PostgreSQL" => Function("json_extract_path_text",
                new SqlUnaryExpression(ExpressionType.Convert, json, typeof(string), new StringTypeMapping("json", DbType.String)), property),
            _ => Function("json_extract", json, "$." + property),
        };
    }
}
