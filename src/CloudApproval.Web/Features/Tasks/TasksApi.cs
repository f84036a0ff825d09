using CloudApproval.Cases.Alerts;
using System.Security.Claims;
using System.Text.Json.Nodes;
using CloudApproval.Cases;
using CloudApproval.Cases.Tasks;
using CloudApproval.Web.Features.Cases;
using CloudApproval.Web.Hosting;
using CloudApproval.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace CloudApproval.Web.Features.Tasks;

/// <summary>
/// The clerks' inbox and what they do with a task. Who may take which task (department, task role, assignment) is
/// decided in Cases; a task of another department is a 404.
/// </summary>
public static class TasksApi
{
    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/tasks").WithTags("Tasks");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Officials)
            .WithSummary("My inbox (mine=true, the default): tasks I hold or may claim; mine=false: all tasks I may see. Soonest due first, keyset-paged")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/workload", WorkloadAsync).RequireAuthorization(Policies.Officials)
            .WithSummary("Team workload: per department and clerk the tasks held, overdue and near due, and the open tasks nobody holds (?department=)");
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.Officials)
            .WithSummary("One task (its department's staff, its holder, auditors and admins), with its case's matter and legal clock")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/claim", ClaimAsync).RequireAuthorization(Policies.Caseworkers)
            .WithSummary("Take an open task (staff of its department with its task role)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/release", ReleaseAsync).RequireAuthorization(Policies.Caseworkers)
            .WithSummary("Give a claimed task back (its holder or the department's head)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/assign", AssignAsync).RequireAuthorization(Policies.Heads)
            .WithSummary("The department's head hands a task to a clerk of the department who has its task role")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/remind", RemindAsync).RequireAuthorization(Policies.Heads)
            .WithSummary("The department's head reminds (催办) the task's holder, or its department's staff with its task role while unclaimed; an optional message")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/complete", CompleteAsync).RequireAuthorization(Policies.Caseworkers)
            .WithSummary("Complete a task with one of its outcomes and its form data; the case moves on in the same transaction. Answers the tasks it opened that the caller may see (openedTasks)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    /// <summary>Who gets the task.</summary>
    /// <param name="Assignee">The clerk's user name.</param>
    public sealed record AssignRequest(string Assignee);

    /// <summary>How the task ends.</summary>
    /// <param name="Outcome">One of the task's outcomes.</param>
    /// <param name="Data">The task's form data (a JSON object).</param>
    public sealed record CompleteRequest(string Outcome, JsonObject? Data = null);

    private static async Task<Ok<TaskPage>> ListAsync(
        ClaimsPrincipal user, TaskInbox inbox, CancellationToken ct,
        bool mine = true, string? department = null, string? role = null, string? assignee = null, string? caseId = null,
        string? search = null, DateOnly? dueBy = null, WorkTaskStatus[]? status = null, string? after = null, int limit = 50) =>
        TypedResults.Ok(await inbox.ListAsync(new TaskQuery
        {
            Mine = mine,
            Department = department,
            Role = role,
            Assignee = assignee,
            CaseId = caseId,
            Search = search,
            DueBy = dueBy,
            Statuses = status is { Length: > 0 } ? status : null,
            After = after,
            Limit = limit,
        }, user.ToActor(), ct));

    private static async Task<Ok<WorkloadView>> WorkloadAsync(ClaimsPrincipal user, Workload workload, CancellationToken ct, string? department = null) =>
        TypedResults.Ok(await workload.GetAsync(department, user.ToActor(), ct));

    private static async Task<Ok<TaskView>> GetAsync(long id, ClaimsPrincipal user, TaskInbox inbox, CancellationToken ct) =>
        TypedResults.Ok(await inbox.GetAsync(id, user.ToActor(), ct));

    private static async Task<NoContent> ClaimAsync(long id, ClaimsPrincipal user, TaskCommands tasks, CancellationToken ct)
    {
        await tasks.ClaimAsync(id, user.ToActor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ReleaseAsync(long id, ClaimsPrincipal user, TaskCommands tasks, CancellationToken ct)
    {
        await tasks.ReleaseAsync(id, user.ToActor(), ct);
        return TypedResults.NoContent();
    }

    /// <summary>A reminder (催办).</summary>
    /// <param name="Message">Optional words to the recipients (at most 500 characters).</param>
    public sealed record RemindRequest(string? Message = null);

    private static async Task<Ok<ReminderSent>> RemindAsync(long id, RemindRequest? request, ClaimsPrincipal user, TaskReminders reminders,
        UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals, CancellationToken ct) =>
        TypedResults.Ok(await reminders.SendAsync(id, request?.Message, StaffDirectory.Of(users, principals), user.ToActor(), ct));

    private static async Task<NoContent> AssignAsync(long id, AssignRequest request, ClaimsPrincipal user, TaskCommands tasks,
        UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals, CancellationToken ct)
    {
        await tasks.AssignAsync(id, await Assignees.ActorOfAsync(request.Assignee, users, principals), user.ToActor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CaseOutcomeView>, ProblemHttpResult>> CompleteAsync(
        long id, CompleteRequest request, ClaimsPrincipal user, TaskCommands tasks, CancellationToken ct)
    {
        var actor = user.ToActor();
        var outcome = await tasks.CompleteAsync(id, request.Outcome, request.Data, actor, ct);
        return outcome.Faulted ? CaseOutcomeView.FaultedProblem(outcome) : TypedResults.Ok(CaseOutcomeView.From(outcome, actor));
    }
}
