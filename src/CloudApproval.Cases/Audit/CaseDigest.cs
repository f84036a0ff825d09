using System.Text.Json;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// The digest of every row of one case (the case row, its tasks, timers, notices and licences), by key. Its canonical
/// text (a JSON object, keys in ordinal order) is kept on the case row so a transition updates it without reading the
/// rows it does not change; its SHA-256 is what each audit entry commits to. Verification never trusts the stored
/// text: it recomputes the map from the live rows.
/// </summary>
internal sealed class CaseDigest
{
    private readonly SortedDictionary<string, string> _rows = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Rows => _rows;

    /// <summary>The map stored on a case row, or null when that text is not a map (altered behind the application's back).</summary>
    public static CaseDigest? TryParse(string text)
    {
        var digest = new CaseDigest();
        if (text.Length == 0) return digest;
        try
        {
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(text) ?? [])
                digest._rows[key] = value;
        }
        catch (JsonException)
        {
            return null;
        }
        return digest;
    }

    /// <summary>The map of the given rows as they are now.</summary>
    public static CaseDigest Of(IEnumerable<object> rows)
    {
        var digest = new CaseDigest();
        foreach (var row in rows)
            if (RowDigest.Of(row) is var (key, value)) digest.Add(key, value);
        return digest;
    }

    /// <summary>
    /// Sets a row's digest. Two identical notices share a key; the second and later get "#2", "#3": the live map and the
    /// committed one number them alike, because only their count matters.
    /// </summary>
    public string Add(string key, string value)
    {
        var unique = key;
        if (key.StartsWith("notice:", StringComparison.Ordinal))
            for (var n = 2; _rows.ContainsKey(unique); n++) unique = $"{key}#{n}";
        _rows[unique] = value;
        return unique;
    }

    public bool Remove(string key) => _rows.Remove(key);

    public string? Get(string key) => _rows.GetValueOrDefault(key);

    /// <summary>The canonical text: stored on the case row, hashed into <see cref="AuditEntry.StateDigest"/>.</summary>
    public string ToText() => JsonSerializer.Serialize(_rows);
}
