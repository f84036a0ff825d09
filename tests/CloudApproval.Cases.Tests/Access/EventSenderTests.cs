using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Support;
using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Tests.Access;

/// <summary>A WaitForEvent that names its sender: the missing materials of 容缺 are the applicant's to supplement, not a clerk's.</summary>
public sealed class EventSenderTests
{
    private static readonly Actor Chen = new("applicant-chen", null, [ActorRoles.Applicant]);
    private static readonly Actor Li = new("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk"]);

    [Test]
    public async Task AnEventForTheApplicant_IsRefusedToStaff_AndAcceptedFromTheApplicant()
    {
        using var folder = new TempFolder();
        await using var host = await CasesHost.StartAsync(folder);
        var definition = Procedures.LoadSeed("deficiency-pending");
        var wait = definition["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "wait-supplement")!;
        wait["inputs"]!["sentBy"] = EventSenders.Applicant;
        var workflows = folder.File("workflows");
        Procedures.Write(workflows, definition);
        await host.ImportAsync(workflows);
        var caseId = (await host.Runtime.StartAsync("deficiency-pending", null, null, Chen)).CaseId;
        await host.Tasks.CompleteAsync((await host.OpenTaskAsync(caseId, "pre-review")).Id, "accept-with-deficiency",
            new JsonObject { ["missingMaterials"] = "credit certificate" }, Li);
        await host.Runtime.SendEventAsync(caseId, "commitment-signed", null, Chen);
        var before = RawSql.Dump(host.Database);

        var refused = await Expect.RefusedAsync(() => host.Runtime.SendEventAsync(caseId, "materials-supplemented", null, Li));

        Assert.That(refused.Code, Is.EqualTo("rejected-wrong-sender"));
        Assert.That(refused.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(refused.Message, Does.Contain("is for the applicant to send, not the staff"));
        Assert.That(RawSql.Dump(host.Database), Is.EqualTo(before), "nothing changed");
        await host.Runtime.SendEventAsync(caseId, "materials-supplemented", null, Chen);
        Assert.That((await host.StateAsync(caseId)).Tokens.Select(t => t.ActivityId), Does.Not.Contain("wait-supplement"));
    }
}
