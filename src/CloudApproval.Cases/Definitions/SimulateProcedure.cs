using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Simulation;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Definitions;

/// <summary>
/// Runs a scenario (<c>workflows/&lt;id&gt;/scenarios/*.json</c> text) against a stored version on a simulated clock, as the
/// command line's <c>simulate</c> does with files. Nothing is written: no case, no task, no timer.
/// </summary>
public sealed class SimulateProcedure(CasesDbFactory factory, DefinitionCache definitions, ProcedureRunner runner)
{
    /// <summary>
    /// Runs the scenario on <paramref name="version"/>; when null, on the procedure's draft if it has one, else on its
    /// latest published version.
    /// </summary>
    public async Task<SimulationReport> RunAsync(string definitionId, int? version, string scenarioJson, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(scenarioJson);
        actor.RequireRole("simulate procedures", ActorRoles.Analyst);
        ProcedureVersion row;
        await using (var db = factory.CreateDbContext())
            row = await ChooseAsync(db, definitionId, version, cancellationToken);
        var label = $"{definitionId} v{row.Version}";
        // Through the cache: the stored text is checked against its content hash, and a draft is never cached.
        var definition = await definitions.GetAsync(definitionId, row.Version, cancellationToken);
        // Sub-procedures start as a real case's would: the pinned version, else the highest published one.
        var simulator = new Simulator(runner, (id, pinned) => LoadCallee(id, pinned, cancellationToken));
        try
        {
            var (scenario, result) = simulator.RunScript(definition, label, scenarioJson, "scenario");
            return new SimulationReport(definitionId, row.Version, row.Status, scenario.Name, result);
        }
        catch (InvalidDefinitionException ex)
        {
            throw new CasesException("invalid-definition", $"{label} cannot be simulated until every error is fixed:" + Environment.NewLine + ex.Message);
        }
        catch (ScenarioException ex)
        {
            throw new CasesException("invalid-scenario", ex.Message);
        }
    }

    private static async Task<ProcedureVersion> ChooseAsync(CasesDbContext db, string definitionId, int? version, CancellationToken cancellationToken)
    {
        var versions = db.ProcedureVersions.AsNoTracking().Where(v => v.DefinitionId == definitionId);
        if (version is { } named)
            return await versions.SingleOrDefaultAsync(v => v.Version == named, cancellationToken)
                ?? throw new CasesException("unknown-procedure", $"no {definitionId} v{named} in the store");
        var highest = await versions.OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken)
            ?? throw new CasesException("unknown-procedure", $"no procedure '{definitionId}' in the store");
        if (highest.Status == ProcedureVersionStatus.Draft) return highest;
        return await versions.Where(v => v.Status == ProcedureVersionStatus.Published).OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken)
            ?? throw new CasesException("version-not-published", $"{definitionId} has neither a draft nor a published version; name a version to simulate");
    }

    private ProcedureDefinition LoadCallee(string definitionId, int? pinned, CancellationToken cancellationToken)
    {
        // The engine's simulator is synchronous and asks for a sub-procedure only when the run reaches the call (its id
        // may be a variable's value), so the store is read here, blocking; the read is one indexed row, cached after.
        return LoadCalleeAsync(definitionId, pinned, cancellationToken).GetAwaiter().GetResult();
    }

    private async Task<ProcedureDefinition> LoadCalleeAsync(string definitionId, int? pinned, CancellationToken cancellationToken)
    {
        int version;
        await using (var db = factory.CreateDbContext())
            version = await ProcedureCatalog.VersionForNewCaseAsync(db, definitionId, pinned, cancellationToken);
        return await definitions.GetAsync(definitionId, version, cancellationToken);
    }
}

/// <summary>Which stored version ran, the scenario's name, and the simulator's timeline and verdict.</summary>
public sealed record SimulationReport(string DefinitionId, int Version, ProcedureVersionStatus Status, string Scenario, SimulationResult Result);
