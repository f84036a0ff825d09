using System.CommandLine;
using CloudApproval.Cases.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cli.Commands;

/// <summary><c>events send &lt;case-id&gt; &lt;event&gt;</c>: what the applicant portal does when materials arrive.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var command = new Command("events", "External signals to cases.");
        command.Options.Add(CasesCli.Db);
        command.Options.Add(CasesCli.Workflows);
        var caseId = new Argument<string>("case-id");
        var name = new Argument<string>("event-name") { Description = "e.g. materials-supplemented, commitment-signed, correction-submitted" };
        var payload = new Option<string?>("--payload") { Description = "JSON object" };
        var send = new Command("send", "Send a named event to a case.") { caseId, name, payload };
        var who = new ActorOptions(send);
        send.SetAsyncAction(async (parse, ct) =>
        {
            var json = CasesCli.Json(parse.GetValue(payload), "--payload");
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var outcome = await services.GetRequiredService<CaseRuntime>().SendEventAsync(parse.GetValue(caseId)!, parse.GetValue(name)!, json, who.Get(parse), ct);
            Console.WriteLine($"event {parse.GetValue(name)} delivered to {parse.GetValue(caseId)}");
            return CasesCli.Report(outcome);
        });
        command.Subcommands.Add(send);
        return command;
    }
}
