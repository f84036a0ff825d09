using System.Reflection;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Cases.Tests.Support;

/// <summary>The repository the tests run from: its workflows folder and the seed procedures on disk.</summary>
internal static class Repo
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding CloudApproval.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string Workflows => Path.Combine(Root, "workflows");

    /// <summary>The seed procedure files, workflows/&lt;id&gt;/v&lt;N&gt;.json.</summary>
    public static IEnumerable<string> ProcedureFiles() =>
        Directory.GetDirectories(Workflows)
            .SelectMany(folder => Directory.GetFiles(folder, "v*.json"))
            .Where(file => ProcedureValidator.FileName().IsMatch(Path.GetFileName(file)))
            .Order(StringComparer.Ordinal);

    public static string ProcedureFile(string definitionId, int version) => Path.Combine(Workflows, definitionId, $"v{version}.json");

    private static string FindRoot()
    {
        // With --artifacts-path the test binaries sit outside the repository; the source folder recorded in the assembly leads there.
        var sourceDirectory = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        foreach (var start in new[] { TestContext.CurrentContext.TestDirectory, sourceDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CloudApproval.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no folder containing CloudApproval.sln above {TestContext.CurrentContext.TestDirectory} or {sourceDirectory}");
    }
}
