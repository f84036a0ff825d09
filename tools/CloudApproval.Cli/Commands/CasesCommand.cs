using System.CommandLine;
using CloudApproval.Cases.Instances;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cli.Commands;

/// <summary><c>cases start|show|list</c>.</summary>
internal static class CasesCommand
{
    public static Command Create()
    {
        var command = new Command("cases", "Start and inspect cases.");
        command.Options.Add(CasesCli.Db);
        command.Options.Add(CasesCli.Workflows);

        var definition = new Argument<string>("definition-id");
        var version = new Option<int?>("--version") { Description = "A published version; default: the highest published" };
        var input = new Option<string?>("--input") { Description = "Start input as a JSON object, e.g. {\"department\":\"market-supervision\"}" };
        var applicant = new Option<string?>("--applicant") { Description = "Whose case it is (a clerk starts one on an applicant's behalf; default: who acts)" };
        var start = new Command("start", "Start a case; prints its id.") { definition, version, input, applicant };
        var who = new ActorOptions(start);
        start.SetAsyncAction(async (parse, ct) =>
        {
            var json = CasesCli.Json(parse.GetValue(input), "--input");
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var outcome = await services.GetRequiredService<CaseRuntime>().StartAsync(parse.GetValue(definition)!, parse.GetValue(version), json, who.Get(parse), parse.GetValue(applicant), ct);
            Console.WriteLine(outcome.CaseId);
            return CasesCli.Report(outcome);
        });

        var caseId = new Argument<string>("case-id");
        var show = new Command("show", "The case's timeline from its audit trail and journal, with tasks, notices and licences.") { caseId };
        var showAs = new ActorOptions(show);
        show.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            Print(await services.GetRequiredService<CaseHistory>().GetAsync(parse.GetValue(caseId)!, showAs.Get(parse), ct), services.GetRequiredService<WorkingCalendar>());
            return 0;
        });

        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 50 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > CaseList.MaxLimit) result.AddError($"--limit must be between 1 and {CaseList.MaxLimit}");
        });
        var procedure = new Option<string?>("--procedure") { Description = "Only cases of this procedure" };
        var overdue = new Option<bool>("--overdue") { Description = "Only running cases past their legal decision day" };
        var after = new Option<string?>("--after") { Description = "Cursor printed at the end of the previous page" };
        var list = new Command("list", "Latest cases, newest first.") { limit, procedure, overdue, after };
        var listAs = new ActorOptions(list);
        list.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var calendar = services.GetRequiredService<WorkingCalendar>();
            var page = await services.GetRequiredService<CaseList>().ListAsync(new CaseQuery
            {
                Limit = parse.GetValue(limit),
                Procedure = parse.GetValue(procedure),
                Overdue = parse.GetValue(overdue) ? true : null,
                After = parse.GetValue(after),
            }, listAs.Get(parse), ct);
            foreach (var c in page.Cases)
                Console.WriteLine($"{c.Id}  {c.DefinitionId} v{c.Version}  {c.Status.ToString().ToLowerInvariant()}{(c.Outcome is null ? "" : ": " + c.Outcome)}"
                    + (c.ClockDueDate is { } due ? $"  decision due {DueDates.Format(due, calendar)}" : ""));
            if (page.NextCursor is { } next) Console.WriteLine($"more: --after {next}");
            return 0;
        });

        command.Subcommands.Add(start);
        command.Subcommands.Add(show);
        command.Subcommands.Add(list);
        return command;
    }

    public static void Print(CaseFile file, WorkingCalendar calendar)
    {
        var c = file.Case;
        Console.WriteLine($"case {c.Id}: {c.DefinitionId} v{c.Version}, {c.Status.ToString().ToLowerInvariant()}{(c.Outcome is null ? "" : ": " + c.Outcome)}"
            + (c.ClockDueDate is { } due ? $", decision due {DueDates.Format(due, calendar)}" : ""));
        foreach (var entry in file.Timeline)
        {
            var prefix = entry.CaseId == c.Id ? "" : $"[{entry.CaseId}] ";
            Console.WriteLine($"  {ChinaTime.Format(new DateTimeOffset(entry.At, TimeSpan.Zero))}  #{entry.Sequence} {prefix}{entry.Action} by {entry.Actor}");
            foreach (var line in entry.Journal) Console.WriteLine($"      {line}");
        }
        if (file.Tasks.Count > 0) Console.WriteLine("  tasks:");
        foreach (var t in file.Tasks)
            Console.WriteLine($"    #{t.Id} {t.Title} [{t.Role}@{t.Department}] {t.Status.ToString().ToLowerInvariant()}"
                + (t.Assignee is null ? "" : $" ({t.Assignee})") + (t.Outcome is null ? "" : $" -> {t.Outcome}") + (t.DueDate is { } d ? $", due {DueDates.Format(d, calendar)}" : ""));
        if (file.Notices.Count > 0) Console.WriteLine($"  notices: {string.Join(", ", file.Notices.Select(n => n.NoticeType))}");
        foreach (var l in file.Licences)
            Console.WriteLine($"  licence {l.Number}: {l.LicenceType}, valid {l.ValidFrom:yyyy-MM-dd} to {l.ValidUntil:yyyy-MM-dd}, {l.Status.ToString().ToLowerInvariant()}");
    }
}
