using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Support;
using static CloudApproval.Cases.Tests.Applications.OnlineApplicant;

namespace CloudApproval.Cases.Tests.Efficiency;

/// <summary>
/// Food business licences (market-supervision, legal limit 20 working days, promised 5) applied for online and handled
/// through the product's use cases on a hand-moved clock, around the 2026 Spring Festival: Saturday 14 February and
/// Saturday 28 February are working days (调休), 15–23 February are holidays.
/// </summary>
internal sealed class EfficiencyScenario(CasesHost host, ManualClock clock)
{
    public static readonly Actor HeadZhou = new("head-zhou", null, [ActorRoles.DepartmentHead], ["market-supervision"], ["department-head"]);
    public static readonly Actor HeadWu = new("head-wu", null, [ActorRoles.DepartmentHead], ["human-resources"], ["department-head"]);
    public static readonly Actor Auditor = new("auditor-sun", null, [ActorRoles.Auditor]);

    public void At(int month, int day) => clock.Set(new DateTimeOffset(2026, month, day, 10, 0, 0, TimeSpan.FromHours(8)));

    /// <summary>An application submitted on the day: its case.</summary>
    public async Task<string> ReceivedAsync(int month, int day)
    {
        At(month, day);
        return (await SubmittedAsync(host, Chen)).CaseId;
    }

    /// <summary>The clerk accepts the pre-review and the applicant signs the commitment: the legal clock starts that day.</summary>
    public async Task AcceptedAsync(string caseId, int month, int day)
    {
        At(month, day);
        await CompleteAsync(caseId, "pre-review", "accept", null, ClerkLi);
        await host.Runtime.SendEventAsync(caseId, "commitment-signed", null, Chen);
    }

    public async Task NotAcceptedAsync(string caseId, int month, int day)
    {
        At(month, day);
        await CompleteAsync(caseId, "pre-review", "reject", new JsonObject { ["reason"] = "not a food business" }, ClerkLi);
    }

    public async Task ApprovedAsync(string caseId, int month, int day, string activity = "review")
    {
        At(month, day);
        await CompleteAsync(caseId, activity, "approve", new JsonObject { ["opinion"] = "conditions met" }, ClerkLi);
    }

    /// <summary>The reviewer asks for the extension and the head approves it the same day (art. 42: 10 more working days).</summary>
    public async Task ExtendedAsync(string caseId, int month, int day)
    {
        At(month, day);
        await CompleteAsync(caseId, "review", "request-extension", new JsonObject { ["opinion"] = "site check pending" }, ClerkLi);
        await CompleteAsync(caseId, "head-approval", "approve", new JsonObject { ["reasons"] = "the site must be checked" }, HeadZhou);
    }

    private async Task CompleteAsync(string caseId, string activity, string outcome, JsonObject? data, Actor by) =>
        await host.Tasks.CompleteAsync((await host.OpenTaskAsync(caseId, activity)).Id, outcome, data, by);
}
