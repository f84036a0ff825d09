using System.CommandLine;
using CloudApproval.Cases;
using CloudApproval.Cases.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cli.Commands;

/// <summary>
/// <c>audit verify &lt;case-id&gt;|--all</c>, <c>audit check</c>, <c>audit checkpoint</c>: exit 1 listing every finding when
/// anything was tampered with. What each detects is in the README ("What the audit commands detect").
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Tamper-evident case histories.");
        command.Options.Add(CasesCli.Db);
        command.Options.Add(CasesCli.Workflows);
        command.Options.Add(CasesCli.AuditKey);
        command.Options.Add(CasesCli.Checkpoints);
        var caseId = new Argument<string?>("case-id") { Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Verify every case, every stored definition and the latest checkpoint" };
        var verify = new Command("verify",
            "Recompute hash chains and the digests of each case's rows; check definitions against their content hash and the latest signed checkpoint.") { caseId, all };
        verify.SetAsyncAction(async (parse, ct) =>
        {
            var id = parse.GetValue(caseId);
            if (id is null == !parse.GetValue(all)) throw new CliError("give a case id or --all (not both)");
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var verifier = services.GetRequiredService<AuditVerifier>();
            var results = id is null ? await verifier.VerifyAllAsync(CasesCli.Operator, ct) : [await verifier.VerifyAsync(id, ct)];
            foreach (var r in results)
                Console.WriteLine(r.Intact
                    ? $"ok      {r.CaseId} ({r.Entries} entries{(r.Note is null ? "" : "; " + r.Note)})"
                    : $"BROKEN  {r.CaseId} at entry {r.BrokenAt}: {r.Reason}");
            var findings = new List<string>();
            if (id is null) findings.AddRange(await verifier.VerifyDefinitionsAsync(ct));
            var checkpoints = await services.GetRequiredService<CheckpointVerifier>().VerifyAsync(id, ct);
            findings.AddRange(checkpoints.Findings);
            foreach (var f in findings) Console.WriteLine($"BROKEN  {f}");
            Console.WriteLine(checkpoints.Latest is { } latest
                ? $"checked against checkpoint {latest.Number} of {latest.At} ({latest.CaseCount} cases)"
                : "no checkpoint yet: a re-hashed chain or a deleted case cannot be detected (make one: audit checkpoint)");
            Console.WriteLine($"{results.Count(r => r.Intact)} intact, {results.Count(r => !r.Intact)} broken, {findings.Count} other finding(s)");
            return results.All(r => r.Intact) && findings.Count == 0 ? 0 : 1;
        });
        var check = new Command("check", "Cross-check every case's engine state against its status, task and timer rows; find transitions applied twice.");
        check.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var problems = await services.GetRequiredService<ConsistencyCheck>().RunAsync(CasesCli.Operator, ct);
            foreach (var p in problems) Console.WriteLine(p);
            Console.WriteLine($"{problems.Count} consistency problem(s)");
            return problems.Count == 0 ? 0 : 1;
        });
        var checkpoint = new Command("checkpoint",
            "Sign a checkpoint now (SM2): a Merkle root over every case's chain head and every published definition, appended to the checkpoint file and the database.");
        checkpoint.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var made = await services.GetRequiredService<MakeCheckpoint>().RunAsync(ct);
            if (made.KeyCreated)
                Console.WriteLine($"created a new SM2 signing key at {made.KeyPath}: keep it outside the database and back it up; "
                    + "checkpoints can only be verified with it");
            Console.WriteLine($"checkpoint {made.Number}: {made.CaseCount} cases, {made.DefinitionCount} definitions, root {made.MerkleRoot}");
            Console.WriteLine($"signed with {made.KeyPath} (public key {made.PublicKey[..16]}...), appended to {made.FilePath}");
            return 0;
        });
        command.Subcommands.Add(verify);
        command.Subcommands.Add(check);
        command.Subcommands.Add(checkpoint);
        return command;
    }
}
