namespace CloudApproval.Engine.Definitions;

/// <summary>One problem found in a definition file, located by file and JSON path.</summary>
/// <param name="File">The file (or a label for text not read from disk).</param>
/// <param name="Path">JSON path inside the file, e.g. <c>$.activities[3].inputs.due</c>.</param>
/// <param name="Code">A stable machine-readable kind, e.g. <c>unknown-activity-type</c>.</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record DefinitionError(string File, string Path, string Code, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}: {Path}: {Message} [{Code}]";
}

/// <summary>Thrown where a definition must be valid to go on (import, simulate); carries every error.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    /// <summary>All problems found.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
