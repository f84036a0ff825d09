using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Archive;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Archive;

/// <summary>
/// The archive package of a closed case: a food business licence application (materials uploaded, submitted, not
/// accepted at pre-review) is archived with its materials and chain, sealed by market-supervision; every kind of change
/// to the package is caught and named.
/// </summary>
public sealed class ArchiveTests
{
    private static readonly Actor Chen = new("applicant-chen", "陈静", [ActorRoles.Applicant]);
    private static readonly Actor Clerk = new("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk"]);
    private static readonly Actor Auditor = new("auditor-sun", null, [ActorRoles.Auditor]);
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");

    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    private CaseArchives Archives => _host.Get<CaseArchives>();
    private DepartmentSeals Seals => _host.Get<DepartmentSeals>();

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
        await _host.ImportAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>A submitted food business licence application; the case waits at pre-review.</summary>
    private async Task<string> SubmittedCaseAsync()
    {
        var drafts = _host.Get<ApplicationDrafts>();
        var draft = await drafts.CreateAsync("food-business-licence", SeedParticulars.For("food-business-licence"), Chen);
        foreach (var code in new[] { "application-form", "business-licence", "premises-layout", "legal-representative-id" })
            await drafts.UploadAsync(draft.Id, code, code + ".pdf", new MemoryStream([.. Pdf, .. Encoding.ASCII.GetBytes(code)]), Chen);
        return (await _host.Get<SubmitApplication>().RunAsync(draft.Id, commitment: false, Chen)).Outcome.CaseId;
    }

    private async Task<string> ClosedCaseAsync()
    {
        var caseId = await SubmittedCaseAsync();
        var preReview = await _host.OpenTaskAsync(caseId, "pre-review");
        await _host.Tasks.CompleteAsync(preReview.Id, "reject", new JsonObject { ["reason"] = "经营场所不在本辖区" }, Clerk);
        Assert.That((await _host.CaseAsync(caseId)).Status, Is.EqualTo(CloudApproval.Cases.Instances.CaseStatus.Completed), "the case must be closed for this test");
        // What the timer server's job does after the closing commit: the notices become sealed documents.
        await _host.Get<IssueDocuments>().SweepAsync();
        return caseId;
    }

    private static async Task<byte[]> BytesAsync(ArchivePackage package)
    {
        await using var stream = package.Open();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private Task<ArchiveCheck> VerifyAsync(byte[] package) => ArchiveVerifier.VerifyAsync(new MemoryStream(package), Seals);

    /// <summary>The package with one entry's bytes changed (or removed when the change answers null), others copied as they are.</summary>
    private static byte[] Rewrite(byte[] package, Func<string, byte[], byte[]?> change, (string Path, byte[] Content)? add = null)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var read = entry.Open();
                using var buffer = new MemoryStream();
                read.CopyTo(buffer);
                if (change(entry.FullName, buffer.ToArray()) is not { } bytes) continue;
                using var write = target.CreateEntry(entry.FullName).Open();
                write.Write(bytes);
            }
            if (add is { } extra)
            {
                using var write = target.CreateEntry(extra.Path).Open();
                write.Write(extra.Content);
            }
        }
        return output.ToArray();
    }

    private static byte[] Entry(byte[] package, string path)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var read = zip.GetEntry(path)!.Open();
        using var buffer = new MemoryStream();
        read.CopyTo(buffer);
        return buffer.ToArray();
    }

    [Test]
    public async Task ClosedCase_IsArchivedWithEveryMaterialNoticeAndChain_SealedByItsDepartment_AndVerifiesIntact()
    {
        var caseId = await ClosedCaseAsync();

        var package = await Archives.GetAsync(caseId, Auditor);
        var bytes = await BytesAsync(package);
        var check = await VerifyAsync(bytes);

        await using var db = _host.Db();
        var uploaded = await db.ApplicationMaterials.Select(m => m.Sha256).ToListAsync();
        var entries = await db.AuditEntries.CountAsync(e => e.CaseId == caseId);
        var manifest = check.Manifest!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(check.Problems, Is.Empty);
            Assert.That(check.DepartmentKeyChecked, Is.True);
            Assert.That(manifest.CaseId, Is.EqualTo(caseId));
            Assert.That(manifest.Department, Is.EqualTo("market-supervision"));
            Assert.That(package.SealId, Does.StartWith("market-supervision:"));
            Assert.That(manifest.Files.Where(f => f.Kind == "material").Select(f => f.Sha256), Is.EquivalentTo(uploaded));
            Assert.That(manifest.Files.Select(f => f.Kind), Does.Contain("case-file").And.Contain("application").And.Contain("notice"));
            Assert.That(manifest.AuditChains.Single().Entries, Is.EqualTo(entries));
            Assert.That(manifest.AuditChains.Single().Verified, Is.True);
            Assert.That(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), Is.EqualTo(package.Sha256));
        }
    }

    [Test]
    public async Task Archive_IsProducedOnce_EveryLaterOrConcurrentRequestServesTheSamePackage()
    {
        var caseId = await ClosedCaseAsync();

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Archives.GetAsync(caseId, Auditor)));
        var later = await Archives.GetAsync(caseId, Auditor);

        await using var db = _host.Db();
        Assert.That(await db.CaseArchives.CountAsync(), Is.EqualTo(1));
        Assert.That(concurrent.Select(p => p.Sha256).Append(later.Sha256).Distinct(), Has.Exactly(1).Items);
    }

    [Test]
    public async Task ClosedCase_WhoseDocumentsAreStillBeingIssued_IsNotArchivedYet()
    {
        var caseId = await SubmittedCaseAsync();
        var preReview = await _host.OpenTaskAsync(caseId, "pre-review");
        await _host.Tasks.CompleteAsync(preReview.Id, "reject", new JsonObject { ["reason"] = "经营场所不在本辖区" }, Clerk);

        var pending = await Assert.ThrowsAsync<CasesException>(() => Archives.GetAsync(caseId, Auditor));
        var swept = await Archives.ArchiveClosedAsync(100);
        await _host.Get<IssueDocuments>().SweepAsync();
        var package = await Archives.GetAsync(caseId, Auditor);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pending!.Code, Is.EqualTo("archive-pending"));
            Assert.That(swept, Is.Zero, "the sweep waits for the documents too");
            Assert.That(package.CaseId, Is.EqualTo(caseId));
        }
    }

    [Test]
    public async Task ChangedDocument_IsNamedByItsHash_AndItsSeal()
    {
        var bytes = await BytesAsync(await Archives.GetAsync(await ClosedCaseAsync(), Auditor));
        var document = (await VerifyAsync(bytes)).Manifest!.Files.First(f => f.Kind == "document");

        var check = await VerifyAsync(Rewrite(bytes, (path, content) => path == document.Path ? [.. content[..^1], (byte)(content[^1] ^ 1)] : content));

        Assert.That(check.Problems, Has.Count.EqualTo(2));
        Assert.That(check.Problems[0], Does.StartWith($"{document.Path}: its content differs from the manifest"));
        Assert.That(check.Problems[1], Is.EqualTo($"{document.Path}: the content changed after sealing (SM3 digest differs)"));
    }

    [Test]
    public async Task RunningCase_IsNotArchived_AndOnlyAuditorsAndAdminsMayDownload()
    {
        var caseId = await SubmittedCaseAsync();

        var open = await Assert.ThrowsAsync<CasesException>(() => Archives.GetAsync(caseId, Auditor));
        var clerk = await Assert.ThrowsAsync<CasesException>(() => Archives.GetAsync(caseId, Clerk));
        var applicant = await Assert.ThrowsAsync<CasesException>(() => Archives.GetAsync(caseId, Chen));
        var unknown = await Assert.ThrowsAsync<CasesException>(() => Archives.GetAsync("no-such-case", Auditor));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(open!.Code, Is.EqualTo("case-open"));
            Assert.That(CasesException.KindOf(open.Code), Is.EqualTo(RefusalKind.Conflict));
            Assert.That(clerk!.Code, Is.EqualTo("forbidden"));
            Assert.That(applicant!.Code, Is.EqualTo("forbidden"));
            Assert.That(unknown!.Code, Is.EqualTo("unknown-case"));
        }
    }

    [Test]
    public async Task Sweep_ArchivesClosedCasesOnly()
    {
        var closed = await ClosedCaseAsync();
        var running = await SubmittedCaseAsync();

        var archived = await Archives.ArchiveClosedAsync(100);
        var again = await Archives.ArchiveClosedAsync(100);

        await using var db = _host.Db();
        Assert.That(archived, Is.EqualTo(1));
        Assert.That(again, Is.Zero);
        Assert.That(await db.CaseArchives.Select(a => a.CaseId).ToListAsync(), Is.EqualTo(new[] { closed }));
        Assert.That(running, Is.Not.EqualTo(closed));
    }

    [Test]
    public async Task ChangedMaterial_IsNamed()
    {
        var bytes = await BytesAsync(await Archives.GetAsync(await ClosedCaseAsync(), Auditor));

        var tampered = Rewrite(bytes, (path, content) => path == "materials/business-licence/business-licence.pdf" ? [.. content[..^1], (byte)'X'] : content);
        var check = await VerifyAsync(tampered);

        Assert.That(check.Problems, Has.Count.EqualTo(1));
        Assert.That(check.Problems[0], Does.StartWith("materials/business-licence/business-licence.pdf: its content differs from the manifest"));
    }

    [Test]
    public async Task EditedManifest_BreaksTheSeal()
    {
        var bytes = await BytesAsync(await Archives.GetAsync(await ClosedCaseAsync(), Auditor));

        var tampered = Rewrite(bytes, (path, content) => path == ArchiveManifest.FileName
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace("\"status\": \"Completed\"", "\"status\": \"Faulted\"", StringComparison.Ordinal))
            : content);
        var check = await VerifyAsync(tampered);

        Assert.That(check.Problems[0], Is.EqualTo("manifest.json: the content changed after sealing (SM3 digest differs)"));
    }

    [Test]
    public async Task ManifestResealedWithAnotherDepartmentsKey_IsCaught()
    {
        var bytes = await BytesAsync(await Archives.GetAsync(await ClosedCaseAsync(), Auditor));
        var manifest = Entry(bytes, ArchiveManifest.FileName);

        var forged = Seals.Sign("planning-resources", manifest) with { Department = "market-supervision" };
        var tampered = Rewrite(bytes, (path, content) => path == ArchiveManifest.SealFileName ? JsonSerializer.SerializeToUtf8Bytes(forged) : content);
        var check = await VerifyAsync(tampered);

        Assert.That(check.Problems, Is.EqualTo(new[] { "manifest.json: the seal was not made with the key of department 'market-supervision'" }));
    }

    [Test]
    public async Task TruncatedAuditChain_AddedFile_AndMissingFile_AreEachNamed()
    {
        var caseId = await ClosedCaseAsync();
        var bytes = await BytesAsync(await Archives.GetAsync(caseId, Auditor));
        var chainPath = $"audit/{caseId}.jsonl";

        var truncated = await VerifyAsync(Rewrite(bytes, (path, content) =>
            path == chainPath ? Encoding.UTF8.GetBytes(string.Join('\n', Encoding.UTF8.GetString(content).Split('\n', StringSplitOptions.RemoveEmptyEntries)[..^1]) + "\n") : content));
        var added = await VerifyAsync(Rewrite(bytes, (_, content) => content, ("materials/extra/forged.pdf", Pdf)));
        var missing = await VerifyAsync(Rewrite(bytes, (path, content) => path.StartsWith("notices/", StringComparison.Ordinal) ? null : content));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(truncated.Problems[0], Does.StartWith($"{chainPath}: its content differs from the manifest"));
            Assert.That(truncated.Problems[1], Does.StartWith($"{chainPath}: the chain ends at entry"));
            Assert.That(added.Problems, Is.EqualTo(new[] { "materials/extra/forged.pdf: in the package but not in the manifest" }));
            Assert.That(missing.Problems, Has.All.Match("^notices/.*: listed in the manifest but missing from the package$").And.Not.Empty);
        }
    }

    [Test]
    public async Task AlteredAuditEntry_IsNamedByItsSequence()
    {
        var caseId = await ClosedCaseAsync();
        var bytes = await BytesAsync(await Archives.GetAsync(caseId, Auditor));
        var chainPath = $"audit/{caseId}.jsonl";

        var check = await VerifyAsync(Rewrite(bytes, (path, content) =>
            path == chainPath ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace("clerk-li", "head-zhou", StringComparison.Ordinal)) : content));

        Assert.That(check.Problems.Skip(1).Single(), Does.Match($@"^{chainPath}: entry \d+ \(task-completed by head-zhou\) was altered"));
    }

    [Test]
    public async Task Cli_ExportsTheSamePackage_VerifyExits0WhenIntact_And1NamingTheFirstProblem()
    {
        var caseId = await ClosedCaseAsync();
        var served = await Archives.GetAsync(caseId, Auditor);
        string[] common = ["--db", _host.DatabasePath, "--seal-keys", _folder.File("seals"), "--workflows", Repo.Workflows];

        var export = await CliProcess.RunAsync(_folder.Path, ["archive", "export", caseId, "--out", "case.zip", .. common]);
        var intact = await CliProcess.RunAsync(_folder.Path, ["archive", "verify", "case.zip", "--seal-keys", _folder.File("seals")]);
        var exported = await File.ReadAllBytesAsync(_folder.File("case.zip"));
        await File.WriteAllBytesAsync(_folder.File("tampered.zip"), Rewrite(exported, (path, content) => path == "case-file.json" ? [.. content, (byte)' '] : content));
        var tampered = await CliProcess.RunAsync(_folder.Path, ["archive", "verify", "tampered.zip", "--seal-keys", _folder.File("seals")]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(export.ExitCode, Is.Zero, export.ToString());
            Assert.That(export.Out, Does.Contain(served.Sha256), "the CLI serves the stored package, not a new one");
            Assert.That(intact.ExitCode, Is.Zero, intact.ToString());
            Assert.That(intact.Out, Does.Contain("intact").And.Contain($"case {caseId}").And.Not.Contain("note:"));
            Assert.That(tampered.ExitCode, Is.EqualTo(1), tampered.ToString());
            Assert.That(tampered.Out, Does.Contain("BROKEN  case-file.json: its content differs from the manifest"));
        }
    }

    [Test]
    public async Task NotAZip_IsSaidPlainly()
    {
        var check = await VerifyAsync(Encoding.ASCII.GetBytes("MZ this is not an archive"));

        Assert.That(check.Problems.Single(), Does.StartWith("not a zip archive"));
    }
}
