using System.CommandLine;
using System.Globalization;
using CloudApproval.Cases.Instances;
using CloudApproval.Engine.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cli.Commands;

/// <summary><c>calendar add|between|apply</c>: working-day arithmetic on the official calendar, and recounting running cases when it changes.</summary>
internal static class CalendarCommand
{
    public static Command Create()
    {
        var workflows = new Option<string?>("--workflows") { Description = "The workflows folder (default: found from the current directory)" };
        var command = new Command("calendar", "Working-day arithmetic on the official holiday calendar (调休 included).");

        var from = new Argument<string>("date") { Description = "yyyy-MM-dd" };
        var n = new Argument<int>("n") { Description = "Working days (negative counts back)" };
        var add = new Command("add", "The N-th working day after a date (\"within N working days of D\").") { from, n, workflows };
        add.SetAction(parse => CliError.Guard(() =>
        {
            var calendar = Load(parse.GetValue(workflows));
            var date = Date(parse.GetValue(from)!);
            var answer = Bounded(() => calendar.AddWorkingDays(date, parse.GetValue(n)), $"{parse.GetValue(n)} working days from {date:yyyy-MM-dd}");
            Console.WriteLine(answer.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return Warn(answer.Warning);
        }));

        var start = new Argument<string>("from") { Description = "yyyy-MM-dd" };
        var end = new Argument<string>("to") { Description = "yyyy-MM-dd" };
        var between = new Command("between", "Working days after <from> up to and including <to>.") { start, end, workflows };
        between.SetAction(parse => CliError.Guard(() =>
        {
            var calendar = Load(parse.GetValue(workflows));
            var (first, last) = (Date(parse.GetValue(start)!), Date(parse.GetValue(end)!));
            var answer = Bounded(() => calendar.CountWorkingDays(first, last), $"working days from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}");
            Console.WriteLine(answer.Value);
            return Warn(answer.Warning);
        }));

        command.Subcommands.Add(add);
        command.Subcommands.Add(between);
        command.Subcommands.Add(Apply());
        return command;
    }

    /// <summary><c>calendar apply</c>: after a calendar file was added or corrected, recount every running case on it.</summary>
    private static Command Apply()
    {
        var note = new Option<string>("--note")
        {
            Description = "What changed, for the cases' trails",
            DefaultValueFactory = _ => "calendar files changed",
        };
        var apply = new Command("apply",
            "Recount every running case's legal clock, working-day timers and task due dates on the calendar files as they are now; "
            + "each case that changes gets one transaction and one audit entry.") { CasesCli.Db, CasesCli.Workflows, note };
        var actor = new ActorOptions(apply);
        apply.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var report = await services.GetRequiredService<RecomputeForCalendarChange>().RunAsync(parse.GetValue(note)!, actor.Get(parse), ct);
            foreach (var recount in report.Changed)
            {
                Console.WriteLine(recount.CaseId);
                foreach (var change in recount.Changes) Console.WriteLine("  " + change);
            }
            Console.WriteLine($"{report.Changed.Count} of {report.RunningCases} running case(s) changed");
            return 0;
        });
        return apply;
    }

    private static WorkingCalendar Load(string? workflows) => WorkflowsFolder.Calendar(WorkflowsFolder.Locate(workflows));

    private static int Warn(string? warning)
    {
        if (warning is not null) Console.Error.WriteLine($"warning: {warning}");
        return 0;
    }

    /// <summary>
    /// The calendar refuses a range beyond its twenty-year bound, and dates run out at the years 1 and 9999: either is
    /// bad input here, answered in one line.
    /// </summary>
    private static CalendarAnswer<T> Bounded<T>(Func<CalendarAnswer<T>> compute, string what)
    {
        try
        {
            return compute();
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new CliError($"{what}: out of range; the calendar answers within twenty years, between the years 1 and 9999");
        }
    }

    private static DateOnly Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new CliError($"'{text}' is not a date yyyy-MM-dd");
}
