using System.Text.Json.Nodes;
using CloudApproval.Cases.Access;
using CloudApproval.Cases.Audit;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using CloudApproval.Cases.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Alerts;

/// <summary>
/// The head of a task's department reminds (催办) whoever should act on it: its holder, or, while nobody has claimed it,
/// every member of staff of the department whose duties include the task's role. One transaction: the case's audit
/// chain gets a <c>task-reminded</c> entry (who, to whom, the message) and each recipient an alert in their mailbox.
/// A task the head may not see (another department's) is unknown to them.
/// </summary>
public sealed class TaskReminders(CaseRuntime runtime, CasesDbFactory factory, TimeProvider time)
{
    public const int MaxMessageLength = 500;

    /// <summary>
    /// Sends the reminder; <paramref name="staffOf"/> gives the department's staff (the identity store's), asked before
    /// the transaction opens.
    /// </summary>
    public async Task<ReminderSent> SendAsync(long taskId, string? message, Func<string, CancellationToken, Task<IReadOnlyList<Actor>>> staffOf, Actor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(staffOf);
        ArgumentNullException.ThrowIfNull(actor);
        var words = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (words is { Length: > MaxMessageLength })
            throw new CasesException("invalid-message", $"message: at most {MaxMessageLength} characters, not {words.Length}");
        string department;
        await using (var read = factory.CreateDbContext())
        {
            var task = await read.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
            if (task is null || !CaseAccess.CanSee(actor, task)) throw CaseAccess.UnknownTask(taskId);
            department = task.Department;
        }
        var staff = await staffOf(department, cancellationToken);
        return await runtime.InTransactionAsync(actor, async (db, _, ct) =>
        {
            var (task, c) = await CompiledQueries.TaskAndCaseAsync(db, taskId, ct) is { } found && CaseAccess.CanSee(actor, found.Task)
                ? found
                : throw CaseAccess.UnknownTask(taskId);
            if (!CaseAccess.HeadsDepartmentOf(actor, task))
                throw new CasesException("forbidden", $"{actor.Id} may not remind about task {taskId}: only the head of {task.Department} may");
            if (task.Status is WorkTaskStatus.Completed or WorkTaskStatus.Cancelled)
                throw new CasesException("task-closed", $"task {taskId} is {task.Status.ToString().ToLowerInvariant()}: there is nothing to remind anyone of");
            List<string> recipients = task.Status == WorkTaskStatus.Claimed && task.Assignee is not null
                ? [task.Assignee]
                : [.. staff.Where(s => CaseAccess.IsStaff(s) && s.InDepartment(task.Department) && s.Duties.Contains(task.Role) && s.Id != actor.Id)
                    .Select(s => s.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            if (recipients.Count == 0)
                throw new CasesException("no-recipients", $"task {taskId} is unclaimed and nobody in {task.Department} has the role '{task.Role}' to remind");
            var now = time.GetUtcNow().UtcDateTime;
            c.RowVersion++;
            var detail = new JsonObject
            {
                ["task"] = task.Id,
                ["localId"] = task.LocalId,
                ["to"] = new JsonArray([.. recipients.Select(r => (JsonNode)JsonValue.Create(r))]),
                ["message"] = words,
            };
            db.AuditEntries.Add(AuditChain.Append(c, actor.Recorded, "task-reminded", detail.ToJsonString(), now));
            foreach (var recipient in recipients)
            {
                db.StaffAlerts.Add(new StaffAlert
                {
                    Recipient = recipient,
                    Kind = StaffAlertKinds.Reminder,
                    Department = task.Department,
                    TaskId = task.Id,
                    CaseId = task.CaseId,
                    Subject = task.Title,
                    Message = words,
                    SentBy = actor.Id,
                    SentAt = now,
                });
            }
            return new ReminderSent(task.Id, task.CaseId, recipients, words, now);
        }, cancellationToken);
    }
}
