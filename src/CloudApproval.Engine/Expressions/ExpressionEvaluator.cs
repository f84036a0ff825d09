using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;

namespace CloudApproval.Engine.Expressions;

/// <summary>
/// Sandboxed JavaScript expressions (Jint) over <c>vars</c>, <c>input</c>, <c>caseInfo</c> and <c>milestones</c>. Scripts are parsed once
/// and cached; each evaluation gets a fresh, limited interpreter so a definition can neither loop forever, eat
/// memory, nor see another instance's data.
/// </summary>
public sealed class ExpressionEvaluator
{
    /// <summary>
    /// The wall-clock backstop of one evaluation, each regular-expression match included. The primary guards are the
    /// statement, recursion and memory limits, which do not depend on how loaded the machine is; this one only stops what
    /// they cannot count (a backtracking regular expression), and is generous so a valid expression never trips it.
    /// </summary>
    public static TimeSpan WallClockLimit { get; } = TimeSpan.FromSeconds(2);

    // Runs before every expression: randomness would make two identical runs differ.
    private static readonly Prepared<Script> NoRandomness = Jint.Engine.PrepareScript(
        "Math.random = function () { throw new Error('Math.random is not allowed: expressions must be deterministic'); };");

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

    /// <summary>
    /// Null when the expression is deterministic as far as its text shows, else why not (<c>Math.random</c>). The
    /// runner refuses randomness at run time as well, however it is spelled.
    /// </summary>
    public static string? NondeterminismError(string expression)
    {
        Script script;
        try
        {
            script = new Acornima.Parser().ParseScript(expression);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null; // a syntax error is reported as such
        }
        var pending = new Stack<Node>([script]);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is MemberExpression { Object: Identifier { Name: "Math" } } member
                && (member.Property is Identifier { Name: "random" } && !member.Computed || member.Property is Literal { Value: "random" }))
                return "Math.random makes two identical runs differ; expressions must be deterministic";
            foreach (var child in node.ChildNodes) pending.Push(child);
        }
        return null;
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
        var engine = new Jint.Engine(options =>
        {
            options.Strict().LimitRecursion(64).MaxStatements(10_000).LimitMemory(16_000_000).DisableStringCompilation()
                .TimeoutInterval(WallClockLimit);
            options.Constraints.RegexTimeout = WallClockLimit;
            // Expressions see the run's now, in China time, and nothing else of the machine (its clock, zone or culture).
            options.TimeSystem = new RunTimeSystem(scope.Now);
            options.Culture = CultureInfo.InvariantCulture;
        });
        try
        {
            engine.Execute(NoRandomness);
            engine.SetValue("vars", ToJs(engine, scope.Variables));
            engine.SetValue("input", ToJs(engine, scope.Input));
            // "case" is a reserved word in JavaScript, so the instance facts are reachable as caseInfo.
            engine.SetValue("caseInfo", ToJs(engine, scope.Case));
            engine.SetValue("milestones", ToJs(engine, scope.Milestones ?? []));
            var result = ToJson(engine, engine.Evaluate(script));
            // The state must give back what it stores byte for byte: text with an unpaired surrogate cannot.
            if (Runtime.PlainJson.Problem(result, "the result") is { } problem) throw new InvalidOperationException(problem);
            return result;
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
/// <param name="Now">The run's now: what <c>Date.now()</c> and <c>new Date()</c> give.</param>
/// <param name="Milestones">Milestones reached (<c>milestones</c>): name to day, <c>yyyy-MM-dd</c>.</param>
public sealed record ExpressionScope(JsonObject Variables, JsonObject Input, JsonObject Case, DateTimeOffset Now, JsonObject? Milestones = null);

/// <summary>An expression that could not be evaluated.</summary>
public sealed class ExpressionException(string message, Exception inner) : Exception(message, inner);
