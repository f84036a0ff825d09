using System.Data;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudApproval.Cases.Persistence;

/// <summary>
/// One top-level property of a case's stored state (<see cref="Instances.Case.StateJson"/>), read by the database in a
/// query: a read that needs a few fields of thousands of states (the efficiency dashboard's legal clocks) then carries
/// a few hundred bytes per case into .NET and parses them, instead of every whole state. Translated per provider:
/// SQLite <c>json_extract</c>, SQL Server <c>JSON_QUERY</c> (objects) and <c>JSON_VALUE</c> (text), PostgreSQL
/// <c>json_extract_path_text</c>. Callable only inside a query.
/// </summary>
public static class StoredState
{
    /// <summary>The state's object <paramref name="property"/> as JSON text; null when absent.</summary>
    public static string? ObjectOf(string stateJson, string property) => throw InQueriesOnly();

    /// <summary>The state's string <paramref name="property"/>; null when absent.</summary>
    public static string? TextOf(string stateJson, string property) => throw InQueriesOnly();

    private static InvalidOperationException InQueriesOnly() => new($"{nameof(StoredState)} is translated to SQL: call it inside a query");

    internal static void Register(ModelBuilder modelBuilder, string? provider)
    {
        foreach (var (name, isObject) in new[] { (nameof(ObjectOf), true), (nameof(TextOf), false) })
            modelBuilder.HasDbFunction(typeof(StoredState).GetMethod(name)!).HasTranslation(args => Translate(args, provider, isObject));
    }

    private static SqlExpression Translate(IReadOnlyList<SqlExpression> args, string? provider, bool isObject)
    {
        var json = args[0];
        // A property named in the code, never by a user: a constant, so each provider gets the path in its own syntax.
        var property = args[1] is SqlConstantExpression { Value: string p } ? p : throw new InvalidOperationException($"{nameof(StoredState)}: name the property with a constant");
        var text = json.TypeMapping;
        SqlExpression Constant(string value) => new SqlConstantExpression(value, typeof(string), text);
        SqlFunctionExpression Function(string function, SqlExpression first, string path) =>
            new(function, [first, Constant(path)], nullable: true, argumentsPropagateNullability: [true, false], typeof(string), text);
        return provider switch
        {
            "Microsoft.EntityFrameworkCore.SqlServer" => Function(isObject ? "JSON_QUERY" : "JSON_VALUE", json, "$." + property),
            // The column is text: cast to json for the path function, which answers an object as its JSON text.
            "Npgsql.EntityFrameworkCore.PostgreSQL" => Function("json_extract_path_text",
                new SqlUnaryExpression(ExpressionType.Convert, json, typeof(string), new StringTypeMapping("json", DbType.String)), property),
            _ => Function("json_extract", json, "$." + property),
        };
    }
}
