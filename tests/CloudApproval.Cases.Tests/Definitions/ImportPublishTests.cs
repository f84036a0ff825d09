using System.Text;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Definitions;

public sealed class ImportPublishTests
{
    private TempFolder _folder = null!;
    private ManualClock _clock = null!;
    private CasesHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _folder = new TempFolder();
        _clock = new ManualClock(ManualClock.MondayMorning);
        _host = await CasesHost.StartAsync(_folder, _clock);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<List<ProcedureVersion>> VersionsAsync()
    {
        await using var db = _host.Db();
        return await db.ProcedureVersions.AsNoTracking().OrderBy(v => v.DefinitionId).ThenBy(v => v.Version).ToListAsync();
    }

    private static string Rows(IEnumerable<ProcedureVersion> rows) =>
        string.Join("\n", rows.Select(v => $"{v.Id} {v.DefinitionId} v{v.Version} {v.Status} {v.ContentHash} rv{v.RowVersion} {v.Name}"));

    private static void Rename(string file, string name)
    {
        var definition = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        definition["name"] = name;
        File.WriteAllText(file, definition.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    [Test]
    public async Task Import_AddsNoRows_WhenRunTwiceOnTheSameFiles()
    {
        var first = await _host.ImportAsync(publish: false);
        var before = await VersionsAsync();

        var second = await _host.ImportAsync(publish: false);

        var after = await VersionsAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Added, Has.Count.EqualTo(Repo.ProcedureFiles().Count()));
            Assert.That(second.Added, Is.Empty);
            Assert.That(second.Updated, Is.Empty);
            Assert.That(second.Unchanged, Is.EquivalentTo(first.Added));
            Assert.That(Rows(after), Is.EqualTo(Rows(before)));
        }
    }

