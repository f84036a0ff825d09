using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Activities.Clock;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Runtime;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Activities.Collaboration;

/// <summary>
/// 会商 / 会审: a consultation meeting of several departments. The convener records the minutes (attendance, the video
/// session, the discussion, the resolutions, resolved or not); then every listed participant department signs them or
/// objects with reasons. A signature names the SHA-256 of the minutes it signs, and the minutes cannot change once
/// recorded, so every signature is over the same text. The resolutions bind only when every participant has signed
/// (port <c>resolved</c>); minutes that say unresolved, or one objection, send the matter to the configured common
/// superior, who decides with reasons (port <c>decided</c>). Like an opinion request, a consultation is not an art. 45
/// ground: the legal clock runs through it, and every task is due within the legal limit.
/// </summary>
internal sealed class HoldConsultationActivity : ActivityType
{
    public const string Resolved = "resolved";
    public const string Decided = "decided";
    public const string Unresolved = "unresolved";
    public const string Sign = "sign";
    public const string Object = "object";
    public const string Decide = "decide";

    public override ActivityDescriptor Descriptor { get; } = new(
        "HoldConsultation", "Collaboration",
        "会商: the convener records the minutes, every participant department signs them (or objects with reasons); the resolutions bind once all have signed. Unresolved or objected: the configured common superior decides. Does not suspend the legal clock.",
        Inputs:
        [
            new("agenda", InputKind.Text, true, "What the meeting is to settle (shown in every task)."),
            new("participants", InputKind.Expression, true, "Expression giving the participating departments, e.g. ['planning-resources','greening-city-appearance'] or vars.departments."),
            new("role", InputKind.Role, true, "The role in each participant department that signs the minutes, e.g. reviewer."),
            new("convener", InputKind.Department, true, "The department that convenes and records the minutes, or $variable."),
            new("convenerRole", InputKind.Role, true, "The role in the convening department that records the minutes."),
            new("videoSession", InputKind.Expression, false, "Expression giving the video session (platform, room, time), e.g. a ScheduleRemoteSession's record; else the convener enters it with the minutes."),
            new("due", InputKind.WorkingDays, true, "Each step is due this many working days after it starts, never after a running legal clock's due date."),
            new("superior", InputKind.Department, true, "The common superior department that decides what the meeting did not resolve, or $variable."),
            new("superiorRole", InputKind.Role, true, "The role there that decides, e.g. government-head."),
            new("saveAs", InputKind.ObjectVariableRef, false, "Variable that receives the minutes, their SHA-256, the signatures, and the superior's decision if any."),
        ],
        Ports:
        [
            new(Resolved, "Every participant signed the minutes: their resolutions bind."),
            new(Decided, "Unresolved or objected: the common superior decided."),
        ],
        Outputs: [new("consultation", "The minutes, their SHA-256, the signatures and any decision, stored in 'saveAs'.")]);

    private const string Stage = "stage";

    internal override void Execute(ActivityContext context)
    {
        var participants = ParticipantsOf(context);
        var video = context.Evaluate("videoSession");
        var work = new JsonObject
        {
            [Stage] = "minutes",
            ["agenda"] = context.RequiredText("agenda"),
            ["convener"] = context.RequiredText("convener"),
            ["participants"] = new JsonArray([.. participants.Select(p => (JsonNode)p)]),
            ["videoSession"] = video?.DeepClone(),
        };
        List<FormField> form =
        [
            new("attendance", "Attendance: who attended for each department", "text", true),
            new("videoSession", "Video session (platform, room, time)", "text", video is null),
            new("discussion", "Discussion", "text", true),
            new("resolutions", "Resolutions (one per line)", "text", false, RequiredFor: [Resolved]),
        ];
        var task = NewTask(context, "会商纪要 Record the consultation minutes", context.RequiredText("convener"), context.RequiredText("convenerRole"),
            $"Agenda: {work["agenda"]}. Participants: {string.Join(", ", participants)}."
            + (video is null ? "" : $" Video session: {Shown(video)}.")
            + " Record the minutes: resolved (with the resolutions, one per line) or unresolved (the common superior decides). Each participant then signs them."
            + " A consultation does not suspend the legal clock.",
            [Resolved, Unresolved], form);
        context.Token.TaskId = task.Id;
        context.Token.SaveAs = context.Text("saveAs");
        context.Token.Work = work;
        context.Park();
    }

