namespace CloudApproval.Engine.Tests.Support;

/// <summary>Activity snippets for <see cref="Def.Flow"/>.</summary>
internal static class Acts
{
    public const string Start = """{"id":"start","type":"Start"}""";

    public static string End(string id = "end", string outcome = "approved") => Of(id, "End", $$"""{"outcome":"{{outcome}}"}""");

    /// <summary>A UserTask for intake-clerk@market-supervision; <paramref name="extra"/> adds inputs (JSON members).</summary>
    public static string Task(string id, string outcomes, string extra = "") =>
        Of(id, "UserTask", $$"""{"title":"Task {{id}}","role":"intake-clerk","department":"market-supervision","outcomes":[{{outcomes}}]{{(extra.Length > 0 ? "," + extra : "")}}}""");

    public static string Of(string id, string type, string inputs = "{}") => $$"""{"id":"{{id}}","type":"{{type}}","inputs":{{inputs}}}""";

    public static string List(params string[] activities) => "[" + string.Join(",", activities) + "]";
}