    [Test]
    public async Task Import_RefusesAChangedPublishedVersion_AndImportsNothingElse()
    {
        var workflows = Procedures.CopySeeds(_folder, "commitment", "deficiency-pending");
        await _host.ImportAsync(workflows, publish: true);
        var before = await VersionsAsync();
        // The same import also brings a new procedure and a changed one: the refusal must take both back.
        File.Copy(Repo.ProcedureFile("remote-survey", 1), Path.Combine(Directory.CreateDirectory(Path.Combine(workflows, "remote-survey")).FullName, "v1.json"));
        Rename(Path.Combine(workflows, "deficiency-pending", "v1.json"), "Edited after publishing");

        var error = await Expect.RefusedAsync(() => _host.ImportAsync(workflows, publish: true));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo("published-version-changed"));
            Assert.That(error.Message, Does.Contain("deficiency-pending v1").And.Contain("immutable").And.Contain("save the change as v2"));
            Assert.That(error.Message, Does.Not.Contain("commitment v1"), "only the changed version is named");
        }
        Assert.That(Rows(await VersionsAsync()), Is.EqualTo(Rows(before)), "nothing imported: remote-survey is not there and deficiency-pending is as it was");
    }

    [Test]
    public async Task Import_UpdatesAChangedDraft_InPlace()
    {
        var workflows = Procedures.CopySeeds(_folder, "deficiency-pending");
        await _host.ImportAsync(workflows, publish: false);
        var before = (await VersionsAsync()).Single();
        Rename(Path.Combine(workflows, "deficiency-pending", "v1.json"), "Edited draft");

        var report = await _host.ImportAsync(workflows, publish: false);

        var after = (await VersionsAsync()).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Updated, Is.EqualTo(new[] { "deficiency-pending v1" }));
            Assert.That(after.Id, Is.EqualTo(before.Id), "the same row, not a new one");
            Assert.That(after.Status, Is.EqualTo(ProcedureVersionStatus.Draft));
            Assert.That(after.Name, Is.EqualTo("Edited draft"));
            Assert.That(after.Json, Does.Contain("Edited draft"));
            Assert.That(after.ContentHash, Is.Not.EqualTo(before.ContentHash));
            Assert.That(after.RowVersion, Is.EqualTo(before.RowVersion + 1));
        }
    }

    [Test]
    public async Task Import_RefusesEverything_WhenOneFileIsInvalid()
    {
        var workflows = Procedures.CopySeeds(_folder, "commitment", "deficiency-pending");
        var broken = Procedures.LoadSeed("deficiency-pending");
        broken["connections"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["source"] = "start", ["outcome"] = "done", ["target"] = "nowhere" });
        var file = Procedures.Write(workflows, broken);

        var error = await Expect.RefusedAsync(() => _host.ImportAsync(workflows, publish: true));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo("invalid-definition"));
            Assert.That(error.Message, Does.Contain(file).And.Contain("nowhere"));
        }
        Assert.That(await VersionsAsync(), Is.Empty, "the valid commitment file is not imported either");
    }

    [Test]
    public async Task Import_RefusesEverything_WhenAFileIsNotJson()
    {
        var workflows = Procedures.CopySeeds(_folder, "commitment");
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(workflows, "deficiency-pending")).FullName, "v1.json");
        await File.WriteAllTextAsync(file, "{ \"definitionId\": \"deficiency-pending\", ");

        var error = await Expect.RefusedAsync(() => _host.ImportAsync(workflows));

        Assert.That(error.Code, Is.EqualTo("invalid-definition"));
        Assert.That(error.Message, Does.Contain(file));
        Assert.That(await VersionsAsync(), Is.Empty);
    }

    [Test]
    public async Task Import_Refuses_WhenTheDefinitionIdDoesNotMatchItsFolder()
    {
        var workflows = _folder.File("workflows");
        var misplaced = Procedures.LoadSeed("commitment");
        Directory.CreateDirectory(Path.Combine(workflows, "other-name"));
        await File.WriteAllTextAsync(Path.Combine(workflows, "other-name", "v1.json"), misplaced.ToJsonString());

        var error = await Expect.RefusedAsync(() => _host.ImportAsync(workflows));

        Assert.That(error.Message, Does.Contain("does not match its folder 'other-name'"));
        Assert.That(await VersionsAsync(), Is.Empty);
    }

    [Test]
    public async Task Publish_RecordsWhoAndWhen_AndMakesTheVersionStartCases()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: false);
        await Expect.RefusedAsync(() => _host.StartDeficiencyAsync(), "a draft does not start cases");
        _clock.Advance(TimeSpan.FromHours(3));

        await _host.Get<PublishProcedure>().PublishAsync("deficiency-pending", 1, TestActors.Analyst("analyst-wu"));

        var row = (await VersionsAsync()).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.Status, Is.EqualTo(ProcedureVersionStatus.Published));
            Assert.That(row.PublishedBy, Is.EqualTo("analyst-wu"));
            Assert.That(row.PublishedAt, Is.EqualTo(_clock.GetUtcNow().UtcDateTime));
            Assert.That(row.CreatedBy, Is.EqualTo(CasesHost.Analyst));
            Assert.That(row.CreatedAt, Is.EqualTo(ManualClock.MondayMorning.UtcDateTime));
        }
        var caseId = await _host.StartDeficiencyAsync();
        Assert.That((await _host.CaseAsync(caseId)).Version, Is.EqualTo(1));
    }

    [Test]
    public async Task Publish_Fails_WhenAlreadyPublished()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: false);
        await _host.Get<PublishProcedure>().PublishAsync("deficiency-pending", 1, TestActors.Analyst("analyst-wu"));
        var before = Rows(await VersionsAsync());

        var error = await Expect.RefusedAsync(() => _host.Get<PublishProcedure>().PublishAsync("deficiency-pending", 1, TestActors.Analyst("analyst-ma")));

        Assert.That(error.Code, Is.EqualTo("not-a-draft"));
        Assert.That(error.Message, Does.Contain("already published"));
        Assert.That(Rows(await VersionsAsync()), Is.EqualTo(before));
        Assert.That((await VersionsAsync()).Single().PublishedBy, Is.EqualTo("analyst-wu"));
    }

    [Test]
    public async Task Publish_Fails_WhenTheStoredDraftIsInvalid()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: false);
        // A draft saved by the designer is not validated until it is published.
        RawSql.Execute(_host.Database,
            "UPDATE ProcedureVersions SET Json = replace(Json, '\"target\": \"review\"', '\"target\": \"no-such-activity\"')");

        var error = await Expect.RefusedAsync(() => _host.Get<PublishProcedure>().PublishAsync("deficiency-pending", 1, TestActors.Analyst("analyst-wu")));

        Assert.That(error.Code, Is.EqualTo("invalid-definition"));
        Assert.That(error.Message, Does.Contain("no-such-activity"));
        var row = (await VersionsAsync()).Single();
        Assert.That(row.Status, Is.EqualTo(ProcedureVersionStatus.Draft));
        Assert.That(row.PublishedBy, Is.Null);
    }

    [Test]
    public async Task Publish_Fails_WhenTheVersionIsUnknown()
    {
        var error = await Expect.RefusedAsync(() => _host.Get<PublishProcedure>().PublishAsync("deficiency-pending", 7, TestActors.Analyst("analyst-wu")));

        Assert.That(error.Code, Is.EqualTo("unknown-procedure"));
        Assert.That(error.Message, Does.Contain("deficiency-pending v7"));
    }

    [Test]
    public async Task Retire_RecordsWhoAndWhen_AndStopsNewCases_ButNotRunningOnes()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: true);
        var running = await _host.StartDeficiencyAsync();
        _clock.Advance(TimeSpan.FromDays(1));

        await _host.Get<PublishProcedure>().RetireAsync("deficiency-pending", 1, TestActors.Analyst("analyst-wu"));

        var row = (await VersionsAsync()).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.Status, Is.EqualTo(ProcedureVersionStatus.Retired));
            Assert.That(row.RetiredBy, Is.EqualTo("analyst-wu"));
            Assert.That(row.RetiredAt, Is.EqualTo(_clock.GetUtcNow().UtcDateTime));
        }
        var refused = await Expect.RefusedAsync(() => _host.StartDeficiencyAsync());
        Assert.That(refused.Code, Is.EqualTo("version-not-published"));
        var again = await Expect.RefusedAsync(() => _host.Get<PublishProcedure>().RetireAsync("deficiency-pending", 1, TestActors.Analyst("analyst-wu")));
        Assert.That(again.Code, Is.EqualTo("not-published"));

        var preReview = await _host.OpenTaskAsync(running, "pre-review");
        await _host.Tasks.CompleteAsync(preReview.Id, "accept", null, Actor.Operator("clerk-li"));
        Assert.That(await _host.OpenTaskAsync(running, "review"), Is.Not.Null, "the running case goes on on its retired version");
    }

    [Test]
    public async Task Retire_Fails_ForADraft()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: false);

        var error = await Expect.RefusedAsync(() => _host.Get<PublishProcedure>().RetireAsync("deficiency-pending", 1, TestActors.Analyst("analyst-wu")));

        Assert.That(error.Code, Is.EqualTo("not-published"));
        Assert.That((await VersionsAsync()).Single().Status, Is.EqualTo(ProcedureVersionStatus.Draft));
    }

    private static IEnumerable<TestCaseData> SeedFiles() =>
        Repo.ProcedureFiles().Select(f => new TestCaseData(Path.GetRelativePath(Repo.Workflows, f).Replace('\\', '/')));

    [TestCaseSource(nameof(SeedFiles))]
    public async Task Export_IsByteIdenticalToTheFileOnDisk(string relative)
    {
        await _host.ImportAsync(publish: true);
        var file = Path.Combine(Repo.Workflows, relative);
        var id = Path.GetFileName(Path.GetDirectoryName(file))!;
        var version = int.Parse(Path.GetFileNameWithoutExtension(file)[1..], System.Globalization.CultureInfo.InvariantCulture);

        var exported = await _host.Get<ProcedureCatalog>().ExportAsync(id, version);

        Assert.That(Encoding.UTF8.GetBytes(exported), Is.EqualTo(await File.ReadAllBytesAsync(file)));
    }
}
