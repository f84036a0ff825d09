using System.CommandLine;
using CloudApproval.Cases.Archive;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cli.Commands;

/// <summary><c>archive export &lt;case-id&gt;</c> and <c>archive verify &lt;file.zip&gt;</c>: a closed case's sealed package, and its check.</summary>
internal static class ArchiveCommand
{
    public static Command Create()
    {
        var command = new Command("archive", "Archive packages (归档) of closed cases.");
        command.Options.Add(CasesCli.SealKeys);

        var caseId = new Argument<string>("case-id");
        var output = new Option<string?>("--out") { Description = "Where to write the zip (default: archive-<case-id>.zip in the current folder)" };
        var export = new Command("export", "Write a closed case's archive package (produced on first use, the same package afterwards).") { caseId, output, CasesCli.Db, CasesCli.Workflows };
        export.SetAsyncAction(async (parse, ct) =>
        {
            await using var services = await CasesCli.OpenAsync(parse, create: false, ct);
            var package = await services.GetRequiredService<CaseArchives>().GetAsync(parse.GetValue(caseId)!, CasesCli.Operator, ct);
            var path = parse.GetValue(output) ?? package.FileName;
            await using (var source = package.Open())
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                await source.CopyToAsync(target, ct);
            Console.WriteLine($"{path}: {package.Size} bytes, SHA-256 {package.Sha256}, sealed by {package.SealId} at {package.ProducedAt:yyyy-MM-dd HH:mm:ss}Z");
            return 0;
        });

        var file = new Argument<FileInfo>("file.zip");
        var verify = new Command("verify", "Re-check a package: the department's seal over the manifest, every file's SHA-256, no file added or missing, every audit chain link by link; names the first thing that does not match.") { file };
        verify.SetAsyncAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) throw new CliError($"{path.FullName}: no such file");
            // Checked against the departments' own keys when this machine has them; else only against the key the seal names.
            var settings = new CasesSettings { WorkflowsFolder = "", SealKeysFolder = parse.GetValue(CasesCli.SealKeys), GenerateMissingSealKeys = false };
            var seals = Directory.Exists(settings.SealKeysPath) ? new DepartmentSeals(settings) : null;
            await using var stream = path.OpenRead();
            var check = await ArchiveVerifier.VerifyAsync(stream, seals, ct);
            foreach (var problem in check.Problems) Console.WriteLine($"BROKEN  {problem}");
            if (check.Manifest is { } m)
                Console.WriteLine($"case {m.CaseId} ({m.Procedure} v{m.Version}, {m.Status.ToLowerInvariant()}{(m.Outcome is null ? "" : ": " + m.Outcome)}), "
                    + $"{m.Files.Count} files, {m.AuditChains.Count} audit chain(s), sealed by {m.Department}");
            if (!check.DepartmentKeyChecked) Console.WriteLine($"note: no seal keys at {settings.SealKeysPath}: the seal was checked against the public key it names only");
            Console.WriteLine(check.Intact ? "intact" : $"{check.Problems.Count} problem(s); the first: {check.Problems[0]}");
            return check.Intact ? 0 : 1;
        });
        command.Subcommands.Add(export);
        command.Subcommands.Add(verify);
        return command;
    }
}
