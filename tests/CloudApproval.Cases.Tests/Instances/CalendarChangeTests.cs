using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Tests.Instances;

/// <summary>A calendar file added: every running case's clock, timers and task due dates are recounted, each case in one transaction with its audit entry.</summary>
public sealed class CalendarChangeTests
{
    // Thursday 2026-12-10: the 20-working-day limit runs into 2027.
    private static readonly DateTimeOffset Accepted = new(2026, 12, 10, 10, 0, 0, TimeSpan.FromHours(8));

    private const string Calendar2027 = """
        { "year": 2027, "source": "test", "daysOff": [ { "date": "2027-01-01", "name": "元旦 New Year" } ], "extraWorkingDays": [] }
        """;

    private TempFolder _folder = null!;
    private string _workflows = null!;
    private ManualClock _clock = null!;

    private static JsonObject ClockCheck() => JsonNode.Parse("""
        {
          "definitionId": "clock-check",
          "version": 1,
          "name": "A clock into the next year (test procedure)",
          "variables": [],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "clock", "type": "StartLegalClock", "inputs": { "limit": "20wd", "warnBefore": ["1wd"] } },
            { "id": "review", "type": "UserTask", "inputs": { "title": "Review", "role": "reviewer", "department": "planning", "outcomes": ["approve"], "due": "18wd" } },
            { "id": "end", "type": "End", "inputs": { "outcome": "approved" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "clock" },
            { "source": "clock", "outcome": "done", "target": "review" },
            { "source": "review", "outcome": "approve", "target": "end" }
          ]
        }
        """)!.AsObject();

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _workflows = _folder.File("workflows");
        Directory.CreateDirectory(Path.Combine(_workflows, "calendars"));
        File.Copy(Path.Combine(Repo.Workflows, "calendars", "cn-2026.json"), Path.Combine(_workflows, "calendars", "cn-2026.json"));
        Procedures.Write(_workflows, ClockCheck());
        _clock = new ManualClock(Accepted);
    }

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task CalendarAdded_RecountsARunningCase_InOneTransactionWithItsAuditEntry()
    {
        string caseId;
        await using (var before = await CasesHost.StartAsync(_folder, _clock, workflows: _workflows))
        {
            await before.ImportAsync(_workflows);
            caseId = (await before.Runtime.StartAsync("clock-check", null, null, Actor.Operator("applicant-chen"))).CaseId;
            // Weekends only in 2027: the limit is 01-07 and the review 01-05, both provisional.
            var state = await before.StateAsync(caseId);
            Assert.That((state.Clock!.DueDate, state.Clock.Provisional), Is.EqualTo((new DateOnly(2027, 1, 7), true)));
            Assert.That((await before.OpenTaskAsync(caseId, "review")).DueDate, Is.EqualTo(new DateOnly(2027, 1, 5)));
        }
        File.WriteAllText(Path.Combine(_workflows, "calendars", "cn-2027.json"), Calendar2027);
        _clock.Set(Accepted.AddDays(5));

        await using var host = await CasesHost.StartAsync(_folder, _clock, workflows: _workflows);
        var auditBefore = (await host.AuditAsync(caseId)).Count;
        var report = await host.Get<RecomputeForCalendarChange>().RunAsync("cn-2027.json added", Actor.Operator("admin-wu"));

        // New Year's Day off moves every 2027 date by one working day: limit 01-08, warning 01-07 09:00, review 01-06.
        var after = await host.StateAsync(caseId);
        var timers = (await host.TimersOfAsync(caseId)).Where(t => t.Status == CaseTimerStatus.Pending).ToDictionary(t => t.Purpose);
        var audit = await host.AuditAsync(caseId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.RunningCases, Is.EqualTo(1));
            Assert.That(report.Changed.Single().CaseId, Is.EqualTo(caseId));
            Assert.That(report.Changed.Single().Changes, Has.Some.StartsWith("legal clock recomputed: running, limit 20 working days, due 2027-01-08"));
            Assert.That((after.Clock!.DueDate, after.Clock.Provisional), Is.EqualTo((new DateOnly(2027, 1, 8), false)));
            Assert.That((await host.CaseAsync(caseId)).ClockDueDate, Is.EqualTo(new DateOnly(2027, 1, 8)));
            Assert.That((await host.OpenTaskAsync(caseId, "review")).DueDate, Is.EqualTo(new DateOnly(2027, 1, 6)));
            Assert.That(timers[nameof(TimerPurpose.LegalLimit)].DueAt, Is.EqualTo(new DateTime(2027, 1, 8, 16, 0, 0, DateTimeKind.Utc)));
            Assert.That(timers[nameof(TimerPurpose.LegalWarning)].DueAt, Is.EqualTo(new DateTime(2027, 1, 7, 1, 0, 0, DateTimeKind.Utc)));
            Assert.That(audit, Has.Count.EqualTo(auditBefore + 1));
            Assert.That(audit[^1].Action, Is.EqualTo("calendar-changed"));
            Assert.That(audit[^1].Actor, Is.EqualTo("operator:admin-wu"));
            Assert.That((await host.VerifyAsync(caseId)).Intact, Is.True);
        }

        var again = await host.Get<RecomputeForCalendarChange>().RunAsync("cn-2027.json added", Actor.Operator("admin-wu"));

        Assert.That(again.Changed, Is.Empty);
        Assert.That(await host.AuditAsync(caseId), Has.Count.EqualTo(auditBefore + 1), "a case whose dates do not move gets no entry");
    }

    [Test]
    public async Task CalendarApply_FromTheCli_RecountsAndSaysWhatMoved_AfterListingTheDueDateAsProvisional()
    {
        string caseId;
        string database;
        await using (var host = await CasesHost.StartAsync(_folder, _clock, workflows: _workflows))
        {
            await host.ImportAsync(_workflows);
            caseId = (await host.Runtime.StartAsync("clock-check", null, null, Actor.Operator("applicant-chen"))).CaseId;
            database = host.DatabasePath;
        }
        var listed = await CliProcess.RunAsync(_folder.Path, ["cases", "list", "--db", database, "--workflows", _workflows]);
        Assert.That(listed.Out, Does.Contain("decision due 2027-01-07 (provisional)"), listed.ToString());
        File.WriteAllText(Path.Combine(_workflows, "calendars", "cn-2027.json"), Calendar2027);

        var result = await CliProcess.RunAsync(_folder.Path, ["calendar", "apply", "--db", database, "--workflows", _workflows, "--note", "cn-2027.json added", "--as", "admin-wu"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Out, Does.Contain(caseId));
        Assert.That(result.Out, Does.Contain("due 2027-01-08"));
        Assert.That(result.Out, Does.Contain("now due 2027-01-06"));
        Assert.That(result.Out, Does.EndWith("1 of 1 running case(s) changed\n"));
    }
}
