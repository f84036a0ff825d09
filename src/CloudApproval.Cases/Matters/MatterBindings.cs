using CloudApproval.Engine.Definitions;

namespace CloudApproval.Cases.Matters;

/// <summary>
/// The check a single matter file cannot make: that the procedure it binds to (and the pinned version, if any) exists.
/// The CLI checks against the procedures on disk, the import against those stored and those it imports.
/// </summary>
public static class MatterBindings
{
    /// <param name="binding">The matter's procedure binding.</param>
    /// <param name="file">Names the file in errors.</param>
    /// <param name="procedures">Known procedures and their versions.</param>
    public static IReadOnlyList<DefinitionError> Check(ProcedureBinding binding, string file, IReadOnlyDictionary<string, IReadOnlySet<int>> procedures)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(procedures);
        if (!procedures.TryGetValue(binding.DefinitionId, out var versions))
            return [new DefinitionError(file, "$.procedure.definitionId", "unknown-procedure",
                $"no procedure '{binding.DefinitionId}'; known: {(procedures.Count == 0 ? "none" : string.Join(", ", procedures.Keys.Order(StringComparer.Ordinal)))}")];
        if (binding.Version is { } version && !versions.Contains(version))
            return [new DefinitionError(file, "$.procedure.version", "unknown-version",
                $"no {binding.DefinitionId} v{version}; there are: {string.Join(", ", versions.Order().Select(v => $"v{v}"))}")];
        return [];
    }
}
