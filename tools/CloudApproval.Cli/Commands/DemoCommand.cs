using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CloudApproval.Cases;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Cases.Timers;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Simulation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cli.Commands;

/// <summary>
/// <c>demo</c>: a fresh embedded database, the four seed procedures imported and published, one case of each driven
/// through its happy-path scenario by the durable runtime, with the procedure's waiting periods shortened to seconds
/// so that real Hangfire timers fire while you watch. Prints each case's timeline and verifies every audit chain.
/// </summary>
internal static class DemoCommand
{
    // Which scenario each case replays, and which durations become real seconds.
    private static readonly (string Procedure, string Scenario, JsonObject Input)[] Cases =
    [
        ("deficiency-pending", "supplemented-approved", new JsonObject { ["supplementPeriod"] = "3s" }),
        // The verification period counts working days (a task due date): it cannot become seconds, and the verify task
        // is completed at once anyway.
        ("commitment", "approved-verified", []),
        ("remote-survey", "survey-passed-approved", new JsonObject { ["surveyNoticePeriod"] = "2s" }),
        ("online-hearing", "hearing-approved", new JsonObject { ["hearingNoticePeriod"] = "2s" }),
    ];

    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "Demo database file (recreated)", DefaultValueFactory = _ => Path.Combine("data", "demo.db") };
        var command = new Command("demo", "Run one case of each seed procedure on a fresh embedded database with real Hangfire timers.") { db, CasesCli.Workflows };
        command.SetAsyncAction(async (parse, ct) =>
        {
            var file = parse.GetValue(db)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            foreach (var stale in new[] { file, file + "-wal", file + "-shm" }.Concat(HangfireFiles(file))) File.Delete(stale);
            var workflows = WorkflowsFolder.Locate(parse.GetValue(CasesCli.Workflows));
            // The demo's departments seal its notices with keys of its own, beside the demo database.
            var seals = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileNameWithoutExtension(file) + "-seals");
            using var host = await TimerHost.StartAsync(new CasesSettings { Database = new DatabaseOptions { SqlitePath = file }, WorkflowsFolder = workflows, SealKeysFolder = seals }, ct);
            var services = host.Services;
            var report = await services.GetRequiredService<ImportProcedures>().RunAsync(workflows, new Actor("analyst-demo", null, [ActorRoles.Analyst]), publish: true, ct);
            Console.WriteLine($"database {Path.GetFullPath(file)}; imported and published {string.Join(", ", report.Added)}");

            var failures = 0;
            foreach (var (procedure, scenarioName, input) in Cases)
            {
                var path = Path.Combine(workflows, procedure, "scenarios", scenarioName + ".json");
                var scenario = Scenario.Parse(JsonFiles.ReadText(path), path);
                Console.WriteLine();
                Console.WriteLine($"== {procedure}: {scenario.Name}");
                failures += await RunAsync(services, procedure, scenario, input, ct);
            }
            var audit = await services.GetRequiredService<AuditVerifier>().VerifyAllAsync(CasesCli.Operator, ct);
            var problems = await services.GetRequiredService<ConsistencyCheck>().RunAsync(CasesCli.Operator, ct);
            Console.WriteLine();
            Console.WriteLine($"audit chains: {audit.Count(a => a.Intact)} intact, {audit.Count(a => !a.Intact)} broken; consistency problems: {problems.Count}");
            foreach (var p in problems) Console.WriteLine($"  {p}");
            return failures == 0 && audit.All(a => a.Intact) && problems.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static IEnumerable<string> HangfireFiles(string db)
    {
        var hangfire = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(db))!, Path.GetFileNameWithoutExtension(db) + "-hangfire.db");
        return [hangfire, hangfire + "-wal", hangfire + "-shm", hangfire + "-journal"];
    }

    /// <summary>The demo plays the applicant and the clerks as the operator, under their names.</summary>
    private static readonly Actor Applicant = Actor.Operator("applicant-demo");

    private static async Task<int> RunAsync(IServiceProvider services, string procedure, Scenario scenario, JsonObject overrides, CancellationToken ct)
    {
        var input = (JsonObject?)scenario.Input?.DeepClone() ?? [];
        foreach (var (key, value) in overrides) input[key] = value?.DeepClone();
        var runtime = services.GetRequiredService<CaseRuntime>();
        var caseId = (await runtime.StartAsync(procedure, null, input, Applicant, cancellationToken: ct)).CaseId;
        foreach (var step in scenario.Steps)
        {
            if (step.ExpectRejection is not null) continue;
            if (step.Complete is { } activity)
            {
                var task = await OpenTaskAsync(services, caseId, activity, ct);
                await services.GetRequiredService<TaskCommands>().CompleteAsync(task, step.Outcome!, step.Data, Actor.Operator(step.By ?? "clerk-demo"), ct);
            }
            else if (step.Event is { } name)
            {
                await services.GetRequiredService<CaseRuntime>().SendEventAsync(caseId, name, step.Payload, Applicant, ct);
            }
            else if (step.Advance is not null || step.AdvanceTo is not null)
            {
                await LetShortTimersFireAsync(services, caseId, ct);
            }
        }
        var file = await services.GetRequiredService<CaseHistory>().GetAsync(caseId, Applicant, ct);
        CasesCommand.Print(file, services.GetRequiredService<WorkingCalendar>());
        await PrintTimerLagAsync(services, caseId, ct);
        var expected = scenario.Expect.Outcome;
        var ok = expected is null || file.Case.Outcome == expected;
        Console.WriteLine(ok ? $"OK  {file.Case.Outcome}" : $"UNEXPECTED  expected {expected}, got {file.Case.Status}: {file.Case.Outcome}");
        return ok ? 0 : 1;
    }

    private static async Task<long> OpenTaskAsync(IServiceProvider services, string caseId, string activityId, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<CasesDbFactory>().CreateDbContext();
        var ids = await CaseTreeAsync(db, caseId, ct);
        return await db.Tasks.AsNoTracking()
            .Where(t => ids.Contains(t.CaseId) && t.ActivityId == activityId && (t.Status == WorkTaskStatus.Open || t.Status == WorkTaskStatus.Claimed))
            .Select(t => (long?)t.Id).FirstOrDefaultAsync(ct)
            ?? throw new CasesException("demo-stuck", $"case {caseId}: no open task '{activityId}'");
    }

    /// <summary>Simulated time passes in a scenario; here we wait for the real timers that are due within seconds.</summary>
    private static async Task LetShortTimersFireAsync(IServiceProvider services, string caseId, CancellationToken ct)
    {
        var factory = services.GetRequiredService<CasesDbFactory>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await using var db = factory.CreateDbContext();
            var ids = await CaseTreeAsync(db, caseId, ct);
            var horizon = DateTime.UtcNow.AddSeconds(10);
            if (!await db.Timers.AnyAsync(t => ids.Contains(t.CaseId) && t.Status == CaseTimerStatus.Pending && t.DueAt <= horizon, ct)) return;
            await Task.Delay(200, ct);
        }
        throw new CasesException("demo-stuck", $"case {caseId}: a due timer did not fire within 30 s; is the timer server running?");
    }

    private static async Task PrintTimerLagAsync(IServiceProvider services, string caseId, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<CasesDbFactory>().CreateDbContext();
        var ids = await CaseTreeAsync(db, caseId, ct);
        var fired = await db.Timers.AsNoTracking().Where(t => ids.Contains(t.CaseId) && t.Status == CaseTimerStatus.Fired).ToListAsync(ct);
        foreach (var t in fired)
            Console.WriteLine($"  Hangfire fired timer {t.LocalId} ({t.Purpose}, {t.ActivityId}) {(t.FiredAt!.Value - t.DueAt).TotalSeconds:0.0} s after it fell due");
    }

    /// <summary>The case and its sub-procedures at every depth: the cases whose root it is.</summary>
    private static Task<List<string>> CaseTreeAsync(CasesDbContext db, string caseId, CancellationToken ct) =>
        db.Cases.AsNoTracking().Where(c => c.RootCaseId == caseId).Select(c => c.Id).ToListAsync(ct);
}
