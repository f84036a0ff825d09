using System.Globalization;
using System.Text.Json;
using CloudApproval.Engine.Json;

namespace CloudApproval.Engine.Calendar;

/// <summary>Reads calendar data files (<c>workflows/calendars/cn-&lt;year&gt;.json</c>).</summary>
public static class CalendarFiles
{
    /// <summary>Loads every <c>*.json</c> calendar in a folder.</summary>
    /// <exception cref="CalendarFileException">A file is malformed; the message names the file and the field.</exception>
    public static WorkingCalendar LoadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new CalendarFileException($"{folder}: calendar folder not found");
        var listing = JsonFiles.List(folder, "*.json", depth: 0);
        // A calendar left out would silently move legal due dates: refuse rather than skip.
        if (listing.Skipped.Count > 0) throw new CalendarFileException(listing.Skipped[0]);
        var years = listing.Files.Select(Load).ToList();
        var duplicate = years.GroupBy(y => y.Year).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new CalendarFileException($"{folder}: two calendar files for {duplicate.Key}");
        return new WorkingCalendar(years);
    }

    /// <summary>Reads one calendar file.</summary>
    public static CalendarYear Load(string path)
    {
        try
        {
            return Parse(JsonFiles.ReadText(path), path);
        }
        catch (UnreadableFileException ex)
        {
            throw new CalendarFileException(ex.Message);
        }
    }

    /// <summary>Parses a calendar file's text; <paramref name="file"/> names it in errors.</summary>
    public static CalendarYear Parse(string json, string file)
    {
        JsonDocument doc;
        try
        {
            doc = StrictJson.Parse(json);
        }
        catch (StrictJsonException ex)
        {
            throw new CalendarFileException($"{file}: {ex.Describe()}");
        }
        using var _ = doc;
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new CalendarFileException($"{file}: $: expected an object");
        // TryGetInt32 throws rather than answers false on a non-number, which would lose the file and field.
        if (!root.TryGetProperty("year", out var yearElement) || yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out var year))
            throw new CalendarFileException($"{file}: $.year: required integer");
        var source = root.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        var off = Days(root, "daysOff", year, file);
        var extra = Days(root, "extraWorkingDays", year, file);
        var clash = off.Select(d => d.Date).Intersect(extra.Select(d => d.Date)).FirstOrDefault();
        if (clash != default) throw new CalendarFileException($"{file}: {clash:yyyy-MM-dd} is both a day off and a working day");
        return new CalendarYear(year, source, off, extra);
    }

    private static List<CalendarDay> Days(JsonElement root, string property, int year, string file)
    {
        if (!root.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
            throw new CalendarFileException($"{file}: $.{property}: required array");
        var days = new List<CalendarDay>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"$.{property}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("date", out var d) || d.ValueKind != JsonValueKind.String)
                throw new CalendarFileException($"{file}: {path}.date: required date yyyy-MM-dd");
            if (!DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new CalendarFileException($"{file}: {path}.date: '{d.GetString()}' is not a date yyyy-MM-dd");
            if (date.Year != year)
                throw new CalendarFileException($"{file}: {path}.date: {date:yyyy-MM-dd} is not in {year}");
            var name = item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
            days.Add(new CalendarDay(date, name));
        }
        return days;
    }
}

/// <summary>A calendar file that cannot be used; the message names the file and the field.</summary>
public sealed class CalendarFileException(string message) : Exception(message);
