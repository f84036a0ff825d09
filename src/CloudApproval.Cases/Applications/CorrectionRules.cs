using System.Text.Json;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Applications;

/// <summary>One item of a correction request: which material, what is wrong with it, how to put it right.</summary>
public sealed record CorrectionItem(string Material, string? MaterialName, string Problem, string Fix);

/// <summary>What makes a correction request open, and the checks of its items.</summary>
internal static class CorrectionRules
{
    private const int MaxItems = 50;
    private const int MaxText = 1000;
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The application's open request whose period has not ended, or null.</summary>
    public static Task<CorrectionRequest?> OpenRequestAsync(CasesDbContext db, string applicationId, DateTime now, CancellationToken ct) =>
        db.CorrectionRequests.Where(r => r.ApplicationId == applicationId && r.Status == CorrectionStatus.Open && (r.DeadlineAt == null || r.DeadlineAt > now))
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    public static IReadOnlyList<CorrectionItem> Items(CorrectionRequest request) =>
        JsonSerializer.Deserialize<List<CorrectionItem>>(request.ItemsJson, Json) ?? [];

    /// <summary>
    /// The items checked against the matter: at least one; each names a material of the matter (by code), says what is
    /// wrong and how to fix it; a material appears once. Every problem is named with the item's index.
    /// </summary>
    public static IReadOnlyList<CorrectionItem> Check(Matter matter, IReadOnlyList<CorrectionItemInput>? items)
    {
        if (items is null || items.Count == 0)
            throw new CasesException("invalid-correction-items", "items: a correction request lists every item to correct (art. 32 one-time notice); none given");
        if (items.Count > MaxItems) throw new CasesException("invalid-correction-items", $"items: at most {MaxItems} items");
        var problems = new List<string>();
        var checkedItems = new List<CorrectionItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"items[{i}]";
            if (item is null) { problems.Add($"{at}: an item is an object {{material, problem, fix}}"); continue; }
            var material = matter.Materials.FirstOrDefault(m => m.Code == item.Material);
            if (string.IsNullOrWhiteSpace(item.Material)) problems.Add($"{at}.material: the material's code is required");
            else if (material is null)
                problems.Add($"{at}.material: matter {matter.Code} has no material '{item.Material}'; it lists {string.Join(", ", matter.Materials.Select(m => m.Code))}");
            else if (!seen.Add(material.Code)) problems.Add($"{at}.material: {material.Code} is listed twice; put everything wrong with it in one item");
            if (string.IsNullOrWhiteSpace(item.Problem) || item.Problem.Length > MaxText) problems.Add($"{at}.problem: say what is wrong (1 to {MaxText} characters)");
            if (string.IsNullOrWhiteSpace(item.Fix) || item.Fix.Length > MaxText) problems.Add($"{at}.fix: say how to correct it (1 to {MaxText} characters)");
            if (material is not null && !string.IsNullOrWhiteSpace(item.Problem) && !string.IsNullOrWhiteSpace(item.Fix))
                checkedItems.Add(new CorrectionItem(material.Code, material.Name.Zh, item.Problem.Trim(), item.Fix.Trim()));
        }
        if (problems.Count > 0) throw new CasesException("invalid-correction-items", string.Join("; ", problems));
        return checkedItems;
    }
}

/// <summary>An item as the clerk writes it.</summary>
public sealed record CorrectionItemInput(string Material, string Problem, string Fix);
