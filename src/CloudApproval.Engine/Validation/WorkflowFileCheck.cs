using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Schema;
using CloudApproval.Engine.Simulation;

namespace CloudApproval.Engine.Validation;

/// <summary>
/// Checks one file of a workflows folder by what it is (its folder says): a calendar, a scenario, the schema, or a
/// procedure definition (valid and in canonical form). What <c>cloudapproval validate</c> runs on every file.
/// </summary>
public static class WorkflowFileCheck
{
    /// <summary>Every problem in the file, one line each, starting with the file (and the JSON path where there is one); empty when valid.</summary>
    /// <param name="file">The file.</param>
    /// <param name="validProcedure">Told of a procedure definition that validated (even if not in canonical form), so
    /// that checks across files, such as calls that loop, can follow.</param>
    public static IReadOnlyList<string> Check(string file, Action<ProcedureDefinition>? validProcedure = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var parts = Path.GetFullPath(file).Split(Path.DirectorySeparatorChar);
        var folder = parts.Length > 1 ? parts[^2] : "";
        string text;
        try
        {
            text = JsonFiles.ReadText(file);
        }
        catch (UnreadableFileException ex)
        {
            return [$"{file}: $: {ex.Reason} [unreadable-file]"];
        }
        switch (folder)
        {
            case "calendars":
                try
                {
                    CalendarFiles.Parse(text, file);
                    return [];
                }
                catch (CalendarFileException ex)
                {
                    return [ex.Message];
                }
            case "scenarios":
                try
                {
                    Scenario.Parse(text, file);
                    return [];
                }
                catch (ScenarioException ex)
                {
                    return [ex.Message];
                }
            case "schema":
                return text == SchemaGenerator.Generate()
                    ? []
                    : [$"{file}: $: the schema differs from the activity registry [schema-drift]; regenerate it with: cloudapproval schema > {file}"];
            default:
                var errors = ProcedureValidator.ValidateFile(file).Select(e => e.ToString()).ToList();
                if (errors.Count == 0) validProcedure?.Invoke(DefinitionReader.Read(text, file));
                if (errors.Count == 0 && DefinitionWriter.Format(text, file) != text)
                    errors.Add($"{file}: $: not in canonical form [not-canonical]; rewrite it with: cloudapproval format {file}");
                return errors;
        }
    }
}
