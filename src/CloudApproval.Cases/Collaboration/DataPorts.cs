using CloudApproval.Cases.Instances;
using CloudApproval.Cases.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudApproval.Cases.Collaboration;

/// <summary>Answers an assistance item at once from data the system itself holds (信息共享, 材料免提交).</summary>
internal static class DataPorts
{
    public static async Task<string> AnswerAsync(CasesDbContext db, AssistanceDataPort port, string? applicant, DateOnly today, CancellationToken ct)
    {
        if (port.Kind != "licence-held") throw new CasesException("invalid-input", $"item: data port '{port.Kind}' is not known");
        if (applicant is null) return $"No: the requesting case records no applicant, so no {port.LicenceType} can be looked up";
        // The e-licence registry of this system: licences issued on the applicant's own cases (as ApplicationLicences reads them).
        var licences = await db.Licences.AsNoTracking()
            .Where(l => l.LicenceType == port.LicenceType && l.Status == LicenceStatus.Valid && db.Cases.Any(c => c.Id == l.CaseId && c.Applicant == applicant))
            .ToListAsync(ct);
        var held = licences.Where(l => l.EffectiveUntil >= today).OrderByDescending(l => l.EffectiveUntil).ThenBy(l => l.Number, StringComparer.Ordinal).FirstOrDefault();
        return held is null
            ? $"No: on {today:yyyy-MM-dd} {applicant} holds no valid {port.LicenceType} in the e-licence registry"
            : $"Yes: {applicant} holds {port.LicenceType} {held.Number}, valid until {held.EffectiveUntil:yyyy-MM-dd} (e-licence registry, {today:yyyy-MM-dd})";
    }
}
