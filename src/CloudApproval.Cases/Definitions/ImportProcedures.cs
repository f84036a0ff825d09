using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Validation;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Definitions;

/// <summary>
/// Imports <c>workflows/&lt;id&gt;/v&lt;N&gt;.json</c> files, and the matters of <c>workflows/matters/</c>, in one transaction: unchanged versions are skipped (same content
/// hash), new ones are stored as drafts (or published with <c>publish</c>), a changed published version is refused.
/// Any invalid file or refusal aborts the whole import, so nothing half-imported is ever left behind.
/// </summary>
public sealed class ImportProcedures(CasesDbFactory factory, TimeProvider time)
{
    public async Task<ImportReport> RunAsync(string folder, Actor actor, bool publish, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole(publish ? "import and publish procedures" : "import procedures", ActorRoles.Analyst);
        if (!Directory.Exists(folder)) throw new CasesException("not-found", $"{folder}: folder not found");
        // workflows/<id>/v<N>.json, one folder down (a v1.json beside the folders is no procedure's); no link out of the
        // folder or to a folder is followed, and what is left out is reported. A misnamed version (v01.json, V1.json)
        // is validated, and refused, rather than skipped.
        var listing = JsonFiles.List(folder, "v*.json", depth: 1);
        var files = listing.Files
            .Where(f => Path.GetDirectoryName(f) != Path.TrimEndingDirectorySeparator(folder))
            // The matters folder holds matters, whatever their codes look like (a matter coded v2 is no procedure version).
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) != ImportMatters.Folder)
            .Where(f => ProcedureValidator.IsVersionFileCandidate(Path.GetFileName(f)))
            .ToList();
        var problems = new List<string>();
        var parsed = new List<(string File, ProcedureDefinition Definition)>();
        foreach (var file in files)
        {
            var errors = ProcedureValidator.ValidateFile(file);
            if (errors.Count > 0)
            {
                problems.AddRange(errors.Select(e => e.ToString()));
                continue;
            }
            var text = JsonFiles.ReadText(file);
            var definition = DefinitionReader.Read(text, file);
            parsed.Add((file, definition));
        }
        if (problems.Count > 0) throw new CasesException("invalid-definition", string.Join(Environment.NewLine, problems));
        var skipped = new List<string>(listing.Skipped);
        var matterProblems = new List<string>();
        var matters = ImportMatters.Read(folder, matterProblems, skipped);
        if (matterProblems.Count > 0) throw new CasesException("invalid-matter", string.Join(Environment.NewLine, matterProblems));

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var report = await StoreAsync(parsed, matters, actor.Recorded, publish, cancellationToken);
                report.Skipped.AddRange(skipped);
                return report;
            }
            catch (DbUpdateException ex) when (attempt < Attempts && WriteConflicts.IsLostRace(ex))
            {
                // Another import stored or changed one of these versions between our read and our write (three imports
                // on a fresh database). Read again: each version is then unchanged, or a conflict explained as such.
            }
        }
    }

    private const int Attempts = 3;

    private async Task<ImportReport> StoreAsync(List<(string File, ProcedureDefinition Definition)> parsed, List<(string File, Matter Matter)> matters,
        string actor, bool publish, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var now = time.GetUtcNow().UtcDateTime;
        var report = new ImportReport();
        await using var db = factory.CreateDbContext();
        // Checked as if published even for drafts: a draft that would loop is better refused now than at publish.
        await CallCycleCheck.EnsureNoneAsync(db, parsed.Select(p => (p.Definition, p.File)).ToList(), cancellationToken);
        foreach (var (file, definition) in parsed)
        {
            var existing = await db.ProcedureVersions.SingleOrDefaultAsync(
                v => v.DefinitionId == definition.DefinitionId && v.Version == definition.Version, cancellationToken);
            var label = $"{definition.DefinitionId} v{definition.Version}";
            var stored = StoredVersions.Put(db, existing, definition, actor, publish, now);
            switch (stored.Outcome)
            {
                case StoreOutcome.Added:
                    report.Added.Add(label);
                    break;
                case StoreOutcome.Updated:
                    report.Updated.Add(label);
                    break;
                case StoreOutcome.Unchanged:
                    report.Unchanged.Add(label);
                    break;
                default:
                    problems.Add($"{file}: {label} is {existing!.Status.ToString().ToLowerInvariant()} and immutable, "
                        + $"but the file differs from it (stored hash {existing.ContentHash[..12]}, file {stored.ContentHash[..12]}); save the change as v{definition.Version + 1}");
                    break;
            }
        }
        if (problems.Count > 0) throw new CasesException("published-version-changed", string.Join(Environment.NewLine, problems));
        // Bound against what is stored and what this import brings: a matter may arrive with its procedure.
        await ImportMatters.StageAsync(db, matters, parsed.Select(p => p.Definition), actor, now, report, cancellationToken);
        // One SaveChanges is one transaction, and it works under SQL Server's retrying execution strategy, which
        // refuses user-started transactions.
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }
}

/// <summary>What an import did.</summary>
public sealed class ImportReport
{
    public List<string> Added { get; } = [];
    public List<string> Updated { get; } = [];
    public List<string> Unchanged { get; } = [];

    /// <summary>Matter codes added, changed (replaced) and unchanged (same content hash).</summary>
    public List<string> MattersAdded { get; } = [];
    public List<string> MattersUpdated { get; } = [];
    public List<string> MattersUnchanged { get; } = [];

    /// <summary>Entries of the folder left out (a link out of it or to a folder), with why.</summary>
    public List<string> Skipped { get; } = [];
}
