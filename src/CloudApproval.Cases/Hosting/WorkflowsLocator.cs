namespace CloudApproval.Cases.Hosting;

/// <summary>Finds the <c>workflows/</c> folder (the one holding <c>calendars/</c>) from a directory upwards.</summary>
public static class WorkflowsLocator
{
    public static string? FindFrom(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (Directory.Exists(Path.Combine(candidate, "calendars"))) return candidate;
        }
        return null;
    }
}
