using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace CloudApproval.Web.Identity;

/// <summary>
/// The demo organisation of the embedded default: the four departments the seed procedures name (by default or in
/// their scenarios), each with clerks for every task role and a head, an analyst, an auditor, an admin and two
/// applicants, all with one printed password. Never seeded on a server database.
/// </summary>
internal static class DemoOrganisation
{
    public const string Password = "Demo#2026";

    public const string MarketSupervision = "market-supervision";
    public const string PlanningResources = "planning-resources";
    public const string HumanResources = "human-resources";
    public const string Greening = "greening-city-appearance";

    /// <summary>A demo user: roles, departments, and the task roles (duties) of the procedures they may take.</summary>
    public sealed record DemoUser(string UserName, string DisplayName, string Role, string[] Departments, string[] Duties);

    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("admin", "系统管理员 Admin", Roles.Admin, [], []),
        new("analyst-zhao", "赵敏 Zhao Min", Roles.Analyst, [], []),
        new("clerk-li", "李强 Li Qiang", Roles.Clerk, [MarketSupervision], ["intake-clerk", "reviewer", "surveyor"]),
        new("clerk-ma", "马丽 Ma Li", Roles.Clerk, [MarketSupervision], ["intake-clerk", "inspector", "surveyor", "hearing-officer"]),
        new("head-zhou", "周伟 Zhou Wei", Roles.DepartmentHead, [MarketSupervision], ["department-head"]),
        // The head of the district government approves a joint matter's extension (art. 42 ¶2); joint-review is led by
        // market supervision, so that is where the approval task shows.
        new("head-gu", "顾明 Gu Ming", Roles.DepartmentHead, [MarketSupervision], ["government-head"]),
        new("clerk-wang", "王芳 Wang Fang", Roles.Clerk, [PlanningResources], ["intake-clerk", "reviewer", "surveyor", "inspector", "hearing-officer"]),
        new("clerk-zhu", "朱红 Zhu Hong", Roles.Clerk, [PlanningResources], ["reviewer", "hearing-officer", "surveyor"]),
        new("head-qian", "钱军 Qian Jun", Roles.DepartmentHead, [PlanningResources], ["department-head"]),
        new("clerk-zhang", "张伟 Zhang Wei", Roles.Clerk, [HumanResources], ["intake-clerk", "reviewer", "inspector"]),
        new("head-wu", "吴刚 Wu Gang", Roles.DepartmentHead, [HumanResources], ["department-head"]),
        new("clerk-lin", "林晓 Lin Xiao", Roles.Clerk, [Greening], ["intake-clerk", "reviewer", "surveyor"]),
        new("clerk-he", "何平 He Ping", Roles.Clerk, [Greening], ["surveyor", "inspector"]),
        new("head-xu", "徐静 Xu Jing", Roles.DepartmentHead, [Greening], ["department-head"]),
        new("auditor-sun", "孙涛 Sun Tao", Roles.Auditor, [], []),
        new("applicant-chen", "陈静 Chen Jing", Roles.Applicant, [], []),
        new("applicant-liu", "刘洋 Liu Yang", Roles.Applicant, [], []),
    ];

    public static async Task SeedAsync(IServiceProvider scoped, ILogger logger, CancellationToken cancellationToken)
    {
        var users = scoped.GetRequiredService<UserManager<AppUser>>();
        var created = 0;
        foreach (var demo in Users)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await users.FindByNameAsync(demo.UserName) is not null) continue;
            var user = new AppUser { UserName = demo.UserName, DisplayName = demo.DisplayName, EmailConfirmed = true };
            Check(await users.CreateAsync(user, Password), demo.UserName);
            Check(await users.AddToRoleAsync(user, demo.Role), demo.UserName);
            var claims = demo.Departments.Select(d => new Claim(AppClaims.Department, d))
                .Concat(demo.Duties.Select(d => new Claim(AppClaims.Duty, d)));
            Check(await users.AddClaimsAsync(user, claims), demo.UserName);
            created++;
        }
        if (created > 0) logger.LogInformation("Demo organisation: {Count} users created", created);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"seeding {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
