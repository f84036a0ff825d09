using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Tests.Support;

namespace CloudApproval.Cases.Tests.Matters;

/// <summary>Seed matter files, and changed copies of them written into a test's workflows folder.</summary>
internal static class MatterFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Folder => Path.Combine(Repo.Workflows, "matters");

    public static IEnumerable<string> Seeds() => Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal);

    public static JsonObject LoadSeed(string code) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, code + ".json")))!.AsObject();

    /// <summary>Writes <paramref name="matter"/> as workflows/matters/&lt;fileName&gt;.json (the code by default).</summary>
    public static string Write(string workflows, JsonObject matter, string? fileName = null)
    {
        var folder = Path.Combine(workflows, "matters");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, (fileName ?? matter["code"]!.GetValue<string>()) + ".json");
        File.WriteAllText(file, matter.ToJsonString(Indented));
        return file;
    }
}
