using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudApproval.Cases.Tests.Support;

/// <summary>Workflows folders made for a test: copies of seed procedures, modified versions, small test procedures.</summary>
internal static class Procedures
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A workflows folder under <paramref name="folder"/> holding v1 of the named seed procedures.</summary>
    public static string CopySeeds(TempFolder folder, params string[] definitionIds)
    {
        var root = folder.File("workflows");
        foreach (var id in definitionIds)
        {
            Directory.CreateDirectory(Path.Combine(root, id));
            File.Copy(Repo.ProcedureFile(id, 1), Path.Combine(root, id, "v1.json"));
        }
        Directory.CreateDirectory(root);
        return root;
    }

    public static JsonObject LoadSeed(string definitionId, int version = 1) =>
        JsonNode.Parse(File.ReadAllText(Repo.ProcedureFile(definitionId, version)))!.AsObject();

    public static string Write(string workflows, JsonObject definition)
    {
        var id = definition["definitionId"]!.GetValue<string>();
        var version = definition["version"]!.GetValue<int>();
        Directory.CreateDirectory(Path.Combine(workflows, id));
        var file = Path.Combine(workflows, id, $"v{version}.json");
        File.WriteAllText(file, definition.ToJsonString(Indented));
        return file;
    }

    /// <summary>
    /// deficiency-pending v2: a receipt notice before pre-review, and a renamed pre-review task. Cases on v2 are told
    /// apart from v1 cases by that activity in their history and that title in their inbox.
    /// </summary>
    public static JsonObject DeficiencyV2()
    {
        var v2 = LoadSeed("deficiency-pending");
        v2["version"] = 2;
        var activities = v2["activities"]!.AsArray();
        activities.Insert(1, new JsonObject
        {
            ["id"] = "intake-receipt",
            ["type"] = "SendNotice",
            ["displayName"] = "Receipt 收件回执",
            ["inputs"] = new JsonObject { ["noticeType"] = "receipt", ["template"] = "receipt", ["recipient"] = "applicant" },
        });
        var preReview = activities.Single(a => a!["id"]!.GetValue<string>() == "pre-review")!;
        preReview["inputs"]!["title"] = "Pre-review (v2)";
        var fromStart = v2["connections"]!.AsArray().Single(c => c!["source"]!.GetValue<string>() == "start")!;
        fromStart["target"] = "intake-receipt";
        v2["connections"]!.AsArray().Add(new JsonObject { ["source"] = "intake-receipt", ["outcome"] = "done", ["target"] = "pre-review" });
        return v2;
    }

    /// <summary>
    /// parallel-check v1: a fork into a clerk's task and a wait for an applicant's event, joined before the end. The
    /// one shape where a task completion and an event can race on the same case and both be accepted.
    /// </summary>
    public static JsonObject ParallelCheck() => JsonNode.Parse("""
        {
          "definitionId": "parallel-check",
          "version": 1,
          "name": "Parallel check (test procedure)",
          "variables": [],
          "activities": [
            { "id": "start", "type": "Start", "inputs": {} },
            { "id": "fork", "type": "Fork", "inputs": { "branches": ["clerk", "applicant"] } },
            { "id": "check", "type": "UserTask", "inputs": { "title": "Check the file", "role": "intake-clerk", "department": "market-supervision", "outcomes": ["ok"] } },
            { "id": "wait-docs", "type": "WaitForEvent", "inputs": { "event": "docs-arrived" } },
            { "id": "join", "type": "Join", "inputs": { "fork": "fork" } },
            { "id": "end", "type": "End", "inputs": { "outcome": "approved" } }
          ],
          "connections": [
            { "source": "start", "outcome": "done", "target": "fork" },
            { "source": "fork", "outcome": "clerk", "target": "check" },
            { "source": "fork", "outcome": "applicant", "target": "wait-docs" },
            { "source": "check", "outcome": "ok", "target": "join" },
            { "source": "wait-docs", "outcome": "received", "target": "join" },
            { "source": "join", "outcome": "done", "target": "end" }
          ]
        }
        """)!.AsObject();
}
