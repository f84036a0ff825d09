using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Matters;

public sealed class MatterImportTests
{
    private TempFolder _folder = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _host = await CasesHost.StartAsync(_folder, new ManualClock(ManualClock.MondayMorning));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<List<StoredMatter>> StoredAsync()
    {
        await using var db = _host.Db();
        return await db.Matters.AsNoTracking().OrderBy(m => m.Code).ToListAsync();
    }

    [Test]
    public async Task Import_StoresEverySeedMatter_WithTheHashOfItsCanonicalText_AndAddsNothingTheSecondTime()
    {
        var first = await _host.ImportAsync();
        var second = await _host.ImportAsync();

        var stored = await StoredAsync();
        var codes = MatterFiles.Seeds().Select(Path.GetFileNameWithoutExtension).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.MattersAdded, Is.EquivalentTo(codes));
            Assert.That(second.MattersAdded, Is.Empty);
            Assert.That(second.MattersUpdated, Is.Empty);
            Assert.That(second.MattersUnchanged, Is.EquivalentTo(codes));
            Assert.That(stored.Select(m => m.Code), Is.EquivalentTo(codes));
            foreach (var row in stored)
            {
                var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(row.Json)));
                Assert.That(row.ContentHash, Is.EqualTo(hash), row.Code);
                Assert.That(row.ImportedBy, Is.EqualTo(CasesHost.Analyst));
            }
        }
        var food = await _host.Get<MatterCatalog>().GetAsync("food-business-licence");
        Assert.That(food.PromisedLimitWorkingDays, Is.EqualTo(5));
        Assert.That(food.Materials.Single(m => m.Code == "business-licence").SatisfiedByELicence, Is.EqualTo("business-licence"));
    }

    [Test]
    public async Task Import_ReplacesAChangedMatter_AndRecordsTheNewHash()
    {
        var workflows = Procedures.CopySeeds(_folder, "commitment");
        var matter = MatterFiles.LoadSeed("food-business-licence");
        MatterFiles.Write(workflows, matter);
        await _host.ImportAsync(workflows);
        var before = (await StoredAsync()).Single();

        matter["promisedLimitWorkingDays"] = 3;
        MatterFiles.Write(workflows, matter);
        var report = await _host.ImportAsync(workflows);

        var after = (await StoredAsync()).Single();
        Assert.That(report.MattersUpdated, Is.EqualTo(new[] { "food-business-licence" }));
        Assert.That(after.ContentHash, Is.Not.EqualTo(before.ContentHash));
        Assert.That((await _host.Get<MatterCatalog>().GetAsync("food-business-licence")).PromisedLimitWorkingDays, Is.EqualTo(3));
    }

    [Test]
    public async Task Import_TakesAMatterCodedLikeAVersionFile_AsAMatter()
    {
        var workflows = Procedures.CopySeeds(_folder, "commitment");
        var matter = MatterFiles.LoadSeed("food-business-licence");
        matter["code"] = "v2";
        MatterFiles.Write(workflows, matter);

        var report = await _host.ImportAsync(workflows);

        Assert.That(report.MattersAdded, Is.EqualTo(new[] { "v2" }));
        Assert.That(report.Added, Is.EqualTo(new[] { "commitment v1" }));
    }

    [Test]
    public async Task Import_RefusesAnUnknownProcedureBinding_AndImportsNothing()
    {
        var workflows = Procedures.CopySeeds(_folder, "commitment");
        var matter = MatterFiles.LoadSeed("tree-felling-relocation-permit");
        var file = MatterFiles.Write(workflows, matter);

        var refused = await Assert.ThrowsAsync<CasesException>(() => _host.ImportAsync(workflows));

        Assert.That(refused!.Code, Is.EqualTo("invalid-matter"));
        Assert.That(refused.Message, Is.EqualTo($"{file}: $.procedure.definitionId: no procedure 'remote-survey'; known: commitment [unknown-procedure]"));
        await using var db = _host.Db();
        Assert.That(await db.ProcedureVersions.CountAsync(), Is.Zero, "the procedures of the same import are taken back");
        Assert.That(await db.Matters.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Import_RefusesProcedureInputsTheProcedureDoesNotDeclare_OrOfTheWrongType_NamingEach()
    {
        var workflows = Procedures.CopySeeds(_folder, "joint-review");
        foreach (var version in new[] { 2, 3, 4 })
            File.Copy(Repo.ProcedureFile("joint-review", version), Path.Combine(workflows, "joint-review", $"v{version}.json"));
        var matter = MatterFiles.LoadSeed("commercial-complex-joint-review");
        var inputs = matter["procedure"]!["inputs"]!.AsObject();
        inputs["silencePolicies"] = "deemed-consent";
        inputs["opinionPeriod"] = 5;
        var file = MatterFiles.Write(workflows, matter);

        var refused = await Assert.ThrowsAsync<CasesException>(() => _host.ImportAsync(workflows));

        var lines = refused!.Message.Split(Environment.NewLine);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.StartWith($"{file}: $.procedure.inputs.opinionPeriod: joint-review v4 variable 'opinionPeriod': ").And.EndWith("[wrong-type]"));
        Assert.That(lines[1], Does.StartWith($"{file}: $.procedure.inputs.silencePolicies: joint-review v4 declares no variable 'silencePolicies'; it declares leadDepartment, departments,").And.EndWith("[unknown-variable]"));
        await using var db = _host.Db();
        Assert.That(await db.Matters.CountAsync(), Is.Zero);
    }

    [Test]
    public void A_matter_cannot_set_the_department_or_the_application_of_its_cases()
    {
        var matter = MatterFiles.LoadSeed("commercial-complex-joint-review");
        matter["procedure"]!["inputs"]!["department"] = "market-supervision";
        using var folder = new TempFolder();
        var file = MatterFiles.Write(folder.Path, matter);

        var read = MatterReader.ReadFile(file);

        Assert.That(read.Errors.Select(e => (e.Path, e.Code)), Is.EqualTo(new[] { ("$.procedure.inputs.department", "reserved-input") }));
    }

    [Test]
    public async Task Import_RefusesAnInvalidMatterFile_BeforeWritingAnything()
    {
        var workflows = Procedures.CopySeeds(_folder, "commitment");
        var matter = MatterFiles.LoadSeed("food-business-licence");
        matter["materials"]![0]!["deferrable"] = true;
        var file = MatterFiles.Write(workflows, matter);

        var refused = await Assert.ThrowsAsync<CasesException>(() => _host.ImportAsync(workflows));

        Assert.That(refused!.Message, Does.StartWith($"{file}: $.materials[0].deferrable: "));
        await using var db = _host.Db();
        Assert.That(await db.ProcedureVersions.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Catalogue_RefusesARowAlteredBehindTheImport()
    {
        await _host.ImportAsync();
        await using (var db = _host.Db())
            await db.Matters.Where(m => m.Code == "food-business-licence")
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Json, m => m.Json.Replace("\"promisedLimitWorkingDays\": 5", "\"promisedLimitWorkingDays\": 15")));

        var refused = await Assert.ThrowsAsync<CasesException>(() => _host.Get<MatterCatalog>().GetAsync("food-business-licence"));

        Assert.That(refused!.Code, Is.EqualTo(CasesException.DefinitionAltered));
        Assert.That((await Assert.ThrowsAsync<CasesException>(() => _host.Get<MatterCatalog>().GetAsync("no-such-matter")))!.Kind, Is.EqualTo(RefusalKind.NotFound));
    }

    [Test]
    public async Task Validate_ReportsEveryMatterProblem_WithFileAndPath_AndPassesTheRepository()
    {
        var workflows = Procedures.CopySeeds(_folder, "commitment");
        var matter = MatterFiles.LoadSeed("food-business-licence");
        matter["procedure"] = new System.Text.Json.Nodes.JsonObject { ["definitionId"] = "commitment", ["version"] = 7 };
        matter["promisedLimitWorkingDays"] = 25;
        var file = MatterFiles.Write(workflows, matter);

        var bad = await CliProcess.RunAsync(_folder.Path, ["validate", workflows]);
        var good = await CliProcess.RunAsync(_folder.Path, ["validate", Repo.Workflows]);

        Assert.That(bad.ExitCode, Is.EqualTo(1), bad.ToString());
        Assert.That(bad.Error, Does.Contain($"{file}: $.promisedLimitWorkingDays: the promised limit (25 working days) must be shorter than the legal limit (20 working days) [promised-not-shorter]"));
        Assert.That(bad.Error, Does.Contain($"{file}: $.procedure.version: no commitment v7; there are: v1 [unknown-version]"));
        Assert.That(good.ExitCode, Is.Zero, good.ToString());
    }
}
