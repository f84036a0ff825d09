using System.Text.Json.Nodes;
using CloudApproval.Web.Identity;
using CloudApproval.Web.Tests.Support;

namespace CloudApproval.Web.Tests.Api;

/// <summary>The demo organisation can work every seed procedure in the department it runs in by default.</summary>
public sealed class DemoOrganisationTests
{
    /// <summary>Each UserTask of each seed procedure: its task role, its department (the default), and the task it must be kept apart from.</summary>
    private static IEnumerable<TestCaseData> SeedTasks()
    {
        foreach (var file in Directory.GetFiles(Repo.Workflows, "v*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var definition = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var defaults = (definition["variables"]?.AsArray() ?? []).Where(v => v?["default"] is JsonValue)
                .ToDictionary(v => v!["name"]!.GetValue<string>(), v => v!["default"]!.ToString());
            var activities = definition["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
            foreach (var task in activities.Where(a => a["type"]!.GetValue<string>() == "UserTask"))
            {
                var inputs = task["inputs"]!.AsObject();
                var department = inputs["department"]!.GetValue<string>();
                if (department.StartsWith('$')) department = defaults[department[1..]];
                var apart = inputs["notSameAs"]?.GetValue<string>();
                var apartRole = apart is null ? null : activities.Single(a => a["id"]!.GetValue<string>() == apart)["inputs"]!["role"]!.GetValue<string>();
                yield return new TestCaseData(inputs["role"]!.GetValue<string>(), department, apartRole)
                    .SetName($"{definition["definitionId"]} {task["id"]}: {inputs["role"]} in {department}{(apart is null ? "" : $", not the {apart} holder")}");
            }
        }
    }

    [TestCaseSource(nameof(SeedTasks))]
    public void EveryTaskOfTheSeedProcedures_HasADemoUserToTakeIt_InItsDefaultDepartment(string role, string department, string? apartRole)
    {
        var fit = DemoOrganisation.Users.Where(u => u.Departments.Contains(department) && u.Duties.Contains(role)).ToList();

        Assert.That(fit, Is.Not.Empty, $"nobody in {department} has the task role {role}");
        if (apartRole is not null)
        {
            var other = DemoOrganisation.Users.Where(u => u.Departments.Contains(department) && u.Duties.Contains(apartRole)).ToList();
            Assert.That(fit.Any(f => other.Any(o => o.UserName != f.UserName)), Is.True,
                $"{role} must be someone other than the {apartRole}, and {department} has no two such people");
        }
    }
}
