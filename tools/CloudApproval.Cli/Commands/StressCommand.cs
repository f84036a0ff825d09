using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases;
using CloudApproval.Cases.Definitions;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudApproval.Cli.Commands;

/// <summary>
/// <c>stress</c>: drives random deficiency-pending cases (starts, task completions, events, one-second timers) with a
/// timer server running, until the operation count is reached or the process is killed. The crash-safety test kills
/// it at random points and checks that the database is consistent after every restart.
/// </summary>
internal static class StressCommand
{
    private static readonly string[] SupplementPeriods = ["1s", "2s", "10wd"];

    public static Command Create()
    {
        var operations = new Option<int>("--operations") { DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => Environment.ProcessId };
        // Concurrent workers: their transitions meet at the commit and share group commits (SQLite).
        var workers = new Option<int>("--workers") { DefaultValueFactory = _ => 1 };
        var command = new Command("stress", "Drive random cases with real timers (crash-safety testing).") { operations, seed, workers, CasesCli.Db, CasesCli.Workflows, CasesCli.SealKeys };
        command.SetAsyncAction(async (parse, ct) =>
        {
            using var host = await CasesCli.StartTimersAsync(parse, create: true, ct);
            var services = host.Services;
            await services.GetRequiredService<ImportProcedures>().RunAsync(WorkflowsFolder.Locate(parse.GetValue(CasesCli.Workflows)), Actor.Operator("stress"), publish: true, ct);
            var runtime = services.GetRequiredService<CaseRuntime>();
            var tasks = services.GetRequiredService<TaskCommands>();
            var factory = services.GetRequiredService<CasesDbFactory>();
            var total = parse.GetValue(operations);
            var next = 0;
            // Each worker its own random sequence; the operation numbers are shared. A line is printed (and flushed: the
            // console writes through) only after the call returned, so every printed start, completion or event was
            // acknowledged as committed: the crash-safety test checks that each of them survived the kill.
            async Task WorkAsync(Random random)
            {
                for (var i = Interlocked.Increment(ref next); i <= total; i = Interlocked.Increment(ref next))
                {
                    try
                    {
                        var roll = random.Next(10);
                        await using var db = factory.CreateDbContext();
                        var open = await db.Tasks.AsNoTracking().Where(t => t.Status == WorkTaskStatus.Open).OrderBy(t => t.Id).Take(50).ToListAsync(ct);
                        if (roll < 3 || open.Count == 0)
                        {
                            var input = new JsonObject { ["supplementPeriod"] = SupplementPeriods[random.Next(SupplementPeriods.Length)] };
                            Console.WriteLine($"op {i} start {(await runtime.StartAsync("deficiency-pending", null, input, Actor.Operator("stress"), cancellationToken: ct)).CaseId}");
                        }
                        else if (roll < 8)
                        {
                            var task = open[random.Next(open.Count)];
                            var outcomes = JsonSerializer.Deserialize<string[]>(task.OutcomesJson)!;
                            var outcome = outcomes[random.Next(outcomes.Length)];
                            await tasks.CompleteAsync(task.Id, outcome, FillForm(task.FormJson), Actor.Operator($"clerk-{random.Next(3)}"), ct);
                            Console.WriteLine($"op {i} complete {task.CaseId}/{task.LocalId} {outcome}");
                        }
                        else
                        {
                            var waiting = await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Running).OrderBy(c => c.Id).Take(50).ToListAsync(ct);
                            var target = waiting.Count == 0 ? null : waiting[random.Next(waiting.Count)];
                            var events = target is null ? [] : InstanceState.FromJson(target.StateJson).Tokens.SelectMany(t => t.Events.Keys).ToList();
                            if (target is null || events.Count == 0) continue;
                            var name = events[random.Next(events.Count)];
                            await runtime.SendEventAsync(target.Id, name, null, Actor.Operator("applicant"), ct);
                            Console.WriteLine($"op {i} event {target.Id} {name}");
                        }
                    }
                    catch (CasesException ex)
                    {
                        // Refusals are part of the game (a timer or another worker won the race); they change nothing.
                        Console.WriteLine($"op {i} refused {ex.Code}");
                    }
                }
            }
            var seedValue = parse.GetValue(seed);
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, parse.GetValue(workers)))
                .Select(w => Task.Run(() => WorkAsync(new Random(w == 0 ? seedValue : HashCode.Combine(seedValue, w))), ct)));
            return 0;
        });
        return command;
    }

    private static JsonObject FillForm(string formJson)
    {
        var data = new JsonObject();
        foreach (var field in JsonSerializer.Deserialize<List<FormField>>(formJson, EngineJson.Options) ?? [])
        {
            if (!field.Required) continue;
            data[field.Name] = field.Type switch
            {
                "integer" => 1,
                "boolean" => true,
                "date" => "2026-03-02",
                "choice" => field.Choices![0],
                _ => "stress",
            };
        }
        return data;
    }
}
