using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Engine.Definitions;
using CloudApproval.Engine.Json;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Cases.Matters;

/// <summary>
/// Reads a matter file and checks everything one file can show: the shape (unknown or missing fields, wrong types), the
/// vocabularies, and the rules between fields (a promised limit shorter than the legal one, distinct material codes, no
/// deferrable key material, commitment terms that match the materials). Every problem is reported, each with the file
/// and JSON path. Whether the bound procedure exists needs the catalogue: <see cref="MatterBindings"/>.
/// </summary>
public static class MatterReader
{
    /// <summary>The matter, or null with every problem found.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="file">Names the file in errors; its name (without .json) must be the matter's code.</param>
    public static MatterReadResult Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var errors = new List<DefinitionError>();
        JsonDocument document;
        try
        {
            document = StrictJson.Parse(text);
        }
        catch (StrictJsonException ex)
        {
            return new MatterReadResult(null, [new DefinitionError(file, ex.JsonPath, ex.Code, ex.Message)], null);
        }
        using var _ = document;
        var walk = new Walk(file, errors);
        var matter = walk.Matter(document.RootElement);
        return new MatterReadResult(errors.Count == 0 ? matter : null, errors, walk.Binding);
    }

    /// <summary>Reads a file from disk (refused unreadable files are one error at <c>$</c>).</summary>
    public static MatterReadResult ReadFile(string file)
    {
        try
        {
            return Read(JsonFiles.ReadText(file), file);
        }
        catch (UnreadableFileException ex)
        {
            return new MatterReadResult(null, [new DefinitionError(file, "$", "unreadable-file", ex.Reason)], null);
        }
    }

    private sealed class Walk(string file, List<DefinitionError> errors)
    {
        /// <summary>The binding when it could be read, even if other fields could not.</summary>
        public ProcedureBinding? Binding { get; private set; }

        public Matter? Matter(JsonElement root)
        {
            if (!Object(root, "$", ["code", "name", "department", "procedure", "legalLimitWorkingDays", "promisedLimitWorkingDays", "materials", "commitment", "licence", "legalBasis", "form"],
                    ["code", "name", "department", "procedure", "legalLimitWorkingDays", "promisedLimitWorkingDays", "materials", "commitment", "legalBasis"]))
                return null;
            var code = Slug(root, "$", "code");
            var expected = Path.GetFileNameWithoutExtension(file);
            if (code is not null && code != expected)
                Error("$.code", "code-not-file-name", $"the code '{code}' is not the file's name '{expected}' (matters/<code>.json)");
            var name = Name(Prop(root, "name"), "$.name");
            var department = Slug(root, "$", "department");
            var procedure = Binding = ReadBinding(Prop(root, "procedure"), "$.procedure");
            var legal = Integer(root, "$", "legalLimitWorkingDays", 1, MatterVocabulary.MaxLegalLimit);
            var promised = Integer(root, "$", "promisedLimitWorkingDays", 1, MatterVocabulary.MaxLegalLimit);
            if (legal is not null && promised is not null && promised >= legal)
                Error("$.promisedLimitWorkingDays", "promised-not-shorter",
                    $"the promised limit ({promised} working days) must be shorter than the legal limit ({legal} working days)");
            var materials = Materials(Prop(root, "materials"), "$.materials");
            var commitment = Commitment(Prop(root, "commitment"), "$.commitment");
            if (commitment is { Offered: false } && materials is not null)
            {
                for (var i = 0; i < materials.Count; i++)
                {
                    if (materials[i].ReplaceableByCommitment)
                        Error($"$.materials[{i}].replaceableByCommitment", "commitment-not-offered",
                            $"material '{materials[i].Code}' is replaceable by a commitment, but the matter does not offer 告知承诺 ($.commitment.offered is false)");
                }
            }
            var licence = root.TryGetProperty("licence", out var l) && l.ValueKind != JsonValueKind.Null ? Licence(l, "$.licence") : null;
            var basis = Bases(Prop(root, "legalBasis"), "$.legalBasis");
            var form = root.TryGetProperty("form", out var f) && f.ValueKind != JsonValueKind.Null ? Form(f, "$.form") : null;
            if (code is null || name is null || department is null || procedure is null || legal is null || promised is null
                || materials is null || commitment is null || basis is null || errors.Count > 0)
                return null;
            return new Matter(code, name, department, procedure, legal.Value, promised.Value, materials, commitment, licence, basis, form);
        }

        private ProcedureBinding? ReadBinding(JsonElement element, string path)
        {
            if (!Object(element, path, ["definitionId", "version", "inputs"], ["definitionId"])) return null;
            var id = Slug(element, path, "definitionId");
            int? version = null;
            if (element.TryGetProperty("version", out var v) && v.ValueKind != JsonValueKind.Null)
                version = Integer(element, path, "version", 1, int.MaxValue);
            JsonObject? inputs = null;
            if (element.TryGetProperty("inputs", out var i) && i.ValueKind != JsonValueKind.Null)
            {
                if (i.ValueKind != JsonValueKind.Object)
                    Error($"{path}.inputs", "wrong-type", $"expected an object of procedure variables, found {i.ValueKind.ToString().ToLowerInvariant()}");
                else
                {
                    foreach (var reserved in i.EnumerateObject().Where(p => ProcedureBinding.ReservedInputs.Contains(p.Name)))
                        Error($"{path}.inputs.{reserved.Name}", "reserved-input",
                            $"'{reserved.Name}' is set by CloudApproval for every case ({(reserved.Name == "department" ? "the matter's department" : "the applicant's application")}); a matter cannot set it");
                    inputs = JsonNode.Parse(i.GetRawText())!.AsObject();
                }
            }
            return id is null ? null : new ProcedureBinding(id, version, inputs);
        }

        private List<MatterMaterial>? Materials(JsonElement element, string path)
        {
            if (!Array(element, path, minItems: 1)) return null;
            var materials = new List<MatterMaterial>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                var at = $"{path}[{i}]";
                var material = Material(item, at);
                if (material is not null)
                {
                    if (seen.TryGetValue(material.Code, out var first))
                        Error($"{at}.code", "duplicate-material", $"the material code '{material.Code}' is already used by {path}[{first}]");
                    else seen[material.Code] = i;
                    materials.Add(material);
                }
                i++;
            }
            return materials.Count == i ? materials : null;
        }

        private MatterMaterial? Material(JsonElement element, string path)
        {
            if (!Object(element, path, ["code", "name", "key", "deferrable", "replaceableByCommitment", "satisfiedByELicence", "fileTypes", "maxSizeMb"],
                    ["code", "name", "key", "deferrable", "replaceableByCommitment", "fileTypes", "maxSizeMb"]))
                return null;
            var code = Slug(element, path, "code");
            var name = Name(Prop(element, "name"), $"{path}.name");
            var key = Boolean(element, path, "key");
            var deferrable = Boolean(element, path, "deferrable");
            var replaceable = Boolean(element, path, "replaceableByCommitment");
            // 容缺 defers only minor materials: a key material decides the substance and must be there at acceptance.
            if (key == true && deferrable == true)
                Error($"{path}.deferrable", "deferrable-key-material", $"material '{code}' is key and so cannot be deferrable under 容缺");
            string? eLicence = null;
            if (element.TryGetProperty("satisfiedByELicence", out var e) && e.ValueKind != JsonValueKind.Null)
                eLicence = Slug(element, path, "satisfiedByELicence");
            var types = FileTypes(Prop(element, "fileTypes"), $"{path}.fileTypes");
            var size = Integer(element, path, "maxSizeMb", 1, MatterVocabulary.MaxSizeMb);
            return code is null || name is null || key is null || deferrable is null || replaceable is null || types is null || size is null
                ? null
                : new MatterMaterial(code, name, key.Value, deferrable.Value, replaceable.Value, eLicence, types, size.Value);
        }

        private List<string>? FileTypes(JsonElement element, string path)
        {
            if (!Array(element, path, minItems: 1)) return null;
            var types = new List<string>();
            var ok = true;
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                var at = $"{path}[{i++}]";
                if (item.ValueKind != JsonValueKind.String) { ok = false; Error(at, "wrong-type", "expected a file type (string)"); continue; }
                var type = item.GetString()!;
                if (!MatterVocabulary.FileTypes.Contains(type))
                {
                    ok = false;
                    Error(at, "unknown-file-type", $"unknown file type '{type}'; known: {string.Join(", ", MatterVocabulary.FileTypes)}");
                }
                else if (types.Contains(type)) { ok = false; Error(at, "duplicate-file-type", $"the file type '{type}' is listed twice"); }
                else types.Add(type);
            }
            return ok ? types : null;
        }

        private CommitmentTerms? Commitment(JsonElement element, string path)
        {
            if (!Object(element, path, ["offered", "excludedApplicants"], ["offered", "excludedApplicants"])) return null;
            var offered = Boolean(element, path, "offered");
            var list = Prop(element, "excludedApplicants");
            if (!Array(list, $"{path}.excludedApplicants", minItems: 0) || offered is null) return null;
            var excluded = new List<string>();
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"{path}.excludedApplicants[{i++}]";
                var value = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
                if (value is null || !MatterVocabulary.Exclusions.Contains(value))
                    Error(at, "unknown-exclusion", $"unknown exclusion {(value is null ? "(not a string)" : $"'{value}'")}; known: {string.Join(", ", MatterVocabulary.Exclusions)}");
                else if (excluded.Contains(value)) Error(at, "duplicate-exclusion", $"'{value}' is listed twice");
                else excluded.Add(value);
            }
            if (offered.Value)
            {
                foreach (var always in MatterVocabulary.AlwaysExcluded.Where(a => !excluded.Contains(a)))
                    Error($"{path}.excludedApplicants", "missing-exclusion",
                        $"'{always}' must be excluded wherever 告知承诺 is offered (applicants with serious bad credit or an earlier false commitment may not use it)");
            }
            else if (excluded.Count > 0)
                Error($"{path}.excludedApplicants", "exclusion-without-commitment", "the matter does not offer 告知承诺, so nobody can be excluded from it: leave the list empty");
            return new CommitmentTerms(offered.Value, excluded);
        }

        private LicenceIssued? Licence(JsonElement element, string path)
        {
            if (!Object(element, path, ["type", "name", "validityYears", "validityMonths", "prefix"], ["type", "name"])) return null;
            string? prefix = null;
            if (element.TryGetProperty("prefix", out var p))
            {
                prefix = p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                if (prefix is null || !IsPrefix(prefix))
                {
                    Error($"{path}.prefix", "invalid-prefix", "the licence number prefix is 1 to 8 upper-case letters (A-Z), e.g. SP");
                    prefix = null;
                }
            }
            var type = Slug(element, path, "type");
            var name = Name(Prop(element, "name"), $"{path}.name");
            var hasYears = element.TryGetProperty("validityYears", out _);
            var hasMonths = element.TryGetProperty("validityMonths", out _);
            if (hasYears == hasMonths)
            {
                Error(path, "validity", "give the validity as exactly one of validityYears and validityMonths");
                return null;
            }
            var years = hasYears ? Integer(element, path, "validityYears", 1, 50) : null;
            var months = hasMonths ? Integer(element, path, "validityMonths", 1, 600) : null;
            return type is null || name is null || (years is null && months is null) ? null : new LicenceIssued(type, name, years, months, prefix);
        }

        private List<LegalBasis>? Bases(JsonElement element, string path)
        {
            if (!Array(element, path, minItems: 1)) return null;
            var bases = new List<LegalBasis>();
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                var at = $"{path}[{i++}]";
                if (!Object(item, at, ["title", "article"], ["title", "article"])) continue;
                var title = Text(item, at, "title");
                var article = Text(item, at, "article");
                if (title is not null && article is not null) bases.Add(new LegalBasis(title, article));
            }
            return bases.Count == i ? bases : null;
        }

        private MatterForm? Form(JsonElement element, string path)
        {
            if (!Object(element, path, ["fields"], ["fields"])) return null;
            var fieldsPath = $"{path}.fields";
            if (!Array(Prop(element, "fields"), fieldsPath, minItems: 1)) return null;
            var fields = new List<MatterField>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var i = 0;
            foreach (var item in Prop(element, "fields").EnumerateArray())
            {
                var at = $"{fieldsPath}[{i}]";
                var field = Field(item, at);
                if (field is not null)
                {
                    if (seen.TryGetValue(field.Key, out var first))
                        Error($"{at}.key", "duplicate-field", $"the field key '{field.Key}' is already used by {fieldsPath}[{first}]");
                    else seen[field.Key] = i;
                    fields.Add(field);
                }
                i++;
            }
            return fields.Count == i ? new MatterForm(fields) : null;
        }

        private MatterField? Field(JsonElement element, string path)
        {
            if (!Object(element, path, ["key", "label", "type", "required", "maxLength", "pattern", "min", "max", "options", "help"], ["key", "label", "type", "required"]))
                return null;
            var key = Text(element, path, "key");
            if (key is not null && !IsFieldKey(key))
            {
                Error($"{path}.key", "not-a-field-key", $"'{key}' is not a field key (a letter, then letters and digits, e.g. premisesAddress)");
                key = null;
            }
            var label = Name(Prop(element, "label"), $"{path}.label");
            var type = Text(element, path, "type");
            if (type is not null && !MatterFieldTypes.All.Contains(type))
            {
                Error($"{path}.type", "unknown-type", $"unknown field type '{type}'; known: {string.Join(", ", MatterFieldTypes.All)}");
                type = null;
            }
            var required = Boolean(element, path, "required");
            var help = Has(element, "help") ? Name(Prop(element, "help"), $"{path}.help") : null;
            var ok = key is not null && label is not null && type is not null && required is not null && (!Has(element, "help") || help is not null);
            // Each constraint belongs to one kind of field: one set on another kind would silently check nothing.
            int? maxLength = null;
            string? pattern = null;
            if (Has(element, "maxLength"))
            {
                maxLength = Integer(element, path, "maxLength", 1, MatterFieldTypes.MaxTextLength);
                ok &= maxLength is not null & OnlyFor(type, MatterFieldTypes.IsText, path, "maxLength", "text and multiline");
            }
            if (Has(element, "pattern"))
            {
                pattern = Text(element, path, "pattern");
                if (pattern is not null && PatternProblem(pattern) is { } problem)
                {
                    Error($"{path}.pattern", "invalid-pattern", $"'{pattern}' is not a valid regular expression: {problem}");
                    pattern = null;
                }
                ok &= pattern is not null & OnlyFor(type, MatterFieldTypes.IsText, path, "pattern", "text and multiline");
            }
            decimal? min = null, max = null;
            if (Has(element, "min"))
            {
                min = Decimal(element, path, "min");
                ok &= min is not null & OnlyFor(type, t => t == MatterFieldTypes.Number, path, "min", "number");
            }
            if (Has(element, "max"))
            {
                max = Decimal(element, path, "max");
                ok &= max is not null & OnlyFor(type, t => t == MatterFieldTypes.Number, path, "max", "number");
            }
            if (min is not null && max is not null && min > max)
            {
                Error($"{path}.max", "max-below-min", $"max ({max}) is below min ({min})");
                ok = false;
            }
            List<MatterFieldOption>? options = null;
            if (type == MatterFieldTypes.Select)
            {
                if (!Has(element, "options"))
                {
                    Error($"{path}.options", "options-required", $"select field '{key}' needs options (at least one value with its label)");
                    ok = false;
                }
                else
                {
                    options = Options(Prop(element, "options"), $"{path}.options");
                    ok &= options is not null;
                }
            }
            else if (Has(element, "options") && type is not null)
            {
                Error($"{path}.options", "options-not-allowed", $"only a select field has options; '{key}' is {type}");
                ok = false;
            }
            return ok ? new MatterField(key!, label!, type!, required!.Value, maxLength, pattern, min, max, options, help) : null;
        }

        private List<MatterFieldOption>? Options(JsonElement element, string path)
        {
            if (!Array(element, path, minItems: 1)) return null;
            var options = new List<MatterFieldOption>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                var at = $"{path}[{i}]";
                if (Object(item, at, ["value", "label"], ["value", "label"]))
                {
                    var value = Text(item, at, "value");
                    var label = Name(Prop(item, "label"), $"{at}.label");
                    if (value is not null && seen.TryGetValue(value, out var first))
                        Error($"{at}.value", "duplicate-option", $"the option value '{value}' is already used by {path}[{first}]");
                    else if (value is not null) seen[value] = i;
                    if (value is not null && label is not null) options.Add(new MatterFieldOption(value, label));
                }
                i++;
            }
            return options.Count == i && seen.Count == i ? options : null;
        }

        private bool OnlyFor(string? type, Func<string, bool> allowed, string path, string name, string kinds)
        {
            if (type is null || allowed(type)) return true;
            Error($"{path}.{name}", "constraint-not-allowed", $"'{name}' applies to {kinds} fields, not to a {type} field");
            return false;
        }

        private decimal? Decimal(JsonElement parent, string path, string name)
        {
            var element = Prop(parent, name);
            if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value)) return value;
            Error($"{path}.{name}", "wrong-type", $"expected a number, found {Kind(element)}");
            return null;
        }

        private static bool Has(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

        private static bool IsFieldKey(string key) => key.Length <= 64 && char.IsAsciiLetterLower(key[0]) && key.All(char.IsAsciiLetterOrDigit);

        /// <summary>Null when the pattern compiles as the server will run it (with a time limit against catastrophic backtracking).</summary>
        private static string? PatternProblem(string pattern)
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
                return null;
            }
            catch (ArgumentException ex)
            {
                return ex.Message;
            }
        }

        private MatterName? Name(JsonElement element, string path)
        {
            if (!Object(element, path, ["zh", "en"], ["zh", "en"])) return null;
            var zh = Text(element, path, "zh");
            var en = Text(element, path, "en");
            return zh is null || en is null ? null : new MatterName(zh, en);
        }

        /// <summary>Checks an object's fields: unknown ones and missing required ones are errors.</summary>
        private bool Object(JsonElement element, string path, string[] known, string[] required)
        {
            if (element.ValueKind == JsonValueKind.Undefined) return false;
            if (element.ValueKind != JsonValueKind.Object)
            {
                Error(path, "wrong-type", $"expected an object, found {Kind(element)}");
                return false;
            }
            foreach (var property in element.EnumerateObject())
            {
                if (known.Contains(property.Name)) continue;
                // Reported, but the rest is still checked: one run lists every problem.
                Error(path + StrictJsonPath.Segment(property.Name), "unknown-field", $"unknown field '{property.Name}'; known: {string.Join(", ", known)}");
            }
            // Reported here once; each reader of a missing field then answers null without a second error.
            foreach (var name in required.Where(r => !element.TryGetProperty(r, out _)))
                Error(path + StrictJsonPath.Segment(name), "missing-field", $"required field '{name}' is missing");
            return true;
        }

        private bool Array(JsonElement element, string path, int minItems)
        {
            if (element.ValueKind == JsonValueKind.Undefined) return false;
            if (element.ValueKind != JsonValueKind.Array)
            {
                Error(path, "wrong-type", $"expected an array, found {Kind(element)}");
                return false;
            }
            if (element.GetArrayLength() >= minItems) return true;
            Error(path, "empty", $"needs at least {minItems} item(s)");
            return false;
        }

        private string? Text(JsonElement parent, string path, string name)
        {
            var element = Prop(parent, name);
            if (element.ValueKind == JsonValueKind.Undefined) return null;
            if (element.ValueKind == JsonValueKind.String && element.GetString()!.Trim().Length > 0) return element.GetString()!;
            Error($"{path}.{name}", element.ValueKind == JsonValueKind.String ? "empty" : "wrong-type", "expected non-blank text");
            return null;
        }

        private static bool IsPrefix(string text) => text.Length is >= 1 and <= 8 && text.All(ch => ch is >= 'A' and <= 'Z');

        private string? Slug(JsonElement parent, string path, string name)
        {
            var text = Text(parent, path, name);
            if (text is null || ProcedureValidator.IsSlug(text)) return text;
            Error($"{path}.{name}", "not-a-slug", $"'{text}' is not a lower-case slug (letters, digits and single hyphens, e.g. food-business-licence)");
            return null;
        }

        private bool? Boolean(JsonElement parent, string path, string name)
        {
            var element = Prop(parent, name);
            if (element.ValueKind == JsonValueKind.Undefined) return null;
            if (element.ValueKind is JsonValueKind.True or JsonValueKind.False) return element.GetBoolean();
            Error($"{path}.{name}", "wrong-type", $"expected true or false, found {Kind(element)}");
            return null;
        }

        private int? Integer(JsonElement parent, string path, string name, int min, int max)
        {
            var element = Prop(parent, name);
            if (element.ValueKind == JsonValueKind.Undefined) return null;
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
            {
                Error($"{path}.{name}", "wrong-type", $"expected a whole number, found {(element.ValueKind == JsonValueKind.Number ? element.GetRawText() : Kind(element))}");
                return null;
            }
            if (value >= min && value <= max) return value;
            Error($"{path}.{name}", "out-of-range", $"{value} is not between {min} and {max}");
            return null;
        }

        /// <summary>The field, or an undefined element when it is missing (reported by <see cref="Object"/> if required).</summary>
        private static JsonElement Prop(JsonElement parent, string name) => parent.TryGetProperty(name, out var element) ? element : default;

        private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

        private void Error(string path, string code, string message) => errors.Add(new DefinitionError(file, path, code, message));
    }
}

/// <summary>
/// What <see cref="MatterReader"/> found: the matter when valid, else every problem; and the procedure binding whenever it
/// could be read, so that an unknown procedure is reported beside the file's other problems.
/// </summary>
public sealed record MatterReadResult(Matter? Matter, IReadOnlyList<DefinitionError> Errors, ProcedureBinding? Binding);

/// <summary>JSON path segments written as the strict reader writes them.</summary>
internal static class StrictJsonPath
{
    public static string Segment(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$') && !char.IsAsciiDigit(name[0])
            ? "." + name
            : $"['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
}
