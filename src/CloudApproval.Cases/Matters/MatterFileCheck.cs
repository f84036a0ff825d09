using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Cases.Matters;

/// <summary>
/// What <c>cloudapproval validate</c> runs on the files of a workflows folder: matter files and the matter schema here,
/// every other file by the engine's <see cref="WorkflowFileCheck"/>. Matters are checked after the procedures, against
/// the procedures validated in the same run and those on disk beside the matters folder.
/// </summary>
public static class MatterFileCheck
{
    public static bool IsMatterFile(string file) => FolderOf(file) == ImportMatters.Folder;

    /// <summary>An item of the assistance catalogue (<c>workflows/assistance/&lt;code&gt;.json</c>).</summary>
    public static bool IsAssistanceItem(string file) => FolderOf(file) == Collaboration.AssistanceCatalog.Folder;

    public static bool IsMatterSchema(string file) => FolderOf(file) == "schema" && Path.GetFileName(file) == MatterSchema.FileName;

    /// <summary>Every problem in the files, one line each (file: path: message [code]).</summary>
    public static IReadOnlyList<string> CheckAll(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<string>();
        var procedures = new List<(ProcedureDefinition, string)>();
        var matters = new List<string>();
        foreach (var file in files)
        {
            if (IsMatterFile(file)) matters.Add(file);
            else if (IsAssistanceItem(file)) errors.AddRange(Collaboration.AssistanceCatalog.ReadFile(file).Errors.Select(e => e.ToString()));
            else if (IsMatterSchema(file)) errors.AddRange(CheckSchema(file));
            else errors.AddRange(WorkflowFileCheck.Check(file, definition => procedures.Add((definition, file))));
        }
        // The files given are a catalogue: calls between them must not loop (a file alone cannot show that).
        errors.AddRange(ProcedureCallGraph.FindCycles(procedures).Select(e => e.ToString()));
        // Procedures on disk are read once per workflows folder, however many matters it holds.
        var known = new Dictionary<string, Dictionary<string, IReadOnlySet<int>>>(StringComparer.Ordinal);
        foreach (var file in matters)
        {
            var read = MatterReader.ReadFile(file);
            errors.AddRange(read.Errors.Select(e => e.ToString()));
            if (read.Binding is null) continue;
            var workflows = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(file)))!;
            if (!known.TryGetValue(workflows, out var procedureVersions))
                known[workflows] = procedureVersions = KnownProcedures(procedures.Select(p => p.Item1), workflows);
            var bindingErrors = MatterBindings.Check(read.Binding, file, procedureVersions);
            errors.AddRange(bindingErrors.Select(e => e.ToString()));
            // The inputs are checked against the version the matter runs when this run validated it (the import checks
            // every case: it has all the versions).
            var version = read.Binding.Version ?? (procedureVersions.TryGetValue(read.Binding.DefinitionId, out var versions) ? versions.Max() : 0);
            if (bindingErrors.Count == 0 && read.Binding.Inputs is { Count: > 0 }
                && procedures.Select(p => p.Item1).FirstOrDefault(d => d.DefinitionId == read.Binding.DefinitionId && d.Version == version) is { } definition)
                errors.AddRange(MatterBindings.CheckInputs(read.Binding, file, definition).Select(e => e.ToString()));
        }
        return errors;
    }

    private static IEnumerable<string> CheckSchema(string file)
    {
        string text;
        try
        {
            text = JsonFiles.ReadText(file);
        }
        catch (UnreadableFileException ex)
        {
            return [$"{file}: $: {ex.Reason} [unreadable-file]"];
        }
        return text == MatterSchema.Generate()
            ? []
            : [$"{file}: $: the schema differs from the matter vocabularies [schema-drift]; regenerate it with: cloudapproval schema matter > {file}"];
    }

    /// <summary>The procedures validated in this run plus the valid ones on disk in the workflows folder above the matters.</summary>
    private static Dictionary<string, IReadOnlySet<int>> KnownProcedures(IEnumerable<ProcedureDefinition> validated, string workflows)
    {
        var all = validated.Select(d => (d.DefinitionId, d.Version)).ToList();
        var listing = JsonFiles.List(workflows, "v*.json", depth: 1);
        foreach (var file in listing.Files.Where(f => Path.GetDirectoryName(f) != Path.TrimEndingDirectorySeparator(workflows)
            && Path.GetFileName(Path.GetDirectoryName(f)) != ImportMatters.Folder))
        {
            if (!ProcedureValidator.IsVersionFileCandidate(Path.GetFileName(file)) || ProcedureValidator.ValidateFile(file).Count > 0) continue;
            var definition = DefinitionReader.Read(JsonFiles.ReadText(file), file);
            all.Add((definition.DefinitionId, definition.Version));
        }
        return all.GroupBy(p => p.DefinitionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(p => p.Version).ToHashSet(), StringComparer.Ordinal);
    }

    private static string FolderOf(string file)
    {
        var parts = Path.GetFullPath(file).Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[^2] : "";
    }
}
