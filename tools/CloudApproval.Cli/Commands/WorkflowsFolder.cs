using CloudApproval.Cases.Hosting;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Json;

namespace CloudApproval.Cli.Commands;

/// <summary>Finds the <c>workflows/</c> folder (walking up from the current directory) and what lives in it.</summary>
internal static class WorkflowsFolder
{
    public static string Locate(string? given = null)
    {
        if (given is not null)
            return Directory.Exists(given) ? Path.GetFullPath(given) : throw new CliError($"{given}: workflows folder not found");
        return WorkflowsLocator.FindFrom(Directory.GetCurrentDirectory()) ?? throw new CliError("no workflows/ folder here or above; run from the repository or pass --workflows <folder>");
    }

    public static WorkingCalendar Calendar(string workflows) => CalendarFiles.LoadFolder(Path.Combine(workflows, "calendars"));

    /// <summary>Loads a definition by id and version (the highest when null), for sub-procedures.</summary>
    public static ProcedureDefinition Load(string workflows, string definitionId, int? version)
    {
        var folder = Path.Combine(workflows, definitionId);
        if (!Directory.Exists(folder)) throw new CliError($"no procedure '{definitionId}' under {workflows}");
        var file = version is { } v
            ? Path.Combine(folder, $"v{v}.json")
            : JsonFiles.List(folder, "v*.json", depth: 0).Files.Where(f => VersionOf(f) > 0).OrderByDescending(VersionOf).FirstOrDefault()
              ?? throw new CliError($"{folder}: no versions");
        return DefinitionReader.Read(JsonFiles.ReadText(file), file);
    }

    private static int VersionOf(string file) =>
        Engine.Validation.ProcedureValidator.FileName().Match(Path.GetFileName(file)) is { Success: true } m
            ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
}
