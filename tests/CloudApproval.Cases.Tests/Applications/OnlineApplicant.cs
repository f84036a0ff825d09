using System.Text;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Tests.Applications;

/// <summary>
/// What the applications tests share: the food business licence (market-supervision, the commitment procedure), its
/// applicants and clerk, drafts with files, and a test procedure that issues a business-licence e-licence (none of the
/// seed procedures issues one; in production it comes from the registration authority).
/// </summary>
internal static class OnlineApplicant
{
    public const string Matter = "food-business-licence";
    public static readonly Actor Chen = new("applicant-chen", "陈静", [ActorRoles.Applicant]);
    public static readonly Actor Liu = new("applicant-liu", "刘洋", [ActorRoles.Applicant]);
    public static readonly Actor ClerkLi = new("clerk-li", null, [ActorRoles.Clerk], ["market-supervision"], ["intake-clerk", "reviewer"]);
    public static readonly string[] Required = ["application-form", "business-licence", "legal-representative-id", "premises-layout"];

    public static byte[] Pdf(string marker) => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%" + marker + "\n%%EOF\n");

    public static async Task<string> DraftWithAsync(CasesHost host, Actor applicant, params string[] materials)
    {
        var drafts = host.Get<ApplicationDrafts>();
        var draft = await drafts.CreateAsync(Matter, SeedParticulars.For(Matter), applicant);
        foreach (var code in materials)
            await drafts.UploadAsync(draft.Id, code, code + ".pdf", new MemoryStream(Pdf(code)), applicant);
        return draft.Id;
    }

    /// <summary>A submitted application with the required files (the two deferrable ones deferred); its case id.</summary>
    public static async Task<(string ApplicationId, string CaseId)> SubmittedAsync(CasesHost host, Actor applicant, bool commitment = false)
    {
        var id = await DraftWithAsync(host, applicant, commitment ? Required[..3] : Required);
        var submission = await host.Get<SubmitApplication>().RunAsync(id, commitment, applicant);
        return (id, submission.Outcome.CaseId);
    }

    public static Task SaveProfileAsync(CasesHost host, Actor applicant) => host.Get<ApplicantProfiles>().SaveAsync(new ProfileInput(
        "enterprise", "上海某某餐饮有限公司", "91350100M000100Y43", new PersonInput("陈静", "11010519491231002X")), applicant);

    /// <summary>
    /// Publishes "business-registration": issues a business-licence valid one year, then waits for "revoke" to revoke it.
    /// </summary>
    public static async Task PublishRegistrationAsync(CasesHost host)
    {
        var definition = new JsonObject
        {
            ["definitionId"] = "business-registration",
            ["version"] = 1,
            ["name"] = "Business registration (test) 营业执照",
            ["variables"] = new JsonArray(),
            ["activities"] = new JsonArray(
                Activity("start", "Start", new JsonObject()),
                Activity("issue", "IssueLicence", new JsonObject { ["licenceType"] = "business-licence", ["validity"] = "1y", ["template"] = "licence" }),
                Activity("wait", "WaitForEvent", new JsonObject { ["event"] = "revoke" }),
                Activity("revoke", "RevokeLicence", new JsonObject { ["reason"] = "registration cancelled" }),
                Activity("end", "End", new JsonObject { ["outcome"] = "revoked" })),
            ["connections"] = new JsonArray(
                Connection("start", "done", "issue"),
                Connection("issue", "done", "wait"),
                Connection("wait", "received", "revoke"),
                Connection("revoke", "done", "end")),
        };
        var saved = await host.Get<SaveDraft>().SaveAsync("business-registration", definition.ToJsonString(), TestActors.Analyst());
        Assert.That(saved.Errors, Is.Empty, string.Join("; ", saved.Errors));
        await host.Get<PublishProcedure>().PublishDraftAsync("business-registration", TestActors.Analyst());
    }

    /// <summary>A business-licence issued to <paramref name="holder"/>: its number and its case.</summary>
    public static async Task<(string Number, string CaseId)> IssueBusinessLicenceAsync(CasesHost host, Actor holder)
    {
        // Market supervision registers businesses: its seal goes on the licence.
        var started = await host.Runtime.StartAsync("business-registration", null, new JsonObject { ["department"] = "market-supervision" }, holder);
        await using var db = host.Db();
        var number = await db.Licences.Where(l => l.CaseId == started.CaseId).Select(l => l.Number).SingleAsync();
        return (number, started.CaseId);
    }

    private static JsonObject Activity(string id, string type, JsonObject inputs) =>
        new() { ["id"] = id, ["type"] = type, ["displayName"] = id, ["inputs"] = inputs };

    private static JsonObject Connection(string source, string outcome, string target) =>
        new() { ["source"] = source, ["outcome"] = outcome, ["target"] = target };
}
