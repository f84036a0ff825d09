using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Json;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Matters;

/// <summary>
/// The matters part of an import (<c>workflows/matters/&lt;code&gt;.json</c>): read and checked before anything is written,
/// then added or replaced in the same unit of work as the procedures, so a bad matter file takes the whole import back.
/// </summary>
internal static class ImportMatters
{
    public const string Folder = "matters";

    /// <summary>Every matter file of the workflows folder, read; problems collected (none written yet).</summary>
    public static List<(string File, Matter Matter)> Read(string workflows, List<string> problems, List<string> skipped)
    {
        var folder = Path.Combine(workflows, Folder);
        if (!Directory.Exists(folder)) return [];
        var listing = JsonFiles.List(folder, "*.json", depth: 0);
        skipped.AddRange(listing.Skipped);
        var matters = new List<(string, Matter)>();
        foreach (var file in listing.Files)
        {
            var read = MatterReader.ReadFile(file);
            if (read.Matter is null) problems.AddRange(read.Errors.Select(e => e.ToString()));
            else matters.Add((file, read.Matter));
        }
        return matters;
    }

    /// <summary>Checks bindings against the stored procedures and those being imported, then stages the rows.</summary>
    public static async Task StageAsync(CasesDbContext db, List<(string File, Matter Matter)> matters, IEnumerable<ProcedureDefinition> imported,
        string actor, DateTime now, ImportReport report, CancellationToken cancellationToken)
    {
        if (matters.Count == 0) return;
        var stored = await db.ProcedureVersions.AsNoTracking().Select(v => new { v.DefinitionId, v.Version }).ToListAsync(cancellationToken);
        var procedures = stored.Select(v => (v.DefinitionId, v.Version))
            .Concat(imported.Select(d => (d.DefinitionId, d.Version)))
            .GroupBy(v => v.DefinitionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(v => v.Version).ToHashSet(), StringComparer.Ordinal);
        var problems = matters.SelectMany(m => MatterBindings.Check(m.Matter.Procedure, m.File, procedures)).Select(e => e.ToString()).ToList();
        if (problems.Count > 0) throw new CasesException("invalid-matter", string.Join(Environment.NewLine, problems));
        foreach (var (file, matter) in matters.Where(m => m.Matter.Procedure.Inputs is { Count: > 0 }))
        {
            var binding = matter.Procedure;
            var version = binding.Version ?? procedures[binding.DefinitionId].Max();
            var definition = imported.FirstOrDefault(d => d.DefinitionId == binding.DefinitionId && d.Version == version)
                ?? await StoredAsync(db, binding.DefinitionId, version, cancellationToken);
            problems.AddRange(MatterBindings.CheckInputs(binding, file, definition).Select(e => e.ToString()));
        }
        if (problems.Count > 0) throw new CasesException("invalid-matter", string.Join(Environment.NewLine, problems));

        var codes = matters.Select(m => m.Matter.Code).ToList();
        var rows = await db.Matters.Where(m => codes.Contains(m.Code)).ToDictionaryAsync(m => m.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var (_, matter) in matters)
        {
            var json = MatterJson.Write(matter);
            var hash = ContentHash.Of(json);
            if (!rows.TryGetValue(matter.Code, out var row))
            {
                db.Matters.Add(new StoredMatter
                {
                    Code = matter.Code, NameZh = matter.Name.Zh, NameEn = matter.Name.En, Department = matter.Department,
                    DefinitionId = matter.Procedure.DefinitionId, Json = json, ContentHash = hash, ImportedBy = actor, ImportedAt = now,
                });
                report.MattersAdded.Add(matter.Code);
                continue;
            }
            if (row.ContentHash == hash)
            {
                report.MattersUnchanged.Add(matter.Code);
                continue;
            }
            row.NameZh = matter.Name.Zh;
            row.NameEn = matter.Name.En;
            row.Department = matter.Department;
            row.DefinitionId = matter.Procedure.DefinitionId;
            row.Json = json;
            row.ContentHash = hash;
            row.ImportedBy = actor;
            row.ImportedAt = now;
            row.RowVersion++;
            report.MattersUpdated.Add(matter.Code);
        }
    }

    private static async Task<ProcedureDefinition> StoredAsync(CasesDbContext db, string definitionId, int version, CancellationToken ct)
    {
        var json = await db.ProcedureVersions.AsNoTracking().Where(v => v.DefinitionId == definitionId && v.Version == version).Select(v => v.Json).SingleAsync(ct);
        return DefinitionReader.Read(json, $"{definitionId} v{version}");
    }
}
