using System.Text.Json;

namespace CloudApproval.Engine.Json;

/// <summary>
/// JSON text refused by <see cref="StrictJson"/>. <see cref="JsonException.Path"/> always names where (e.g.
/// <c>$.activities[3].inputs</c>) and <see cref="JsonException.LineNumber"/> the line (zero-based, as the base class has it);
/// the message is one sentence that ends with the line, so each reader can prefix its own file or option name and the path.
/// </summary>
public sealed class StrictJsonException : JsonException
{
    /// <summary>Creates the error.</summary>
    /// <param name="code">Stable kind: malformed-json, duplicate-key, number-out-of-range, invalid-string, too-large, too-deep.</param>
    /// <param name="path">JSON path of the offending token.</param>
    /// <param name="lineNumber">Zero-based line.</param>
    /// <param name="bytePositionInLine">Zero-based byte position in the line.</param>
    /// <param name="message">What is wrong.</param>
    public StrictJsonException(string code, string path, long lineNumber, long bytePositionInLine, string message)
        : base(message, path, lineNumber, bytePositionInLine) => Code = code;

    /// <summary>Stable kind of problem, usable as a validation error code.</summary>
    public string Code { get; }

    /// <summary>The path, never null for this type.</summary>
    public string JsonPath => Path ?? "$";

    /// <summary>One line: <c>$.path: message (line N)</c>.</summary>
    public string Describe() => $"{JsonPath}: {Message}";
}
