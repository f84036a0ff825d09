using System.Text.Json;
using CloudApproval.Cases.Hosting;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Json;

namespace CloudApproval.Cases.Collaboration;

/// <summary>
/// The assistance catalogue: one file per item under <c>workflows/assistance/&lt;code&gt;.json</c>, read once and checked
/// field by field. A broken file stops the start with every problem and its JSON path (as a broken matter file does at
/// import): requests must never run on a half-read catalogue.
/// </summary>
public sealed class AssistanceCatalog
{
    /// <summary>The catalogue's folder under <c>workflows/</c>.</summary>
    public const string Folder = "assistance";

    /// <summary>The longest time limit an item may set, in working days (the art. 42 limit with its extension).</summary>
    public const int MaxTimeLimit = 30;

    private readonly Dictionary<string, AssistanceItem> _items;

    public AssistanceCatalog(CasesSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (items, errors) = ReadFolder(Path.Combine(settings.WorkflowsFolder, Folder));
        if (errors.Count > 0) throw new InvalidOperationException("assistance catalogue: " + string.Join("; ", errors.Select(e => e.ToString())));
        _items = items.ToDictionary(i => i.Code, StringComparer.Ordinal);
    }

    /// <summary>Every item, by code.</summary>
    public IReadOnlyList<AssistanceItem> All => [.. _items.Values.OrderBy(i => i.Code, StringComparer.Ordinal)];

    /// <summary>The item, or refused as unknown.</summary>
    public AssistanceItem Get(string? code) =>
        code is not null && _items.TryGetValue(code, out var item)
            ? item
            : throw new CasesException("unknown-assistance-item", $"item: no assistance item '{code}' in the catalogue ({string.Join(", ", _items.Keys.Order(StringComparer.Ordinal))})");

    /// <summary>Every item file of the folder (none when it does not exist), with every problem found.</summary>
    public static (IReadOnlyList<AssistanceItem> Items, IReadOnlyList<DefinitionError> Errors) ReadFolder(string folder)
    {
        var items = new List<AssistanceItem>();
        var errors = new List<DefinitionError>();
        if (!Directory.Exists(folder)) return (items, errors);
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var (item, problems) = ReadFile(file);
            errors.AddRange(problems);
            if (item is not null) items.Add(item);
        }
        return (items, errors);
    }

    /// <summary>One item file from disk (an unreadable file is one error at <c>$</c>).</summary>
    public static (AssistanceItem? Item, IReadOnlyList<DefinitionError> Errors) ReadFile(string file)
    {
        try
        {
            return Read(JsonFiles.ReadText(file), file);
        }
        catch (UnreadableFileException ex)
        {
            return (null, [new DefinitionError(file, "$", "unreadable-file", ex.Reason)]);
        }
    }

    /// <summary>One item file's text; <paramref name="file"/> names it in errors and its name must be the code.</summary>
    public static (AssistanceItem? Item, IReadOnlyList<DefinitionError> Errors) Read(string text, string file)
    {
        var errors = new List<DefinitionError>();
        void Error(string path, string code, string message) => errors.Add(new DefinitionError(file, path, code, message));
        JsonDocument document;
        try
        {
            document = StrictJson.Parse(text);
        }
        catch (StrictJsonException ex)
        {
            return (null, [new DefinitionError(file, ex.JsonPath, ex.Code, ex.Message)]);
        }
        using var _ = document;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return (null, [new DefinitionError(file, "$", "wrong-type", "an assistance item is a JSON object")]);
        string[] known = ["code", "name", "content", "assistingDepartment", "timeLimitWorkingDays", "legalBasis", "dataPort"];
        foreach (var property in root.EnumerateObject().Where(p => !known.Contains(p.Name)))
            Error("$." + property.Name, "unknown-field", $"'{property.Name}' is not a field of an assistance item ({string.Join(", ", known)})");

        string? Text(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var value)) Error($"{path}.{name}", "missing-field", $"'{name}' is required");
            else if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString())) Error($"{path}.{name}", "wrong-type", $"'{name}' is a non-empty text");
            else return value.GetString()!.Trim();
            return null;
        }

        var code = Text(root, "$", "code");
        if (code is not null && code != Path.GetFileNameWithoutExtension(file))
            Error("$.code", "code-not-file-name", $"the code '{code}' is not the file's name '{Path.GetFileNameWithoutExtension(file)}' (assistance/<code>.json)");
        AssistanceItemName? name = null;
        if (!root.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.Object)
            Error("$.name", "missing-field", "'name' is an object with zh and en");
        else if (Text(nameElement, "$.name", "zh") is { } zh && Text(nameElement, "$.name", "en") is { } en)
            name = new AssistanceItemName(zh, en);
        var content = Text(root, "$", "content");
        var department = Text(root, "$", "assistingDepartment");
        int? limit = null;
        if (!root.TryGetProperty("timeLimitWorkingDays", out var limitElement) || !limitElement.TryGetInt32(out var days) || days < 1 || days > MaxTimeLimit)
            Error("$.timeLimitWorkingDays", "out-of-range", $"'timeLimitWorkingDays' is a whole number of working days from 1 to {MaxTimeLimit}");
        else limit = days;
        var basis = new List<AssistanceLegalBasis>();
        if (!root.TryGetProperty("legalBasis", out var basisElement) || basisElement.ValueKind != JsonValueKind.Array || basisElement.GetArrayLength() == 0)
            Error("$.legalBasis", "missing-legal-basis", "'legalBasis' lists at least one provision ({title, article}): assistance is asked under a rule");
        else
        {
            var i = 0;
            foreach (var element in basisElement.EnumerateArray())
            {
                var path = $"$.legalBasis[{i++}]";
                if (element.ValueKind != JsonValueKind.Object) Error(path, "wrong-type", "a provision is {title, article}");
                else if (Text(element, path, "title") is { } title && Text(element, path, "article") is { } article) basis.Add(new AssistanceLegalBasis(title, article));
            }
        }
        AssistanceDataPort? port = null;
        if (root.TryGetProperty("dataPort", out var portElement))
        {
            if (portElement.ValueKind != JsonValueKind.Object) Error("$.dataPort", "wrong-type", "'dataPort' is {kind, licenceType}");
            else if (Text(portElement, "$.dataPort", "kind") is { } kind && Text(portElement, "$.dataPort", "licenceType") is { } licenceType)
            {
                if (!AssistanceDataPort.Kinds.Contains(kind))
                    Error("$.dataPort.kind", "unknown-choice", $"'{kind}' is not one of {string.Join(", ", AssistanceDataPort.Kinds)}");
                else port = new AssistanceDataPort(kind, licenceType);
            }
        }
        if (errors.Count > 0) return (null, errors);
        return (new AssistanceItem(code!, name!, content!, department!, limit!.Value, basis, port), errors);
    }
}
