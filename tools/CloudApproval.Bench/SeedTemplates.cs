using System.Text.Json.Nodes;
using CloudApproval.Cases;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Bench;

/// <summary>One stored row as SQLite holds it: the column names and values, read back raw so a copy is byte-identical.</summary>
internal sealed record RawRow(string[] Columns, object?[] Values);

/// <summary>
/// A case written by the product (CaseRuntime, TaskCommands) that the bulk loader copies: its final rows as stored, and
/// the case's rows as they were after each audit entry (what each entry's state digest committed to).
/// </summary>
internal sealed record SeedTemplate(
    string CaseId,
    string Applicant,
    string Department,
    RawRow Case,
    IReadOnlyList<RawRow> Tasks,
    IReadOnlyList<RawRow> Audit,
    IReadOnlyList<IReadOnlyList<object>> RowsAfterEntry)
{
    /// <summary>The departments working in its tree (what staff case lists read), as the product wrote them.</summary>
    public IReadOnlyList<RawRow> WorkingDepartments { get; init; } = [];
}

/// <summary>
/// Writes the template cases through the product's own write path, on a clock set to a different working day per
/// template, so the copies spread over the year: each case ends with 10 audit entries, three tasks completed and the
/// fourth open (four in five) or claimed by a clerk (one in five), in one of 40 departments.
/// </summary>
internal static class SeedTemplates
{
    public const int Departments = 40;
    public const int EntriesPerCase = 10;
    public const int ClerksPerDepartment = 20;

    public static string Department(int n) => $"dept-{n % Departments:D2}";

    /// <summary>A clerk of the department with every duty of the bench procedure: what an inbox query runs as.</summary>
    public static Actor Clerk(string department, int n) =>
        new($"clerk-{department}-{n % ClerksPerDepartment:D2}", null, [ActorRoles.Clerk], [department], ["intake-clerk", "reviewer", "section-head", "issuing-clerk"]);

    /// <summary>Template applicants are the same length as the copies' (applicant-0000042), so swapping one for the other keeps sizes.</summary>
    public static string TemplateApplicant(int t) => $"applicant-T{t:D6}";

    public static async Task<List<SeedTemplate>> WriteAsync(IServiceProvider services, SeedClock clock, int count)
    {
        var runtime = services.GetRequiredService<CaseRuntime>();
        var tasks = services.GetRequiredService<TaskCommands>();
        var factory = services.GetRequiredService<CasesDbFactory>();
        var templates = new List<SeedTemplate>(count);
        // Working days of 2026 (the calendar the repository ships), from early January to late November.
        var first = new DateTime(2026, 1, 5, 1, 30, 0, DateTimeKind.Utc);
        for (var t = 0; t < count; t++)
        {
            var department = Department(t);
            var clerk = Clerk(department, t);
            var applicant = TemplateApplicant(t);
            clock.Now = new DateTimeOffset(first.AddDays(t * 320.0 / count).Date.AddHours(1.5), TimeSpan.Zero);
            var snapshots = new List<IReadOnlyList<object>>();
            var input = new JsonObject { ["department"] = department };
            var caseId = (await runtime.StartAsync(CaseWorkload.DefinitionId, null, input, new Actor(applicant, null, [ActorRoles.Applicant]))).CaseId;
            snapshots.Add(await SnapshotAsync(factory, caseId));
            // Not t % 5: with 40 departments that would put every claimed task in the same eight departments.
            var claimedAtEnd = t / Departments % 5 == 4;
            // Each step is one transaction and one audit entry; 10 in all.
            string[] steps = claimedAtEnd
                ? ["claim", "complete", "claim", "complete", "claim", "complete", "claim", "release", "claim"]
                : ["claim", "complete", "claim", "release", "claim", "complete", "complete", "claim", "release"];
            foreach (var step in steps)
            {
                clock.Now = clock.Now.AddMinutes(7);
                var taskId = await OpenTaskAsync(factory, caseId);
                switch (step)
                {
                    case "claim": await tasks.ClaimAsync(taskId, clerk); break;
                    case "release": await tasks.ReleaseAsync(taskId, clerk); break;
                    default: await tasks.CompleteAsync(taskId, "done", new JsonObject { ["note"] = "checked" }, clerk); break;
                }
                snapshots.Add(await SnapshotAsync(factory, caseId));
            }
            templates.Add(await ReadAsync(factory.ConnectionString!, caseId, applicant, department, snapshots));
        }
        return templates;
    }

    private static async Task<long> OpenTaskAsync(CasesDbFactory factory, string caseId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Tasks.Where(t => t.CaseId == caseId && (t.Status == WorkTaskStatus.Open || t.Status == WorkTaskStatus.Claimed))
            .Select(t => t.Id).SingleAsync();
    }

    /// <summary>The case's rows as the database holds them now, read by the product's own CaseRows (what verification digests).</summary>
    private static async Task<IReadOnlyList<object>> SnapshotAsync(CasesDbFactory factory, string caseId)
    {
        await using var db = factory.CreateDbContext();
        return await CaseRows.LoadAsync(db, caseId, CancellationToken.None);
    }

    private static async Task<SeedTemplate> ReadAsync(string connectionString, string caseId, string applicant, string department, List<IReadOnlyList<object>> snapshots)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var c = (await RowsAsync(connection, "SELECT * FROM Cases WHERE Id = $id", caseId)).Single();
        var taskRows = await RowsAsync(connection, "SELECT * FROM Tasks WHERE CaseId = $id ORDER BY Id", caseId);
        var audit = await RowsAsync(connection, "SELECT * FROM AuditEntries WHERE CaseId = $id ORDER BY Sequence", caseId);
        foreach (var table in new[] { "Timers", "Notices", "Licences" })
            if ((await RowsAsync(connection, $"SELECT * FROM {table} WHERE CaseId = $id", caseId)).Count > 0)
                throw new InvalidOperationException($"template {caseId} has {table} rows; the loader copies cases, tasks, their working departments and audit entries only");
        if (audit.Count != EntriesPerCase || snapshots.Count != EntriesPerCase)
            throw new InvalidOperationException($"template {caseId}: {audit.Count} audit entries for {snapshots.Count} steps, expected {EntriesPerCase}");
        return new SeedTemplate(caseId, applicant, department, c, taskRows, audit, Shared(snapshots))
        {
            WorkingDepartments = await RowsAsync(connection, "SELECT * FROM WorkingDepartments WHERE RootCaseId = $id", caseId),
        };
    }

    /// <summary>
    /// Snapshots with a row a step left unchanged replaced by the previous snapshot's object, so the loader hashes each
    /// version of a row once per copy instead of once per entry.
    /// </summary>
    private static List<IReadOnlyList<object>> Shared(List<IReadOnlyList<object>> snapshots)
    {
        var shared = new List<IReadOnlyList<object>> { snapshots[0] };
        for (var k = 1; k < snapshots.Count; k++)
        {
            var before = shared[k - 1].ToDictionary(r => RowDigest.Of(r)!.Value, r => r);
            shared.Add([.. snapshots[k].Select(r => before.GetValueOrDefault(RowDigest.Of(r)!.Value, r))]);
        }
        return shared;
    }

    public static async Task<List<RawRow>> RowsAsync(SqliteConnection connection, string sql, string id)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<RawRow>();
        while (await reader.ReadAsync())
        {
            var values = new object?[columns.Length];
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(new RawRow(columns, values));
        }
        return rows;
    }
}

/// <summary>A clock the loader sets: the templates are written on the days it says.</summary>
internal sealed class SeedClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
