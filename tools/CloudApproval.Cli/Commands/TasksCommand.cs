using System.CommandLine;
using CloudApproval.Cases;
using CloudApproval.Cases.Tasks;
using CloudApproval.Engine.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cli.Commands;

/// <summary><c>tasks list|claim|release|assign|complete</c>.</summary>
internal static class TasksCommand
{
    public static Command Create()
    {
        var command = new Command("tasks", "Clerks' tasks: list, claim, release, assign, complete.");
        command.Options.Add(CasesCli.Db);
        command.Options.Add(CasesCli.Workflows);

        var department = new Option<string?>("--department");
        var role = new Option<string?>("--role");
        var assignee = new Option<string?>("--assignee");
        var caseId = new Option<string?>("--case");
        var after = new Option<string?>("--after") { Description = "Cursor printed at the end of the previous page" };
        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 50 };
        var mine = new Option<bool>("--mine") { Description = "Only tasks the actor holds or may claim (an inbox)" };
        var list = new Command("list", "Open and claimed tasks, soonest due first.") { department, role, assignee, caseId, after, limit, mine };
        var listAs = new ActorOptions(list);
        list.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var page = await services.GetRequiredService<TaskInbox>().ListAsync(new TaskQuery
            {
                Department = parse.GetValue(department),
                Role = parse.GetValue(role),
                Assignee = parse.GetValue(assignee),
                CaseId = parse.GetValue(caseId),
                After = parse.GetValue(after),
                Limit = parse.GetValue(limit),
                Mine = parse.GetValue(mine),
            }, listAs.Get(parse), ct);
            var calendar = services.GetRequiredService<WorkingCalendar>();
            foreach (var t in page.Tasks)
                Console.WriteLine($"{t.Id,6}  {t.CaseId}  {t.Title} [{t.Role}@{t.Department}] {t.Status.ToString().ToLowerInvariant()}"
                    + (t.Assignee is null ? "" : $" ({t.Assignee})") + (t.DueDate is { } d ? $" due {DueDates.Format(d, calendar)}" : "")
                    + $"  outcomes [{string.Join(", ", t.Outcomes)}]");
            if (page.NextCursor is { } next) Console.WriteLine($"more: --after {next}");
            return 0;
        });

        var id = new Argument<long>("task-id");
        var claim = new Command("claim", "Take a task.") { id };
        var claimAs = new ActorOptions(claim);
        claim.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var actor = claimAs.Get(parse);
            await services.GetRequiredService<TaskCommands>().ClaimAsync(parse.GetValue(id), actor, ct);
            Console.WriteLine($"task {parse.GetValue(id)} claimed by {actor.Id}");
            return 0;
        });

        var release = new Command("release", "Give a claimed task back.") { id };
        var releaseAs = new ActorOptions(release);
        release.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            await services.GetRequiredService<TaskCommands>().ReleaseAsync(parse.GetValue(id), releaseAs.Get(parse), ct);
            Console.WriteLine($"task {parse.GetValue(id)} released");
            return 0;
        });

        var to = new Option<string>("--to") { Required = true, Description = "The clerk who gets the task" };
        to.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("--to: the assignee is required (a user name)");
        });
        var toDepartments = new Option<string[]>("--to-department") { Description = "The clerk's department, checked when a head (--role DepartmentHead) assigns; repeatable" };
        var toDuties = new Option<string[]>("--to-duty") { Description = "A task role the clerk may take, checked when a head assigns; repeatable" };
        var assign = new Command("assign", "Hand a task to a clerk.") { id, to, toDepartments, toDuties };
        var assignAs = new ActorOptions(assign);
        assign.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            await services.GetRequiredService<TaskCommands>().AssignAsync(parse.GetValue(id),
                new Actor(parse.GetValue(to)!, null, [ActorRoles.Clerk], parse.GetValue(toDepartments), parse.GetValue(toDuties)), assignAs.Get(parse), ct);
            Console.WriteLine($"task {parse.GetValue(id)} assigned to {parse.GetValue(to)}");
            return 0;
        });

        var outcome = new Option<string>("--outcome") { Required = true, Description = "One of the task's outcomes" };
        var data = new Option<string?>("--data") { Description = "Form data as a JSON object" };
        var complete = new Command("complete", "Complete a task with an outcome; the case moves on in the same transaction.") { id, outcome, data };
        var completeAs = new ActorOptions(complete);
        complete.SetAsyncAction(async (parse, ct) =>
        {
            var json = CasesCli.Json(parse.GetValue(data), "--data");
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var actor = completeAs.Get(parse);
            var result = await services.GetRequiredService<TaskCommands>().CompleteAsync(parse.GetValue(id), parse.GetValue(outcome)!, json, actor, ct);
            Console.WriteLine($"task {parse.GetValue(id)} completed: {parse.GetValue(outcome)}");
            // What comes next, for whoever completed it: the tasks it opened that they may see.
            foreach (var next in result.OpenedTasksFor(actor)) Console.WriteLine($"opened task {next.Id}: {next.Title} ({next.Department}, {next.Role})");
            return CasesCli.Report(result);
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(claim);
        command.Subcommands.Add(release);
        command.Subcommands.Add(assign);
        command.Subcommands.Add(complete);
        return command;
    }
}
