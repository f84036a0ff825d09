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
        var who = CasesCli.As();
        var start = new Command("start", "Start a case; prints its id.") { definition, version, input, who };
        start.SetAsyncAction(async (parse, ct) =>
        {
            var json = CasesCli.Json(parse.GetValue(input), "--input");
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var outcome = await services.GetRequiredService<CaseRuntime>().StartAsync(parse.GetValue(definition)!, parse.GetValue(version), json, parse.GetValue(who)!, ct);
            Console.WriteLine(outcome.CaseId);
            return CasesCli.Report(outcome);
        });

        var caseId = new Argument<string>("case-id");
        var show = new Command("show", "The case's timeline from its audit trail and journal, with tasks, notices and licences.") { caseId };
        show.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            Print(await services.GetRequiredService<CaseHistory>().GetAsync(parse.GetValue(caseId)!, ct), services.GetRequiredService<WorkingCalendar>());
            return 0;
        });

        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 50 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000) result.AddError("--limit must be between 1 and 1000");
        });
        var list = new Command("list", "Latest cases.") { limit };
        list.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var calendar = services.GetRequiredService<WorkingCalendar>();
            foreach (var c in await services.GetRequiredService<CaseHistory>().ListAsync(parse.GetValue(limit), ct))
                Console.WriteLine($"{c.Id}  {c.DefinitionId} v{c.Version}  {c.Status.ToString().ToLowerInvariant()}{(c.Outcome is null ? "" : ": " + c.Outcome)}"
                    + (c.ClockDueDate is { } due ? $"  decision due {DueDates.Format(due, calendar)}" : ""));
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
        foreach (var entry in file.Audit)
        {
            var prefix = entry.CaseId == c.Id ? "" : $"[{entry.CaseId}] ";
            Console.WriteLine($"  {ChinaTime.Format(new DateTimeOffset(entry.At, TimeSpan.Zero))}  #{entry.Sequence} {prefix}{entry.Action} by {entry.Actor}");
            foreach (var line in CaseFile.JournalOf(entry)) Console.WriteLine($"      {line}");
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
