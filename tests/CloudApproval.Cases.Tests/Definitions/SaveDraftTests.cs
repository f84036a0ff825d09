using System.Text.Json.Nodes;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Definitions;

public sealed class SaveDraftTests
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

    private SaveDraft Drafts => _host.Get<SaveDraft>();

    private PublishProcedure Publisher => _host.Get<PublishProcedure>();

    private static string SeedText(string id) => File.ReadAllText(Repo.ProcedureFile(id, 1));

    private static string Renamed(string id, string name)
    {
        var definition = Procedures.LoadSeed(id);
        definition["name"] = name;
        return definition.ToJsonString();
    }

    private async Task<List<ProcedureVersion>> VersionsAsync(string id)
    {
        await using var db = _host.Db();
        return await db.ProcedureVersions.AsNoTracking().Where(v => v.DefinitionId == id).OrderBy(v => v.Version).ToListAsync();
    }

    [Test]
    public async Task SaveDraft_AddsVersionOne_ForANewProcedure_InTheCanonicalForm()
    {
        // Compact text in: the stored text is the canonical one, byte-identical to the seed file.
        var saved = await Drafts.SaveAsync("commitment", Procedures.LoadSeed("commitment").ToJsonString(), TestActors.Analyst("analyst-wu"));

        var row = (await VersionsAsync("commitment")).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.Version, Is.EqualTo(1));
            Assert.That(saved.Valid, Is.True, string.Join("\n", saved.Errors));
            Assert.That(saved.Changed, Is.True);
            Assert.That(row.Status, Is.EqualTo(ProcedureVersionStatus.Draft));
            Assert.That(row.CreatedBy, Is.EqualTo("analyst-wu"));
            Assert.That(row.Json, Is.EqualTo(SeedText("commitment")));
            Assert.That(row.ContentHash, Is.EqualTo(saved.ContentHash));
        }
    }

    [Test]
    public async Task SaveDraft_ReplacesTheProceduresDraft_InPlace()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: false);
        var before = (await VersionsAsync("deficiency-pending")).Single();

        var saved = await Drafts.SaveAsync("deficiency-pending", Renamed("deficiency-pending", "Edited in the designer"), TestActors.Analyst());

        var after = (await VersionsAsync("deficiency-pending")).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.Version, Is.EqualTo(1));
            Assert.That(after.Id, Is.EqualTo(before.Id), "the same row, not a new one");
            Assert.That(after.Status, Is.EqualTo(ProcedureVersionStatus.Draft));
            Assert.That(after.Name, Is.EqualTo("Edited in the designer"));
            Assert.That(after.RowVersion, Is.EqualTo(before.RowVersion + 1));
        }
    }

    [Test]
    public async Task SaveDraft_AddsTheNextVersion_AndNeverChangesThePublishedOne()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: true);
        var published = (await VersionsAsync("deficiency-pending")).Single();

        // The text still says version 1: the store gives the draft its number.
        var saved = await Drafts.SaveAsync("deficiency-pending", Renamed("deficiency-pending", "Next version"), TestActors.Analyst());

        var rows = await VersionsAsync("deficiency-pending");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.Version, Is.EqualTo(2));
            Assert.That(rows.Select(r => (r.Version, r.Status)), Is.EqualTo(new[] { (1, ProcedureVersionStatus.Published), (2, ProcedureVersionStatus.Draft) }));
            Assert.That(rows[0].Json, Is.EqualTo(published.Json));
            Assert.That(rows[0].RowVersion, Is.EqualTo(published.RowVersion));
            Assert.That(JsonNode.Parse(rows[1].Json)!["version"]!.GetValue<int>(), Is.EqualTo(2), "the stored text says the version it is stored as");
        }
    }

    [Test]
    public async Task SaveDraft_Refuses_WhenTheDefinitionIdIsNotTheProcedures_NamingThePath()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: false);
        var before = RawSql.Dump(_host.Database);

        var error = await Expect.RefusedAsync(() => Drafts.SaveAsync("deficiency-pending", SeedText("commitment"), TestActors.Analyst()));

        Assert.That(error.Code, Is.EqualTo("invalid-definition"));
        Assert.That(error.Message, Does.Contain("$.definitionId").And.Contain("'commitment'").And.Contain("nothing was saved"));
        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before));
    }

    [TestCase("{ \"definitionId\": \"commitment\", ", "malformed JSON")]
    [TestCase("{\"definitionId\":\"commitment\",\"version\":1,\"name\":\"x\",\"activities\":[],\"connections\":[],\"colour\":\"red\"}", "$.colour")]
    [TestCase("{\"definitionId\":\"commitment\",\"version\":1,\"name\":\"x\",\"activities\":[{\"id\":\"start\",\"type\":7}],\"connections\":[]}", "$.activities[0].type")]
    public async Task SaveDraft_RefusesTextThatIsNoDefinition_NamingWhere_AndSavesNothing(string text, string where)
    {
        var error = await Expect.RefusedAsync(() => Drafts.SaveAsync("commitment", text, TestActors.Analyst()));

        Assert.That(error.Code, Is.EqualTo("invalid-definition"));
        Assert.That(error.Message, Does.Contain(where).And.Contain("nothing was saved"));
        Assert.That(await VersionsAsync("commitment"), Is.Empty);
    }

    [Test]
    public async Task SaveDraft_StoresAnInvalidDefinition_WithItsErrors_ButPublishRefusesItListingThem()
    {
        var broken = Procedures.LoadSeed("deficiency-pending");
        broken["connections"]!.AsArray().Add(new JsonObject { ["source"] = "start", ["outcome"] = "done", ["target"] = "nowhere" });
        broken["activities"]![1]!["type"] = "UserTsk";

        var saved = await Drafts.SaveAsync("deficiency-pending", broken.ToJsonString(), TestActors.Analyst());
        var refused = await Expect.RefusedAsync(() => Publisher.PublishDraftAsync("deficiency-pending", TestActors.Analyst()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.Valid, Is.False);
            Assert.That(saved.Errors.Select(e => e.Code), Does.Contain("unknown-activity-type"));
            Assert.That(saved.Errors.Select(e => e.Path), Does.Contain("$.activities[1].type"));
            Assert.That(saved.Errors.Select(e => e.Message), Has.Some.Contain("nowhere"));
            Assert.That(refused.Code, Is.EqualTo("invalid-definition"));
            Assert.That(refused.Message, Does.Contain("nowhere").And.Contain("$.activities[1].type"), "every error, not the first");
            Assert.That((await VersionsAsync("deficiency-pending")).Single().Status, Is.EqualTo(ProcedureVersionStatus.Draft));
        }
    }

    [Test]
    public async Task PublishDraft_PublishesTheDraft_RecordingTheAnalyst()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: true);
        await Drafts.SaveAsync("deficiency-pending", Renamed("deficiency-pending", "Next version"), TestActors.Analyst());
        _clock.Advance(TimeSpan.FromHours(1));

        var version = await Publisher.PublishDraftAsync("deficiency-pending", TestActors.Analyst("analyst-wu"));

        var row = (await VersionsAsync("deficiency-pending"))[1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(version, Is.EqualTo(2));
            Assert.That(row.Status, Is.EqualTo(ProcedureVersionStatus.Published));
            Assert.That(row.PublishedBy, Is.EqualTo("analyst-wu"));
            Assert.That(row.PublishedAt, Is.EqualTo(_clock.GetUtcNow().UtcDateTime));
        }
    }

    [Test]
    public async Task PublishDraft_Refuses_WhenThereIsNoDraft_OrNoProcedure()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: true);
        var before = RawSql.Dump(_host.Database);

        var noDraft = await Expect.RefusedAsync(() => Publisher.PublishDraftAsync("deficiency-pending", TestActors.Analyst()));
        var noProcedure = await Expect.RefusedAsync(() => Publisher.PublishDraftAsync("no-such-procedure", TestActors.Analyst()));

        Assert.That(noDraft.Code, Is.EqualTo("unknown-draft"));
        Assert.That(noDraft.Message, Does.Contain("v1").And.Contain("published"));
        Assert.That(noProcedure.Code, Is.EqualTo("unknown-procedure"));
        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before));
    }

    [TestCase("save")]
    [TestCase("publish draft")]
    [TestCase("publish")]
    [TestCase("retire")]
    [TestCase("import")]
    [TestCase("simulate")]
    public async Task AuthoringUseCase_RefusesANonAnalyst_AndChangesNothing(string useCase)
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: true);
        await Drafts.SaveAsync("deficiency-pending", Renamed("deficiency-pending", "Next version"), TestActors.Analyst());
        var before = RawSql.Dump(_host.Database);
        var clerk = TestActors.Clerk();

        var error = await Expect.RefusedAsync(() => useCase switch
        {
            "save" => Drafts.SaveAsync("deficiency-pending", SeedText("deficiency-pending"), clerk),
            "publish draft" => Publisher.PublishDraftAsync("deficiency-pending", clerk),
            "publish" => Publisher.PublishAsync("deficiency-pending", 2, clerk),
            "retire" => Publisher.RetireAsync("deficiency-pending", 1, clerk),
            "import" => _host.Get<ImportProcedures>().RunAsync(Repo.Workflows, clerk, publish: true),
            _ => _host.Get<SimulateProcedure>().RunAsync("deficiency-pending", null, Scenario("approved-before-supplement"), clerk),
        });

        Assert.That(error.Code, Is.EqualTo("forbidden"));
        Assert.That(error.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(error.Message, Does.Contain("clerk-li").And.Contain(ActorRoles.Analyst));
        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before));
    }

    [Test]
    public async Task SaveDraft_OfTheSameTextAsTheImportedFile_IsUnchanged_WithTheSameHash()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "commitment"), publish: false);
        var imported = (await VersionsAsync("commitment")).Single();

        var saved = await Drafts.SaveAsync("commitment", SeedText("commitment"), TestActors.Analyst());

        var after = (await VersionsAsync("commitment")).Single();
        Assert.That(saved.Changed, Is.False);
        Assert.That(saved.ContentHash, Is.EqualTo(imported.ContentHash));
        Assert.That(after.RowVersion, Is.EqualTo(imported.RowVersion));
    }

    [Test]
    public async Task SaveDraft_TwoRacingSaves_OneStands_TheOtherIsAConflict_NeverAnError()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: false);
        for (var round = 0; round < 5; round++)
        {
            var texts = new[] { Renamed("deficiency-pending", $"A{round}"), Renamed("deficiency-pending", $"B{round}") };

            var errors = await Race.RunAsync(texts.Select(t => (Func<Task>)(() => Drafts.SaveAsync("deficiency-pending", t, TestActors.Analyst()))).ToArray());

            Assert.That(errors.Where(e => e is not null), Has.All.InstanceOf<CasesException>().And.All.Property("Code").EqualTo("concurrent-change"));
            Assert.That(errors.Count(e => e is null), Is.GreaterThanOrEqualTo(1), "one save stands");
            var row = (await VersionsAsync("deficiency-pending")).Single();
            Assert.That(row.Name, Is.AnyOf($"A{round}", $"B{round}"));
            Assert.That(ContentHash.Mismatch(row), Is.Null);
        }
    }

    private static string Scenario(string name) => File.ReadAllText(Path.Combine(Repo.Workflows, "deficiency-pending", "scenarios", name + ".json"));

    [Test]
    public async Task Simulate_RunsTheDraft_ElseTheLatestPublished_OrTheNamedVersion_AndWritesNothing()
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: true);
        var simulation = _host.Get<SimulateProcedure>();
        var scenario = Scenario("approved-before-supplement");

        var onPublished = await simulation.RunAsync("deficiency-pending", null, scenario, TestActors.Analyst());
        await Drafts.SaveAsync("deficiency-pending", Renamed("deficiency-pending", "Next version"), TestActors.Analyst());
        var before = RawSql.Dump(_host.Database);
        var onDraft = await simulation.RunAsync("deficiency-pending", null, scenario, TestActors.Analyst());
        var onNamed = await simulation.RunAsync("deficiency-pending", 1, scenario, TestActors.Analyst());

        using (Assert.EnterMultipleScope())
        {
            Assert.That((onPublished.Version, onPublished.Status), Is.EqualTo((1, ProcedureVersionStatus.Published)));
            Assert.That((onDraft.Version, onDraft.Status), Is.EqualTo((2, ProcedureVersionStatus.Draft)));
            Assert.That(onNamed.Version, Is.EqualTo(1));
            Assert.That(onDraft.Result.Passed, Is.True, string.Join("\n", onDraft.Result.Failures));
            Assert.That(onDraft.Result.Timeline, Is.Not.Empty);
            Assert.That(onDraft.Scenario, Is.Not.Empty);
        }
        Assert.That(RawSql.Dump(_host.Database), Is.EqualTo(before), "a simulation writes nothing");
    }

    [TestCase("{\"name\":\"x\",\"start\":\"2026-03-02T09:00:00+08:00\",\"expect\":{},\"steps\":[{\"complete\":1}]}", "$.steps[0].complete")]
    [TestCase("{\"name\":\"x\",", "malformed JSON")]
    [TestCase("{\"name\":\"x\",\"start\":\"2026-03-02T09:00:00+08:00\",\"expect\":{},\"colour\":1}", "colour")]
    public async Task Simulate_RefusesAScenarioThatCannotBeRead_NamingWhere(string text, string where)
    {
        await _host.ImportAsync(Procedures.CopySeeds(_folder, "deficiency-pending"), publish: true);

        var error = await Expect.RefusedAsync(() => _host.Get<SimulateProcedure>().RunAsync("deficiency-pending", null, text, TestActors.Analyst()));

        Assert.That(error.Code, Is.EqualTo("invalid-scenario"));
        Assert.That(error.Message, Does.Contain(where));
    }

    [Test]
    public async Task Simulate_RefusesAnInvalidDraft_ListingItsErrors()
    {
        var broken = Procedures.LoadSeed("deficiency-pending");
        broken["activities"]![1]!["type"] = "UserTsk";
        await Drafts.SaveAsync("deficiency-pending", broken.ToJsonString(), TestActors.Analyst());

        var error = await Expect.RefusedAsync(() => _host.Get<SimulateProcedure>().RunAsync("deficiency-pending", null, Scenario("rejected"), TestActors.Analyst()));

        Assert.That(error.Code, Is.EqualTo("invalid-definition"));
        Assert.That(error.Message, Does.Contain("$.activities[1].type"));
    }
}
