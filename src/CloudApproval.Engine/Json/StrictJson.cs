using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudApproval.Engine.Json;

/// <summary>
/// The one reader of JSON text from outside (definition, scenario and calendar files, form data, case input, event
/// payloads). Beyond well-formedness it refuses what System.Text.Json lets through and something downstream then
/// trips over: duplicate keys (a later lookup throws, or one value silently wins), numbers no double can hold
/// (<c>1e400</c>), strings and keys with a lone UTF-16 surrogate (<c>"\ud800"</c>, unreadable as text), and text too
/// large or too deeply nested to be a procedure. Every refusal is a <see cref="StrictJsonException"/> naming the JSON
/// path and line.
/// </summary>
public static class StrictJson
{
    /// <summary>The longest text read, in characters; files are refused before reading when larger in bytes.</summary>
    public const int MaxLength = 16 * 1024 * 1024;

    /// <summary>The deepest nesting of objects and arrays accepted.</summary>
    public const int MaxDepth = 64;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        // One above ours: our own check names the path first.
        MaxDepth = MaxDepth + 1,
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Parses strict JSON text into a document (dispose it).</summary>
    /// <exception cref="StrictJsonException">The text is not strict JSON.</exception>
    public static JsonDocument Parse(string text) => JsonDocument.Parse(Check(text), DocumentOptions);

    /// <summary>Parses strict JSON text into a mutable node (null for the literal <c>null</c>).</summary>
    /// <exception cref="StrictJsonException">The text is not strict JSON.</exception>
    public static JsonNode? ParseNode(string text) => JsonNode.Parse(Check(text), nodeOptions: null, DocumentOptions);

    /// <summary>Checks the text and returns it as UTF-8.</summary>
    private static byte[] Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
            throw new StrictJsonException("too-large", "$", 0, 0, $"the text is {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; at most {MaxLength.ToString("N0", CultureInfo.InvariantCulture)} are read");
        byte[] bytes;
        try
        {
            bytes = Utf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            // Text decoded from files or the command line never has these; a string built in code can.
            throw new StrictJsonException("invalid-string", "$", 0, 0, "the text contains a lone UTF-16 surrogate");
        }
        new Walk(bytes).Run();
        return bytes;
    }

    /// <summary>One pass of the reader, keeping the path and each open object's keys.</summary>
    private ref struct Walk(byte[] bytes)
    {
        private readonly byte[] _bytes = bytes;
        private readonly List<Scope> _scopes = [];
        private Utf8JsonReader _reader = new(bytes, new JsonReaderOptions
        {
            MaxDepth = MaxDepth + 1,
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
        });

        public void Run()
        {
            try
            {
                while (_reader.Read()) Token();
            }
            catch (JsonException ex) when (ex is not StrictJsonException)
            {
                var line = ex.LineNumber ?? 0;
                throw new StrictJsonException("malformed-json", Path(), line, ex.BytePositionInLine ?? 0,
                    $"malformed JSON at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}");
            }
        }

        private void Token()
        {
            switch (_reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (_reader.CurrentDepth >= MaxDepth) throw Error("too-deep", $"nested deeper than {MaxDepth} levels");
                    _scopes.Add(new Scope(_reader.TokenType == JsonTokenType.StartObject));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    _scopes.RemoveAt(_scopes.Count - 1);
                    ValueDone();
                    break;
                case JsonTokenType.PropertyName:
                    var scope = _scopes[^1];
                    var name = Text("key");
                    scope.Name = name;
                    if (!scope.Keys!.Add(name)) throw Error("duplicate-key", $"duplicate key '{name}'");
                    break;
                case JsonTokenType.String:
                    if (_reader.ValueIsEscaped) Text("string");
                    ValueDone();
                    break;
                case JsonTokenType.Number:
                    if (!_reader.TryGetDouble(out var number) || !double.IsFinite(number))
                        throw Error("number-out-of-range", $"the number {Encoding.UTF8.GetString(_reader.ValueSpan)} is out of range");
                    ValueDone();
                    break;
                default:
                    ValueDone();
                    break;
            }
        }

        /// <summary>The string's text; an escaped lone surrogate cannot become text.</summary>
        private string Text(string what)
        {
            try
            {
                return _reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Error("invalid-string", $"the {what} contains a lone UTF-16 surrogate escape (\\uD800-\\uDFFF not in a pair)");
            }
        }

        private readonly void ValueDone()
        {
            if (_scopes.Count > 0 && !_scopes[^1].IsObject) _scopes[^1].Index++;
        }

        /// <summary>The refusal at the current token, with its path and line.</summary>
        private readonly StrictJsonException Error(string code, string message)
        {
            var start = (int)_reader.TokenStartIndex;
            var lineStart = Array.LastIndexOf(_bytes, (byte)'\n', Math.Max(start - 1, 0)) + 1;
            var line = 0;
            for (var i = 0; i < lineStart; i++) if (_bytes[i] == '\n') line++;
            return new StrictJsonException(code, Path(), line, start - lineStart, $"{message} (line {line + 1})");
        }

        private readonly string Path()
        {
            var path = new StringBuilder("$");
            foreach (var scope in _scopes)
            {
                if (!scope.IsObject) path.Append(CultureInfo.InvariantCulture, $"[{scope.Index}]");
                else if (scope.Name is { } name) path.Append(Segment(name));
            }
            return path.ToString();
        }
    }

    private sealed class Scope(bool isObject)
    {
        public bool IsObject { get; } = isObject;
        public HashSet<string>? Keys { get; } = isObject ? new(StringComparer.Ordinal) : null;
        public string? Name { get; set; }
        public int Index { get; set; }
    }

    /// <summary><c>.name</c> for plain names, <c>['odd name']</c> otherwise.</summary>
    internal static string Segment(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$') && !char.IsAsciiDigit(name[0])
            ? "." + name
            : $"['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|');
    }
}
