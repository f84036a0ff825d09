using System.Reflection;

namespace CloudApproval.Browser.Tests.Support;

/// <summary>The repository the tests run from, and the web host's built dll in it.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    /// <summary>src/CloudApproval.Web's own output (built before this project): run as it is, outside Development.</summary>
    public static string WebHostDll => Path.GetFullPath(Metadata("WebHostDll")
        ?? throw new InvalidOperationException("the test assembly does not say where the web host is built"));

    private static string? Metadata(string key) => typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == key)?.Value;

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Metadata("SourceDirectory") })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CloudApproval.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no folder containing CloudApproval.sln above {AppContext.BaseDirectory}");
    }
}
