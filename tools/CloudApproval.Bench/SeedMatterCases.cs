using System.Text;
using System.Text.Json.Nodes;
using CloudApproval.Cases;
using CloudApproval.Cases.Applications;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Bench;

/// <summary>
/// Cases of a catalogued matter (food business licence: market-supervision, commitment procedure, legal limit 20
/// working days, promised 5), applied for online and handled through the product's own use cases on the seed's clock,
/// so the efficiency dashboard has something to count: received and not yet accepted, not accepted, decided on time,
/// decided late, and open with a running clock (overdue by 30 November, or not yet due).
/// </summary>
internal static class SeedMatterCases
{
    public const string Matter = "food-business-licence";
    public const string Department = "market-supervision";

    public static readonly Actor Clerk = new("clerk-market-00", null, [ActorRoles.Clerk], [Department], ["intake-clerk", "reviewer"]);

    /// <summary>What the dashboard is read as: an auditor reads every department's figures.</summary>
    public static readonly Actor Auditor = new("auditor-bench", null, [ActorRoles.Auditor]);

    private static readonly string[] Materials = ["application-form", "business-licence", "legal-representative-id", "premises-layout"];

    private static readonly JsonObject Particulars = new()
    {
        ["shopName"] = "陈记小吃", ["premisesAddress"] = "上海市黄浦区南京东路100号", ["businessArea"] = 45,
        ["mainBusinessType"] = "catering", ["centralKitchen"] = false, ["contactPhone"] = "13912345678",
    };

    /// <summary>The same bytes for every file: what matters here is the rows, not the content.</summary>
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%seed\n%%EOF\n");

    /// <summary>
    /// Writes <paramref name="count"/> cases spread over working days of 2026 (January to late November), returning their
    /// ids. Case i: i % 10 == 0 stays received, 1 is not accepted, 2-5 are decided 2 to 36 days after acceptance (the
    /// legal limit is 20, the promised 5), 6-9 stay open with their clock running.
    /// </summary>
    public static async Task<List<string>> WriteAsync(IServiceProvider services, SeedClock clock, int count)
    {
        var drafts = services.GetRequiredService<ApplicationDrafts>();
        var submit = services.GetRequiredService<SubmitApplication>();
        var tasks = services.GetRequiredService<TaskCommands>();
        var runtime = services.GetRequiredService<CaseRuntime>();
        var factory = services.GetRequiredService<CasesDbFactory>();
        var ids = new List<string>(count);
        var first = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(8));
        for (var i = 0; i < count; i++)
        {
            var applicant = new Actor(SeedTemplates.TemplateApplicant(900_000 + i), null, [ActorRoles.Applicant]);
            // Evenly over the year: on 30 November the open ones accepted before November are overdue, the later ones not yet due.
            clock.Now = first.AddDays(Math.Floor(i * 325.0 / count));
            var draft = await drafts.CreateAsync(Matter, Particulars.DeepClone().AsObject(), applicant);
            foreach (var code in Materials)
                await drafts.UploadAsync(draft.Id, code, code + ".pdf", new MemoryStream(Pdf), applicant);
            var caseId = (await submit.RunAsync(draft.Id, false, applicant)).Outcome.CaseId;
            ids.Add(caseId);
            var kind = i % 10;
            if (kind == 0) continue;
            clock.Now = clock.Now.AddHours(2);
            if (kind == 1)
            {
                await CompleteAsync(factory, tasks, caseId, "pre-review", "reject", new JsonObject { ["reason"] = "not a food business" });
                continue;
            }
            await CompleteAsync(factory, tasks, caseId, "pre-review", "accept", null);
            await runtime.SendEventAsync(caseId, "commitment-signed", null, applicant);
            if (kind >= 6) continue;
            // Decided 2 to 36 days later: within the promised 5 working days, within the legal 20, or past it.
            clock.Now = clock.Now.AddDays(2 + (i / 10 % 25 * 1.4));
            await CompleteAsync(factory, tasks, caseId, "review", "approve", new JsonObject { ["opinion"] = "conditions met" });
        }
        return ids;
    }

    private static async Task CompleteAsync(CasesDbFactory factory, TaskCommands tasks, string caseId, string activity, string outcome, JsonObject? data)
    {
        long taskId;
        await using (var db = factory.CreateDbContext())
            taskId = await db.Tasks.Where(t => t.CaseId == caseId && t.ActivityId == activity && (t.Status == WorkTaskStatus.Open || t.Status == WorkTaskStatus.Claimed))
                .Select(t => t.Id).SingleAsync();
        await tasks.CompleteAsync(taskId, outcome, data, Clerk);
    }
}
