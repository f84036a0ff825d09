using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudApproval.Cases.Hosting;
using Fluid;
using Fluid.Values;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// The notice templates, <c>workflows/notices/&lt;template&gt;.liquid</c>, rendered with Fluid (Liquid) from a model
/// (see <see cref="NoticeModel"/>). A template renders the document's text: <c># title</c>, <c>## subtitle</c>,
/// <c>- item</c> lines and paragraphs; the layout (<see cref="DocumentLayout"/>) adds the department, the date and the
/// seal block, so every document carries them alike. Parsed once per key; an unknown or broken template is a
/// <see cref="CasesException"/> naming the file.
/// </summary>
public sealed partial class NoticeTemplates(CasesSettings settings)
{
    public const string Extension = ".liquid";

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

    /// <summary>The folder of the templates.</summary>
    public string Folder => FolderOf(settings.WorkflowsFolder);

    public static string FolderOf(string workflowsFolder) => Path.Combine(workflowsFolder, "notices");

    /// <summary>Renders the template with the model (a JSON object); the result is the document's text.</summary>
    public RenderedNotice Render(string template, JsonObject model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parsed = _parsed.TryGetValue(template, out var cached) ? cached : _parsed.GetOrAdd(template, Load(Folder, template));
        var undefined = new List<string>();
        var context = new TemplateContext(ToPlain(model)!, Options);
        // Names the template uses that the model does not have: rendered as nothing, reported to the caller.
        context.Undefined = name =>
        {
            undefined.Add(name);
            return ValueTask.FromResult<FluidValue>(NilValue.Instance);
        };
        string text;
        try
        {
            text = parsed.Render(context, NullEncoder.Default);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new CasesException("template-failed", $"notice template '{template}' ({PathOf(Folder, template)}) failed to render: {ex.Message}");
        }
        return new RenderedNotice(template, text, undefined.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Parses one template file; <c>unknown-template</c> when there is none, <c>invalid-template</c> when it does not parse.</summary>
    public static IFluidTemplate Load(string folder, string template)
    {
        var path = PathOf(folder, template);
        if (!File.Exists(path))
            throw new CasesException("unknown-template", $"no notice template '{template}': expected the file {path}");
        if (!Parser.TryParse(File.ReadAllText(path), out var parsed, out var error))
            throw new CasesException("invalid-template", $"{path}: {error}");
        return parsed;
    }

    private static string PathOf(string folder, string template) =>
        TemplateKey().IsMatch(template)
            ? Path.Combine(folder, template + Extension)
            : throw new CasesException("unknown-template", $"'{template}' is not a template key (lower-case letters, digits and '-')");

    /// <summary>
    /// Checks that every template key exists in <paramref name="folder"/> and parses; one line per problem, naming the
    /// file (or the missing file and who references it).
    /// </summary>
    public static IReadOnlyList<string> Check(string folder, IEnumerable<(string Template, string ReferencedBy)> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var problems = new List<string>();
        foreach (var group in references.GroupBy(r => r.Template, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            try
            {
                Load(folder, group.Key);
            }
            catch (CasesException ex)
            {
                problems.Add($"{string.Join(", ", group.Select(r => r.ReferencedBy).Distinct())}: {ex.Message} [{ex.Code}]");
            }
        }
        return problems;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex TemplateKey();

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { CultureInfo = CultureInfo.InvariantCulture };
        // 15wd -> 15个工作日: periods are stored as durations and read by people.
        options.Filters.AddFilter("duration", (input, _, _) => new StringValue(DurationText(input.ToStringValue())));
        // 2026-03-02 -> 2026年3月2日.
        options.Filters.AddFilter("cndate", (input, _, _) => new StringValue(DateText(input.ToStringValue())));
        // planning-resources -> 规划资源局 (the department's name; an unknown slug as it is): data names departments by slug.
        options.Filters.AddFilter("department", (input, _, _) => new StringValue(DepartmentNames.Zh(input.ToStringValue())));
        // A list given as text ("a; b") or as an array: always an array of items to number.
        options.Filters.AddFilter("items", (input, _, context) => ItemsOf(input, context.Options));
        // "market-supervision: ..." -> "上海市市场监督管理局：...": an applicant reads organs, not slugs.
        options.Filters.AddFilter("department", (input, _, _) => new StringValue(DepartmentNames.OfItem(input.ToStringValue())));
        return options;
    }

    /// <summary>15wd → 15个工作日, 60d → 60日, 5y → 5年, 6mo → 6个月; anything else as it is.</summary>
    public static string DurationText(string duration)
    {
        var m = DurationPattern().Match(duration.Trim());
        if (!m.Success) return duration;
        var n = m.Groups[1].Value;
        return m.Groups[2].Value switch
        {
            "wd" => n + "个工作日",
            "d" => n + "日",
            "y" => n + "年",
            "mo" => n + "个月",
            "h" => n + "小时",
            "m" => n + "分钟",
            "s" => n + "秒",
            _ => duration,
        };
    }

    [GeneratedRegex("^([0-9]+)(wd|d|y|mo|h|m|s)$")]
    private static partial Regex DurationPattern();

    /// <summary>An ISO date (or instant) as a Chinese date; anything else as it is.</summary>
    public static string DateText(string value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return Chinese(day);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            var china = at.ToOffset(Engine.Runtime.ChinaTime.Offset);
            return Chinese(DateOnly.FromDateTime(china.DateTime)) + china.ToString(" HH:mm", CultureInfo.InvariantCulture);
        }
        return value;
    }

    public static string Chinese(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";

    private static ArrayValue ItemsOf(FluidValue input, TemplateOptions options)
    {
        if (input is ArrayValue array) return array;
        if (input.IsNil()) return new ArrayValue([]);
        var parts = ItemSeparator().Split(input.ToStringValue()).Select(p => p.Trim()).Where(p => p.Length > 0);
        return new ArrayValue(parts.Select(p => FluidValue.Create(p, options)).ToArray());
    }

    [GeneratedRegex("[;；\\n]")]
    private static partial Regex ItemSeparator();

    /// <summary>JSON as the plain objects Fluid reads: objects as dictionaries, arrays as lists, values as strings, numbers, booleans.</summary>
    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}

/// <summary>A template's output, and the model names it used that the model lacked (rendered as nothing).</summary>
public sealed record RenderedNotice(string Template, string Text, IReadOnlyList<string> Undefined)
{
    /// <summary>The first <c># </c> line: the document's title.</summary>
    public string Title => Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? Template;
}