    /// <summary>
    /// The most minutes text (agenda and fields together) a consultation takes: every signer reads the minutes in their
    /// task, whose instructions hold 4000 characters with the hash and guidance around them.
    /// </summary>
    public const int MaxMinutesLength = 3000;

    internal override string? CheckCompletion(Token token, TaskRecord task, string outcome, JsonObject? data)
    {
        if (token.Work is not { } work) return null;
        if (Text(work[Stage]) == "minutes")
        {
            var length = (Text(work["agenda"])?.Length ?? 0)
                + new[] { "attendance", "videoSession", "discussion", "resolutions" }.Sum(f => Text(data?[f])?.Length ?? 0);
            return length > MaxMinutesLength
                ? $"'discussion': the minutes are {length} characters long with the agenda; at most {MaxMinutesLength} fit the signing tasks (summarise, and attach a full record to the case)"
                : null;
        }
        // A signer may name the minutes they read; naming others means they signed something else.
        if (Text(work[Stage]) == "signatures" && Text(data?["minutesSha256"]) is { } named
            && !string.Equals(named, Text(work["minutesSha256"]), StringComparison.OrdinalIgnoreCase))
            return $"'minutesSha256': {named} is not the SHA-256 of the minutes ({Text(work["minutesSha256"])})";
        return null;
    }

    internal override bool TaskFinished(ActivityContext context, TaskRecord task)
    {
        var work = context.Token.Work ?? throw context.Fault("the consultation lost its progress");
        switch (Text(work[Stage]))
        {
            case "minutes":
                RecordMinutes(context, work, task);
                break;
            case "signatures":
                RecordSignature(context, work, task);
                break;
            default:
                var result = Result(work);
                result["decision"] = Text(task.Data?["decision"]);
                result["reasons"] = Text(task.Data?["reasons"]);
                result["decidedBy"] = task.CompletedBy;
                result["decidedAt"] = Instant(context.Now);
                context.Leave(Decided, result);
                break;
        }
        return true;
    }

    private static void RecordMinutes(ActivityContext context, JsonObject work, TaskRecord task)
    {
        var data = task.Data ?? [];
        var minutes = new JsonObject
        {
            ["agenda"] = work["agenda"]?.DeepClone(),
            ["convener"] = work["convener"]?.DeepClone(),
            ["participants"] = work["participants"]?.DeepClone(),
            ["videoSession"] = work["videoSession"]?.DeepClone() ?? Text(data["videoSession"]),
            ["attendance"] = Text(data["attendance"]),
            ["discussion"] = Text(data["discussion"]),
            ["resolutions"] = new JsonArray([.. Lines(Text(data["resolutions"])).Select(l => (JsonNode)l)]),
            ["resolved"] = task.Outcome == Resolved,
            ["recordedBy"] = task.CompletedBy,
            ["recordedAt"] = Instant(context.Now),
        };
        var hash = Sha256(minutes);
        work["minutes"] = minutes;
        work["minutesSha256"] = hash;
        work["signatures"] = new JsonArray();
        Milestone(context, "minutes-recorded");
        context.Token.TaskId = null;
        if (task.Outcome != Resolved)
        {
            ToSuperior(context, work, "the minutes record that the meeting did not resolve the matter");
            return;
        }
        work[Stage] = "signatures";
        var text = Readable(minutes, hash);
        context.Token.TaskIds =
        [
            .. ((JsonArray)work["participants"]!).Select(p => NewTask(context, "会商纪要签署 Sign the consultation minutes", Text(p)!, context.RequiredText("role"),
                text + "\nSign the minutes as recorded, or object with your reasons (the common superior then decides).",
                [Sign, Object],
                [
                    new("reasons", "Reasons for objecting", "text", false, RequiredFor: [Object]),
                    new("minutesSha256", "SHA-256 of the minutes you sign (as shown)", "text", false),
                ]).Id),
        ];
    }

