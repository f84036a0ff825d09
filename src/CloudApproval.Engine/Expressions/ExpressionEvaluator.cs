using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;

namespace CloudApproval.Engine.Expressions;

/// <summary>
/// Sandboxed JavaScript expressions (Jint) over <c>vars</c>, <c>input</c> and <c>caseInfo</c>. Scripts are parsed once
/// and cached; each evaluation gets a fresh, limited interpreter so a definition can neither loop forever, eat
/// memory, nor see another instance's data.
/// </summary>
public sealed class ExpressionEvaluator
{
    private readonly ConcurrentDictionary<string, Prepared<Script>> _prepared = new(StringComparer.Ordinal);

    /// <summary>Checks syntax; returns null when the expression parses, else the parser's message.</summary>
    public static string? SyntaxError(string expression)
    {
        try
        {
            Jint.Engine.PrepareScript(expression, options: new ScriptPreparationOptions { ParsingOptions = new ScriptParsingOptions { Tolerant = false } });
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ex.Message;
        }
    }

    /// <summary>Evaluates an expression; the result is converted to JSON. Throws <see cref="ExpressionException"/> on any error.</summary>
    public JsonNode? Evaluate(string expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Prepared<Script> script;
        try
        {
            script = _prepared.GetOrAdd(expression, static e => Jint.Engine.PrepareScript(e));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ExpressionException($"syntax error in '{expression}': {ex.Message}", ex);
        }
        var engine = new Jint.Engine(options => options
            .Strict()
            .LimitRecursion(64)
            .MaxStatements(10_000)
            .TimeoutInterval(TimeSpan.FromSeconds(1))
            .LimitMemory(16_000_000));
        try
        {
            engine.SetValue("vars", ToJs(engine, scope.Variables));
            engine.SetValue("input", ToJs(engine, scope.Input));
            // "case" is a reserved word in JavaScript, so the instance facts are reachable as caseInfo.
            engine.SetValue("caseInfo", ToJs(engine, scope.Case));
            var result = engine.Evaluate(script);
            return ToJson(engine, result);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ExpressionException($"'{expression}' failed: {ex.Message}", ex);
        }
    }

    /// <summary>Evaluates a condition with JavaScript truthiness.</summary>
    public bool IsTrue(string expression, ExpressionScope scope)
    {
        var value = Evaluate(expression, scope);
        return value switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            // Whole numbers come back as long (see ToJson), and a long-backed value does not convert to double here.
            JsonValue v when v.TryGetValue<long>(out var l) => l != 0,
            JsonValue v when v.TryGetValue<double>(out var d) => d != 0 && !double.IsNaN(d),
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
            _ => true,
        };
    }

    private static JsValue ToJs(Jint.Engine engine, JsonNode? node) =>
        node is null ? JsValue.Null : new Jint.Native.Json.JsonParser(engine).Parse(node.ToJsonString());

    private static JsonNode? ToJson(Jint.Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull()) return null;
        if (value.IsBoolean()) return JsonValue.Create(value.AsBoolean());
        if (value.IsString()) return JsonValue.Create(value.AsString());
        if (value.IsNumber())
        {
            var d = value.AsNumber();
            // JSON has no NaN or Infinity (JSON.stringify writes null); keeping them would make the state unserialisable.
            if (!double.IsFinite(d)) return null;
            return d == Math.Floor(d) && Math.Abs(d) < long.MaxValue ? JsonValue.Create((long)d) : JsonValue.Create(d);
        }
        var text = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
        return text.IsUndefined() ? null : JsonNode.Parse(text.AsString());
    }
}

/// <summary>What an expression can see.</summary>
/// <param name="Variables">Instance variables (<c>vars</c>).</param>
/// <param name="Input">Start input (<c>input</c>).</param>
/// <param name="Case">Facts about the instance (<c>caseInfo</c>; <c>case</c> is reserved in JavaScript): id, definition, version, start time.</param>
public sealed record ExpressionScope(JsonObject Variables, JsonObject Input, JsonObject Case);

/// <summary>An expression that could not be evaluated.</summary>
public sealed class ExpressionException(string message, Exception inner) : Exception(message, inner);
