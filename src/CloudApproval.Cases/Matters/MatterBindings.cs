using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Matters;

/// <summary>
/// The checks a single matter file cannot make: that the procedure it binds to (and the pinned version, if any) exists,
/// and that the inputs it gives that procedure are variables it declares. The CLI checks against the procedures on disk,
/// the import against those stored and those it imports.
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

    /// <summary>
    /// That every input the binding sets is a variable <paramref name="definition"/> (the version the matter runs)
    /// declares, with a value of its declared type.
    /// </summary>
    public static IReadOnlyList<DefinitionError> CheckInputs(ProcedureBinding binding, string file, ProcedureDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DefinitionError>();
        foreach (var (name, value) in binding.Inputs ?? [])
        {
            var path = $"$.procedure.inputs.{name}";
            var declared = definition.Variables.FirstOrDefault(v => v.Name == name);
            if (declared is null)
                errors.Add(new DefinitionError(file, path, "unknown-variable",
                    $"{definition.DefinitionId} v{definition.Version} declares no variable '{name}'; it declares {string.Join(", ", definition.Variables.Select(v => v.Name))}"));
            else if (VariableValues.Check(declared.Type, value) is { } problem)
                errors.Add(new DefinitionError(file, path, "wrong-type", $"{definition.DefinitionId} v{definition.Version} variable '{name}': {problem}"));
        }
        return errors;
    }
}
