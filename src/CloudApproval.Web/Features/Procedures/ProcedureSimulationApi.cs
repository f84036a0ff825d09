using System.Security.Claims;
using CloudApproval.Cases.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudApproval.Web.Features.Procedures;

/// <summary>Runs a scenario against a stored version on a simulated clock: the designer's test bench. Writes nothing.</summary>
internal static class ProcedureSimulationApi
{
    public static RouteGroupBuilder MapProcedureSimulation(this RouteGroupBuilder group)
    {
        group.MapPost("/{id}/simulate", SimulateAsync).RequireAuthorization(Policies.Designers)
            .Accepts<object>("application/json")
            .WithSummary("Run a scenario (scripted outcomes, events, elapsed working days) on the draft, else the latest published version, or ?version=; returns the timeline");
        return group;
    }

    /// <summary>The run: which version, whether every expectation held, the end state and the timeline.</summary>
    public sealed record SimulationView(string Id, int Version, ProcedureVersionStatus VersionStatus, string Scenario, bool Passed,
        InstanceStatus Status, string? Outcome, IReadOnlyList<string> Failures, IReadOnlyList<TimelineView> Timeline);

    /// <summary>One line of the timeline: simulated time (China time), which instance (case, or case/child), what happened.</summary>
    public sealed record TimelineView(DateTimeOffset At, string Instance, string Text);

    private static async Task<Ok<SimulationView>> SimulateAsync(string id, int? version, HttpRequest request, ClaimsPrincipal user, SimulateProcedure simulation, CancellationToken ct)
    {
        var actor = user.ToActor();
        var report = await simulation.RunAsync(id, version, await RequestText.ReadAsync(request, ct), actor, ct);
        var result = report.Result;
        return TypedResults.Ok(new SimulationView(report.DefinitionId, report.Version, report.Status, report.Scenario, result.Passed,
            result.FinalState.Status, result.FinalState.Outcome, result.Failures,
            result.Timeline.Select(e => new TimelineView(e.At, e.Instance, e.Text)).ToList()));
    }
}
