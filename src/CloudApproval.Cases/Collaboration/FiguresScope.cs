using CloudApproval.Engine.Runtime;

namespace CloudApproval.Cases.Collaboration;

/// <summary>
/// What a reader of collaboration figures (opinion requests, assistance) may ask for: a period of China dates, at most
/// <see cref="CollaborationFigures.MaxDays"/> long, as UTC bounds; clerks and heads their departments, auditors and admins all.
/// </summary>
internal sealed record FiguresScope(bool SeesAll, List<string> Departments, DateTime Start, DateTime End)
{
    public static FiguresScope Of(DateOnly from, DateOnly to, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.RequireRole("read collaboration figures", ActorRoles.Clerk, ActorRoles.DepartmentHead, ActorRoles.Auditor, ActorRoles.Admin);
        if (to < from) throw new CasesException("invalid-input", $"to: {to:yyyy-MM-dd} is before from ({from:yyyy-MM-dd})");
        if (to.DayNumber - from.DayNumber >= CollaborationFigures.MaxDays)
            throw new CasesException("invalid-input", $"to: at most {CollaborationFigures.MaxDays} days from {from:yyyy-MM-dd}");
        var seesAll = actor.IsTrusted || actor.Roles.Contains(ActorRoles.Auditor) || actor.Roles.Contains(ActorRoles.Admin);
        return new FiguresScope(seesAll, [.. actor.Departments], ChinaTime.StartOf(from).UtcDateTime, ChinaTime.StartOf(to.AddDays(1)).UtcDateTime);
    }
}
