using System.Reflection;
using CloudApproval.Engine.Calendar;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Support;

/// <summary>The repository the tests run from: its workflows folder, the real calendar and the procedures on disk.</summary>
internal static class Repo
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<WorkingCalendar> LazyCalendar = new(() => CalendarFiles.LoadFolder(Path.Combine(Workflows, "calendars")));

    /// <summary>The folder holding CloudApproval.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string Workflows => Path.Combine(Root, "workflows");

    /// <summary>The official calendar as checked in (workflows/calendars).</summary>
    public static WorkingCalendar Calendar => LazyCalendar.Value;

    /// <summary>Procedure files, workflows/&lt;id&gt;/v&lt;N&gt;.json, whatever exists when the tests run.</summary>
    public static IEnumerable<string> ProcedureFiles() =>
        Directory.GetDirectories(Workflows)
            .SelectMany(folder => Directory.GetFiles(folder, "v*.json"))
            .Where(file => ProcedureValidator.FileName().IsMatch(Path.GetFileName(file)))
            .Order(StringComparer.Ordinal);

    /// <summary>Scenario scripts, workflows/&lt;id&gt;/scenarios/*.json.</summary>
    public static IEnumerable<string> ScenarioFiles() =>
        Directory.GetDirectories(Workflows)
            .Select(folder => Path.Combine(folder, "scenarios"))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.json"))
            .Order(StringComparer.Ordinal);

    /// <summary>A procedure by id and version; the highest version when null (as the shell picks the published one).</summary>
    public static ProcedureDefinition LoadProcedure(string definitionId, int? version)
    {
        var file = ProcedureFile(definitionId, version);
        return DefinitionReader.Read(File.ReadAllText(file), file);
    }

    public static string ProcedureFile(string definitionId, int? version)
    {
        var folder = Path.Combine(Workflows, definitionId);
        if (!Directory.Exists(folder)) throw new FileNotFoundException($"no procedure '{definitionId}' under {Workflows}");
        if (version is { } v) return Path.Combine(folder, $"v{v}.json");
        return Directory.GetFiles(folder, "v*.json")
            .Where(f => ProcedureValidator.FileName().IsMatch(Path.GetFileName(f)))
            .OrderByDescending(VersionOf)
            .FirstOrDefault() ?? throw new FileNotFoundException($"{folder}: no versions");
    }

    public static int VersionOf(string file) =>
        int.Parse(ProcedureValidator.FileName().Match(Path.GetFileName(file)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Repository-relative path with forward slashes, for test names and messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        // The test binaries normally sit under the repository; with --artifacts-path they do not, and the folder the
        // test project was built from (recorded in the assembly) leads there instead.
        var sourceDirectory = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        foreach (var start in new[] { TestContext.CurrentContext.TestDirectory, sourceDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "CloudApproval.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException(
            $"no folder containing CloudApproval.sln above {TestContext.CurrentContext.TestDirectory} or {sourceDirectory}");
    }
}
