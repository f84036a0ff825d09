namespace CloudApproval.Cases.Documents;

/// <summary>
/// The names departments sign documents with. Procedures and tasks name departments by slug; a document names the
/// organ as the law knows it. A department not listed here signs with its slug (still unambiguous, never blank).
/// </summary>
public static class DepartmentNames
{
    private static readonly Dictionary<string, (string Zh, string En)> Known = new(StringComparer.Ordinal)
    {
        ["market-supervision"] = ("上海市市场监督管理局", "Shanghai Administration for Market Regulation"),
        ["planning-resources"] = ("上海市规划和自然资源局", "Shanghai Municipal Bureau of Planning and Natural Resources"),
        ["human-resources"] = ("上海市人力资源和社会保障局", "Shanghai Municipal Human Resources and Social Security Bureau"),
        ["greening-city-appearance"] = ("上海市绿化和市容管理局", "Shanghai Landscaping and City Appearance Administrative Bureau"),
        ["municipal-government"] = ("上海市人民政府", "Shanghai Municipal People's Government"),
    };

    public static string Zh(string department) => Known.TryGetValue(department, out var name) ? name.Zh : department;

    public static string En(string department) => Known.TryGetValue(department, out var name) ? name.En : department;

    /// <summary>
    /// An item a procedure prefixed with the department that raised it ("market-supervision: the layout is unreadable",
    /// as joint review's merged correction notice lists them) with the department's Chinese name instead of its slug;
    /// any other text as it is.
    /// </summary>
    public static string OfItem(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var colon = item.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Known.TryGetValue(item[..colon], out var name) ? $"{name.Zh}：{item[(colon + 1)..].TrimStart()}" : item;
    }
}
