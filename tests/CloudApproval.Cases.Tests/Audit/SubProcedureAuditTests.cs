using System.Text.Json.Nodes;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Audit;

/// <summary>
/// A sub-procedure's notices belong to its root case: when the child sends one, the root's rows change in the child's
/// transaction, so the root's chain gets an entry committing to them, and both cases verify.
/// </summary>
public sealed class SubProcedureAuditTests
{
    private static JsonObject Parent() => JsonNode.Parse("""
        {
          "definitionId": "audit-parent", "version": 1, "name": "Parent (test procedure)", "variables": [],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "call", "type": "CallProcedure", "inputs": { "definitionId": "audit-child", "outcomes": ["completed"] } },
            { "id": "end", "type": "End", "inputs": { "outcome": "approved" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "call" },
            { "source": "call", "outcome": "completed", "target": "end" }
          ]
        }
        """)!.AsObject();

    private static JsonObject Child() => JsonNode.Parse("""
        {
          "definitionId": "audit-child", "version": 1, "name": "Child (test procedure)", "variables": [],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "first", "type": "UserTask", "inputs": { "title": "First", "role": "reviewer", "department": "market-supervision", "outcomes": ["ok"] } },
            { "id": "tell", "type": "SendNotice", "inputs": { "noticeType": "progress", "template": "progress", "recipient": "applicant" } },
            { "id": "second", "type": "UserTask", "inputs": { "title": "Second", "role": "reviewer", "department": "market-supervision", "outcomes": ["ok"] } },
            { "id": "end", "type": "End", "inputs": { "outcome": "completed" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "first" },
            { "source": "first", "outcome": "ok", "target": "tell" },
            { "source": "tell", "outcome": "done", "target": "second" },
            { "source": "second", "outcome": "ok", "target": "end" }
          ]
        }
        """)!.AsObject();

    [Test]
    public async Task RootCase_GetsAnEntryForTheNoticeItsChildSent_AndBothVerify()
    {
        using var folder = new TempFolder();
        await using var host = await CasesHost.StartAsync(folder);
        var workflows = folder.File("workflows");
        Procedures.Write(workflows, Parent());
        Procedures.Write(workflows, Child());
        await host.ImportAsync(workflows);
        var root = (await host.Runtime.StartAsync("audit-parent", null, null, Actor.Operator("applicant-chen"))).CaseId;
        await using (var db = host.Db())
        {
            var child = db.Cases.Single(c => c.ParentCaseId == root).Id;
            await host.Tasks.CompleteAsync((await host.OpenTaskAsync(child, "first")).Id, "ok", null, Actor.Operator("reviewer-wang"));
            var rootActions = (await host.AuditAsync(root)).Select(e => e.Action).ToList();
            Assert.That(rootActions, Is.EqualTo(new[] { "case-started", "rows-changed" }));
            Assert.That((await host.AuditAsync(root))[^1].Detail, Does.Contain("notice:"));
            await host.Tasks.CompleteAsync((await host.OpenTaskAsync(child, "second")).Id, "ok", null, Actor.Operator("reviewer-wang"));
        }

        var results = await host.Get<AuditVerifier>().VerifyAllAsync(Actor.Operator("auditor"));

        Assert.That(results.Select(r => (r.Intact, r.Reason)), Has.All.EqualTo((true, (string?)null)));
        Assert.That((await host.CaseAsync(root)).Outcome, Is.EqualTo("approved"));
        Assert.That(RawSql.Scalar(host.Database, "SELECT COUNT(*) FROM Notices WHERE CaseId = $c", ("$c", root)), Is.EqualTo(1L));
    }
}