    private static void RecordSignature(ActivityContext context, JsonObject work, TaskRecord task)
    {
        var signatures = (JsonArray)work["signatures"]!;
        signatures.Add(new JsonObject
        {
            ["department"] = task.Department,
            ["outcome"] = task.Outcome,
            ["by"] = task.CompletedBy,
            ["at"] = Instant(context.Now),
            // What was signed: the minutes' hash at signing, kept beside the signature.
            ["minutesSha256"] = work["minutesSha256"]?.DeepClone(),
            ["reasons"] = Text(task.Data?["reasons"]),
        });
        context.Token.TaskIds?.Remove(task.Id);
        if (task.Outcome == Object)
        {
            context.Run.CancelOpenTasks(context.Token, $"{task.Department} objected to the minutes: the common superior decides");
            context.Token.TaskIds = null;
            ToSuperior(context, work, $"{task.Department} objected to the minutes");
            return;
        }
        if (context.Token.TaskIds is { Count: > 0 }) return;
        Milestone(context, "all-signed");
        context.Leave(Resolved, Result(work));
    }

    private static void ToSuperior(ActivityContext context, JsonObject work, string why)
    {
        work[Stage] = "superior";
        work["referredBecause"] = why;
        var minutes = (JsonObject)work["minutes"]!;
        var task = NewTask(context, "会商未决事项 Decide what the consultation did not settle", context.RequiredText("superior"), context.RequiredText("superiorRole"),
            $"Referred to you as the common superior: {why}.\n\n" + Readable(minutes, Text(work["minutesSha256"])!)
            + Objections(work) + "\nDecide, with your reasons; the decision binds the departments.",
            [Decide],
            [
                new("decision", "Decision", "text", true),
                new("reasons", "Reasons", "text", true),
            ]);
        context.Token.TaskId = task.Id;
    }

    private static JsonObject Result(JsonObject work) => new()
    {
        ["minutes"] = work["minutes"]?.DeepClone(),
        ["minutesSha256"] = work["minutesSha256"]?.DeepClone(),
        ["resolutions"] = work["minutes"]?["resolutions"]?.DeepClone(),
        ["signatures"] = work["signatures"]?.DeepClone(),
        ["referredBecause"] = work["referredBecause"]?.DeepClone(),
    };

    private static TaskRecord NewTask(ActivityContext context, string title, string department, string role, string instructions, List<string> outcomes, List<FormField> form)
    {
        var task = new TaskRecord
        {
            Id = context.State.NextId("task"),
            ActivityId = context.Activity.Id,
            Title = title,
            Instructions = instructions,
            Role = role,
            Department = department,
            Outcomes = outcomes,
            Form = form,
            CreatedAt = context.Now,
            Status = HumanTaskStatus.Open,
        };
        // Due dates are shown (overdue after), not enforced: no silence counts as a signature or as a decision.
        var due = context.EndAfter(context.Duration("due") ?? throw context.Fault("input 'due' is required"));
        (task.DueAt, task.DueDate, task.DueRule, task.DueProvisional) = (due.At, due.Day, due.Rule, due.Provisional);
        LegalClock.Cap(task, context.State.Clock);
        context.AddTask(task);
        return task;
    }

