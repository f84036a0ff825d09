using CloudApproval.Cases.Access;
using CloudApproval.Cases.Instances;

namespace CloudApproval.Cases.Licences;

/// <summary>Who may see and act on a licence: its holder; staff of its issuing department; auditors and admins read all.</summary>
internal static class LicenceAccess
{
    public static bool CanSee(Actor actor, Licence licence) =>
        CaseAccess.ReadsAll(actor)
        || (licence.Holder is not null && licence.Holder == actor.Id && actor.Has(ActorRoles.Applicant))
        || (CaseAccess.IsStaff(actor) && licence.Department is { } d && actor.InDepartment(d));

    /// <summary>The head of the issuing department (or an admin, or the operator).</summary>
    public static bool Governs(Actor actor, string department) =>
        actor.IsTrusted || actor.Has(ActorRoles.Admin) || (actor.Has(ActorRoles.DepartmentHead) && actor.InDepartment(department));

    public static CasesException Unknown(string number) => new("unknown-licence", $"no licence {number}");
}
