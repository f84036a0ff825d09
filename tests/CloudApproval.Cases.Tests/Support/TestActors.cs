namespace CloudApproval.Cases.Tests.Support;

/// <summary>Signed-in users as the use cases see them, by role.</summary>
internal static class TestActors
{
    public static Actor Analyst(string id = CasesHost.Analyst) => new(id, null, [ActorRoles.Analyst]);

    public static Actor Clerk(string id = "clerk-li") => new(id, null, [ActorRoles.Clerk], ["licensing"], ["intake-clerk"]);
}
