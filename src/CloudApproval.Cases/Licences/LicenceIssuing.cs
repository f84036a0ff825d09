using System.Text.Json;
using System.Text.Json.Nodes;
using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Documents;
using CloudApproval.Cases.Hosting;
using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Matters;
using CloudApproval.Cases.Persistence;
using CloudApproval.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Licences;

/// <summary>
/// Stages, inside the transition that runs an IssueLicence activity, everything an issued licence is: its number from the
/// prefix's yearly sequence, its holder (the case's applicant and their profile), matter, scope and validity, the
/// canonical content sealed with the issuing department's e-seal, its delivery when the holder consented to electronic
/// service, and its renewal timers. A renewal's licence continues the one it renews (art. 50), which then ends the day
/// before. All in the case's one transaction.
/// </summary>
public sealed class LicenceIssuing(DepartmentSeals seals, CasesSettings settings)
{
    internal async Task<Licence> IssueAsync(CasesDbContext db, Case c, InstanceState state, CloudApproval.Engine.Runtime.LicenceIssued issued, DateTime now, List<LicenceReminder> reminders, CancellationToken ct)
    {
        var root = c.RootCaseId == c.Id ? c : await db.Cases.FindAsync([c.RootCaseId], ct);
        var rootState = root is null || root == c || root.StateJson.Length == 0 ? null : InstanceState.FromJson(root.StateJson);
        var application = Obj(state.Input["application"]) ?? Obj(rootState?.Input["application"]);
        var matter = await MatterOfAsync(db, Text(application?["matter"]), issued.LicenceType, ct);
        var department = Text(state.Variables["department"]) ?? Text(state.Input["department"]) ?? matter?.Department
            ?? throw new CasesException("invalid-input", $"case {c.Id}: activity '{issued.ActivityId}' issues a licence but the case names no department to seal it");
        var holder = root?.Applicant ?? c.Applicant;
        var profile = holder is null ? null : await db.ApplicantProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == holder, ct);
        var scope = Text(state.Variables["licenceScope"]) ?? Text(Obj(application?["data"])?["scope"]);
        var renewed = Text(application?["renews"]) is { } renews ? await db.Licences.SingleOrDefaultAsync(l => l.Number == renews, ct) : null;
        if (renewed is { Status: not LicenceStatus.Revoked, RenewedBy: null })
            issued = LicenceRenewal.Continuing(renewed, issued);
        else renewed = null;

        var prefix = matter?.Licence?.Prefix ?? DefaultPrefix(issued.LicenceType);
        var number = $"{prefix}-{issued.ValidFrom.Year}-{await NextAsync(db, prefix, issued.ValidFrom.Year, ct):D6}";
        var content = LicenceContent.Write(new LicenceContent(
            number,
            new LicenceHolder(profile?.Name ?? holder ?? "", profile is null ? null : profile.Kind == ApplicantKind.Enterprise ? profile.CreditCode : profile.IdNumber),
            matter is null ? null : new LicenceMatter(matter.Code, matter.Name.Zh, matter.Name.En),
            issued.LicenceType,
            matter?.Licence?.Name.Zh,
            scope,
            issued.ValidFrom,
            issued.ValidUntil,
            department,
            now));
        var seal = seals.Sign(department, LicenceContent.Bytes(content));
        var consented = profile is { EServiceConsented: true } && profile.EServiceScope.Split(',').Contains(EServiceScopes.Licences);
        var licence = new Licence
        {
            Number = number,
            CaseId = c.RootCaseId,
            LicenceType = issued.LicenceType,
            ValidFrom = issued.ValidFrom,
            ValidUntil = issued.ValidUntil,
            Status = LicenceStatus.Valid,
            IssuedAt = now,
            Holder = holder,
            HolderName = profile?.Name ?? holder,
            MatterCode = matter?.Code,
            Department = department,
            ContentJson = content,
            SealJson = JsonSerializer.Serialize(seal),
            // Served electronically at once to a holder who consented to electronic service of licences (电子送达).
            DeliveredAt = consented ? now : null,
            DeliveredBy = consented ? "e-service" : null,
        };
        db.Licences.Add(licence);
        foreach (var reminder in LicenceRenewal.Plan(licence, settings.LicenceReminderDays, now))
        {
            db.LicenceReminders.Add(reminder);
            reminders.Add(reminder);
        }
        if (renewed is not null) await LicenceRenewal.SupersedeAsync(db, renewed, licence, c.RootCaseId, now, ct);
        return licence;
    }

    /// <summary>
    /// The prefix when the matter names none, short like the ones matters name (at most 8 letters or digits): a type of one
    /// word upper-cased (<c>food</c>: FOOD), of several the initials of its words (<c>human-resources-service-licence</c>:
    /// HRSL). The whole type upper-cased outgrew the sequence's prefix column on server databases.
    /// </summary>
    internal static string DefaultPrefix(string licenceType)
    {
        var words = licenceType.Split(['-', '_', ' ', '.'], StringSplitOptions.RemoveEmptyEntries);
        var letters = words.Length == 1 ? words[0] : string.Concat(words.Select(w => w[0]));
        var prefix = new string(letters.Where(char.IsAsciiLetterOrDigit).Take(8).ToArray()).ToUpperInvariant();
        return prefix.Length > 0 ? prefix : "LIC";
    }

    /// <summary>The next number of the prefix's year: the sequence row is read and changed in this transaction.</summary>
    private static async Task<int> NextAsync(CasesDbContext db, string prefix, int year, CancellationToken ct)
    {
        // Local without detecting changes: a transaction starting hundreds of cases tracks thousands of rows, and a
        // sequence row's prefix and year never change once tracked.
        var auto = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        LicenceSequence? row;
        try
        {
            row = db.LicenceSequences.Local.SingleOrDefault(s => s.Prefix == prefix && s.Year == year);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = auto;
        }
        row ??= await db.LicenceSequences.SingleOrDefaultAsync(s => s.Prefix == prefix && s.Year == year, ct);
        if (row is null)
        {
            row = new LicenceSequence { Prefix = prefix, Year = year };
            db.LicenceSequences.Add(row);
        }
        row.Last++;
        row.RowVersion++;
        return row.Last;
    }

    /// <summary>The application's matter; else the one matter issuing this licence type (a case started without an application).</summary>
    private static async Task<Matter?> MatterOfAsync(CasesDbContext db, string? code, string licenceType, CancellationToken ct)
    {
        if (code is not null && await db.Matters.AsNoTracking().SingleOrDefaultAsync(m => m.Code == code, ct) is { } row) return MatterJson.Read(row.Json);
        var all = await db.Matters.AsNoTracking().Select(m => m.Json).ToListAsync(ct);
        var issuing = all.Select(MatterJson.Read).Where(m => m.Licence?.Type == licenceType).ToList();
        return issuing.Count == 1 ? issuing[0] : null;
    }

    private static JsonObject? Obj(JsonNode? node) => node as JsonObject;

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}