    private static List<string> ParticipantsOf(ActivityContext context)
    {
        var value = context.Evaluate("participants");
        if (value is not JsonArray list)
            throw context.Fault($"input 'participants': expected an array of departments, found {value?.ToJsonString() ?? "null"}");
        var participants = new List<string>();
        foreach (var item in list)
        {
            if (Text(item) is not { } department || !ProcedureValidator.IsSlug(department))
                throw context.Fault($"input 'participants': {item?.ToJsonString() ?? "null"} is not a department slug");
            if (!participants.Contains(department)) participants.Add(department);
        }
        return participants.Count > 0 ? participants : throw context.Fault("input 'participants': a consultation needs at least one participant department");
    }

    /// <summary>A dated fact on the timeline, named after the activity (a procedure may hold more than one consultation).</summary>
    private static void Milestone(ActivityContext context, string what)
    {
        var name = $"{context.Activity.Id}-{what}";
        context.State.Milestones[name] = context.Today;
        context.Emit(new MilestoneReached(name, context.Today, context.Activity.Id));
    }

    /// <summary>The minutes as a signer reads them (one part a line: task pages keep line breaks), with the hash they sign.</summary>
    private static string Readable(JsonObject minutes, string hash)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"会商纪要 Minutes (SHA-256 {hash})\n");
        text.Append(CultureInfo.InvariantCulture, $"Agenda: {Text(minutes["agenda"])}\n");
        text.Append(CultureInfo.InvariantCulture, $"Video session: {Shown(minutes["videoSession"])}\n");
        text.Append(CultureInfo.InvariantCulture, $"Attendance: {Text(minutes["attendance"])}\n");
        text.Append(CultureInfo.InvariantCulture, $"Discussion: {Text(minutes["discussion"])}\n");
        var resolutions = ((JsonArray?)minutes["resolutions"])?.Select(Text).ToList() ?? [];
        text.Append(resolutions.Count == 0 ? "Resolutions: none\n" : "Resolutions:\n" + string.Concat(resolutions.Select((r, i) => $"{i + 1}. {r}\n")));
        text.Append(CultureInfo.InvariantCulture, $"Recorded by {Text(minutes["recordedBy"])} at {Text(minutes["recordedAt"])}\n");
        return text.ToString();
    }

    private static string Objections(JsonObject work) =>
        string.Concat(((JsonArray?)work["signatures"] ?? []).Where(s => Text(s?["outcome"]) == Object)
            .Select(s => $"Objection of {Text(s?["department"])}: {Shortened(Text(s?["reasons"]))}\n"));

    // The task's instructions have room for the minutes and about this much of an objection; all of it is in saveAs.
    private static string? Shortened(string? reasons) =>
        reasons is { Length: > 500 } ? reasons[..500] + "… (in full in the case's consultation record)" : reasons;

    /// <summary>SHA-256 over the minutes' JSON as recorded (property order fixed by the code above), hex.</summary>
    private static string Sha256(JsonObject minutes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(minutes.ToJsonString())));

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static string Instant(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A value as a person reads it: text as it is, anything else (a session record) as JSON.</summary>
    private static string? Shown(JsonNode? node) => Text(node) ?? node?.ToJsonString();

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s : null;

    internal override IEnumerable<InputProblem> Check(ActivityDefinition activity, ProcedureDefinition definition)
    {
        // A literal list is checked here; a list from variables only when the consultation starts.
        if (activity.Text("participants") is not { } participants || !participants.TrimStart().StartsWith('[')) yield break;
        JsonArray? literal = null;
        try
        {
            literal = JsonNode.Parse(participants.Replace('\'', '"')) as JsonArray;
        }
        catch (JsonException)
        {
            // An expression that merely starts with '[' (e.g. [vars.a].concat(...)): checked when it runs.
        }
        if (literal is null) yield break;
        if (literal.Count == 0) yield return new("participants", "no-participants", "a consultation needs at least one participant department");
        foreach (var item in literal)
            if (Text(item) is not { } department || !ProcedureValidator.IsSlug(department))
                yield return new("participants", "invalid-department", $"{Quoted.Of(item?.ToJsonString() ?? "null")} is not a department slug");
    }
}
