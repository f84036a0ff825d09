using System.Reflection;

namespace CloudApproval.Web.Tests.Support;

/// <summary>The repository the tests run from.</summary>
internal static class Repo
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding CloudApproval.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string Workflows => Path.Combine(Root, "workflows");

    private static string FindRoot()
    {
        var sourceDirectory = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        foreach (var start in new[] { TestContext.CurrentContext.TestDirectory, sourceDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CloudApproval.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no folder containing CloudApproval.sln above {TestContext.CurrentContext.TestDirectory}");
    }
}
