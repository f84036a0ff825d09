using System.CommandLine;
using CloudApproval.Cases.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cli.Commands;

/// <summary><c>audit verify &lt;case-id&gt;|--all</c>: exit 1 and the first broken link when a chain is broken.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Tamper-evident case histories.");
        command.Options.Add(CasesCli.Db);
        command.Options.Add(CasesCli.Workflows);
        var caseId = new Argument<string?>("case-id") { Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Verify every case" };
        var verify = new Command("verify", "Recompute hash chains; report the first broken link.") { caseId, all };
        verify.SetAsyncAction(async (parse, ct) =>
        {
            var id = parse.GetValue(caseId);
            if (id is null == !parse.GetValue(all)) throw new CliError("give a case id or --all (not both)");
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var verifier = services.GetRequiredService<AuditVerifier>();
            var results = id is null ? await verifier.VerifyAllAsync(ct) : [await verifier.VerifyAsync(id, ct)];
            foreach (var r in results)
                Console.WriteLine(r.Intact ? $"ok      {r.CaseId} ({r.Entries} entries)" : $"BROKEN  {r.CaseId} at entry {r.BrokenAt}: {r.Reason}");
            Console.WriteLine($"{results.Count(r => r.Intact)} intact, {results.Count(r => !r.Intact)} broken");
            return results.All(r => r.Intact) ? 0 : 1;
        });
        var check = new Command("check", "Cross-check every case's engine state against its task and timer rows; find transitions applied twice.");
        check.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var problems = await services.GetRequiredService<ConsistencyCheck>().RunAsync(ct);
            foreach (var p in problems) Console.WriteLine(p);
            Console.WriteLine($"{problems.Count} consistency problem(s)");
            return problems.Count == 0 ? 0 : 1;
        });
        command.Subcommands.Add(verify);
        command.Subcommands.Add(check);
        return command;
    }
}
