using System.CommandLine;
using CloudApproval.Cases;
using CloudApproval.Cases.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cli.Commands;

/// <summary><c>workflows import|list|publish|retire|export</c>: the durable definition store.</summary>
internal static class WorkflowsCommand
{
    public static Command Create()
    {
        var command = new Command("workflows", "The definition store: import, list, publish, retire, export.");
        command.Options.Add(CasesCli.Db);
        command.Options.Add(CasesCli.Workflows);

        var folder = new Argument<string>("folder") { Description = "A workflows folder (workflows/<id>/v<N>.json)" };
        var publish = new Option<bool>("--publish") { Description = "Publish new versions at once" };
        var who = CasesCli.As();
        var import = new Command("import", "Import procedure and matter files: unchanged versions are skipped, a changed published version is refused.") { folder, publish, who };
        import.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: true, ct);
            var report = await services.GetRequiredService<ImportProcedures>().RunAsync(parse.GetValue(folder)!, Actor.Operator(parse.GetValue(who)!), parse.GetValue(publish), ct);
            foreach (var v in report.Added) Console.WriteLine($"added      {v}");
            foreach (var v in report.Updated) Console.WriteLine($"updated    {v} (draft)");
            foreach (var v in report.Unchanged) Console.WriteLine($"unchanged  {v}");
            foreach (var m in report.MattersAdded) Console.WriteLine($"matter added      {m}");
            foreach (var m in report.MattersUpdated) Console.WriteLine($"matter updated    {m}");
            foreach (var m in report.MattersUnchanged) Console.WriteLine($"matter unchanged  {m}");
            foreach (var skipped in report.Skipped) Console.Error.WriteLine($"skipped {skipped}");
            return 0;
        });

        var list = new Command("list", "List stored versions with status, hash, and who published them.");
        list.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            foreach (var v in await services.GetRequiredService<ProcedureCatalog>().ListAsync(cancellationToken: ct))
                Console.WriteLine($"{v.DefinitionId,-22} v{v.Version,-3} {v.Status.ToString().ToLowerInvariant(),-10} {v.ContentHash[..12]}  "
                    + (v.PublishedAt is { } at ? $"published {at:yyyy-MM-dd HH:mm}Z by {v.PublishedBy}" : $"created by {v.CreatedBy}") + $"  {v.Name}");
            return 0;
        });

        var id = new Argument<string>("definition-id");
        var version = new Argument<int>("version");
        var publishAs = CasesCli.As();
        var publishCommand = new Command("publish", "Publish a draft: validated, immutable afterwards; new cases start on it.") { id, version, publishAs };
        publishCommand.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            await services.GetRequiredService<PublishProcedure>().PublishAsync(parse.GetValue(id)!, parse.GetValue(version), Actor.Operator(parse.GetValue(publishAs)!), ct);
            Console.WriteLine($"published {parse.GetValue(id)} v{parse.GetValue(version)}");
            return 0;
        });

        var retireAs = CasesCli.As();
        var retire = new Command("retire", "Retire a published version: no new cases; running ones finish on it.") { id, version, retireAs };
        retire.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            await services.GetRequiredService<PublishProcedure>().RetireAsync(parse.GetValue(id)!, parse.GetValue(version), Actor.Operator(parse.GetValue(retireAs)!), ct);
            Console.WriteLine($"retired {parse.GetValue(id)} v{parse.GetValue(version)}");
            return 0;
        });

        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var export = new Command("export", "Print a stored version exactly as its file (byte for byte).") { id, version, output };
        export.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var text = await services.GetRequiredService<ProcedureCatalog>().ExportAsync(parse.GetValue(id)!, parse.GetValue(version), ct);
            if (parse.GetValue(output) is { } file) await File.WriteAllTextAsync(file, text, ct);
            else Console.Out.Write(text);
            return 0;
        });

        command.Subcommands.Add(import);
        command.Subcommands.Add(list);
        command.Subcommands.Add(publishCommand);
        command.Subcommands.Add(retire);
        command.Subcommands.Add(export);
        return command;
    }
}
