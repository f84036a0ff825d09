using System.CommandLine;
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
        var list = new Command("list", "Open and claimed tasks, soonest due first.") { department, role, assignee, caseId, after, limit };
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
            }, ct);
            var calendar = services.GetRequiredService<WorkingCalendar>();
            foreach (var t in page.Tasks)
                Console.WriteLine($"{t.Id,6}  {t.CaseId}  {t.Title} [{t.Role}@{t.Department}] {t.Status.ToString().ToLowerInvariant()}"
                    + (t.Assignee is null ? "" : $" ({t.Assignee})") + (t.DueDate is { } d ? $" due {DueDates.Format(d, calendar)}" : "") + $"  outcomes {t.OutcomesJson}");
            if (page.NextCursor is { } next) Console.WriteLine($"more: --after {next}");
            return 0;
        });

        var id = new Argument<long>("task-id");
        var claimAs = CasesCli.As();
        var claim = new Command("claim", "Take a task.") { id, claimAs };
        claim.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            await services.GetRequiredService<TaskCommands>().ClaimAsync(parse.GetValue(id), parse.GetValue(claimAs)!, ct);
            Console.WriteLine($"task {parse.GetValue(id)} claimed by {parse.GetValue(claimAs)}");
            return 0;
        });

        var releaseAs = CasesCli.As();
        var release = new Command("release", "Give a claimed task back.") { id, releaseAs };
        release.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            await services.GetRequiredService<TaskCommands>().ReleaseAsync(parse.GetValue(id), parse.GetValue(releaseAs)!, ct);
            Console.WriteLine($"task {parse.GetValue(id)} released");
            return 0;
        });

        var to = new Option<string>("--to") { Required = true, Description = "The clerk who gets the task" };
        var assignAs = CasesCli.As();
        var assign = new Command("assign", "Hand a task to a clerk.") { id, to, assignAs };
        assign.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            await services.GetRequiredService<TaskCommands>().AssignAsync(parse.GetValue(id), parse.GetValue(to)!, parse.GetValue(assignAs)!, ct);
            Console.WriteLine($"task {parse.GetValue(id)} assigned to {parse.GetValue(to)}");
            return 0;
        });

        var outcome = new Option<string>("--outcome") { Required = true, Description = "One of the task's outcomes" };
        var data = new Option<string?>("--data") { Description = "Form data as a JSON object" };
        var completeAs = CasesCli.As();
        var complete = new Command("complete", "Complete a task with an outcome; the case moves on in the same transaction.") { id, outcome, data, completeAs };
        complete.SetAsyncAction(async (parse, ct) =>
        {
            var json = CasesCli.Json(parse.GetValue(data), "--data");
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var result = await services.GetRequiredService<TaskCommands>().CompleteAsync(parse.GetValue(id), parse.GetValue(outcome)!, json, parse.GetValue(completeAs)!, ct);
            Console.WriteLine($"task {parse.GetValue(id)} completed: {parse.GetValue(outcome)}");
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
