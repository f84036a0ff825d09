using System.Text.Json.Nodes;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Licences;

/// <summary>Licences issued through real cases: deficiency-pending approved (food business licence, 5 years), or in bulk.</summary>
internal static class LicenceFixture
{
    public static readonly Actor HeadZhou = new("head-zhou", "周", [ActorRoles.DepartmentHead], ["market-supervision"], ["department-head"]);
    public static readonly Actor HeadQian = new("head-qian", "钱", [ActorRoles.DepartmentHead], ["planning-resources"], ["department-head"]);
    public static readonly Actor ClerkLi = new("clerk-li", "李", [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk", "reviewer"]);

    /// <summary>A deficiency-pending case accepted and approved: its licence is issued in the approving transition.</summary>
    public static async Task<string> ApprovedCaseAsync(CasesHost host, string applicant = "applicant-chen")
    {
        var caseId = await host.StartDeficiencyAsync(applicant: applicant);
        await host.Tasks.CompleteAsync((await host.OpenTaskAsync(caseId, "pre-review")).Id, "accept", null, Actor.Operator("clerk-li"));
        await host.Tasks.CompleteAsync((await host.OpenTaskAsync(caseId, "review")).Id, "approve", new JsonObject { ["opinion"] = "ok" }, Actor.Operator("reviewer-wang"));
        return caseId;
    }

    public static async Task<Licence> LicenceOfAsync(CasesHost host, string caseId)
    {
        await using var db = host.Db();
        return await db.Licences.AsNoTracking().SingleAsync(l => l.CaseId == caseId);
    }

    public static async Task<Licence> LicenceAsync(CasesHost host, string number)
    {
        await using var db = host.Db();
        return await db.Licences.AsNoTracking().SingleAsync(l => l.Number == number);
    }

    /// <summary>
    /// A procedure that issues a food business licence (5 years) at its start and ends: many licences, fast.
    /// </summary>
    public static JsonObject IssueAtOnce(string validity = "5y") => JsonNode.Parse("""
        {
          "definitionId": "issue-at-once",
          "version": 1,
          "name": "Issues a licence at once (test procedure)",
          "variables": [{ "name": "department", "type": "text", "default": "market-supervision" }],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "issue", "type": "IssueLicence", "inputs": { "licenceType": "food-business-licence", "validity": "VALIDITY" } },
            { "id": "end", "type": "End", "inputs": { "outcome": "approved" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "issue" },
            { "source": "issue", "outcome": "done", "target": "end" }
          ]
        }
        """.Replace("VALIDITY", validity, StringComparison.Ordinal))!.AsObject();

    /// <summary>Starts <paramref name="count"/> issue-at-once cases, <paramref name="perTransaction"/> to a transaction (each case its own chain).</summary>
    public static async Task BulkIssueAsync(CasesHost host, int count, int perTransaction = 250)
    {
        var version = 1;
        for (var done = 0; done < count; done += perTransaction)
        {
            var n = Math.Min(perTransaction, count - done);
            await host.Runtime.InTransactionAsync(Actor.Operator("bulk"), async (db, transition, ct) =>
            {
                for (var i = 0; i < n; i++) await transition.StartAsync("issue-at-once", version, null, $"applicant-{(done + i) % 50}", null, ct);
                return true;
            }, CancellationToken.None);
        }
    }
}
