using System.Globalization;
using CloudApproval.Cases.Instances;
using CloudApproval.Engine.Runtime;
using Microsoft.Extensions.Localization;

namespace CloudApproval.Web.Components.Workspaces;

/// <summary>The legal clock in one sentence, as an applicant reads it: "decision due by 2026-12-28; the clock is suspended for the hearing".</summary>
internal static class ClockWords
{
    public static string Sentence(LegalClockView? clock, IStringLocalizer<WorkspaceText> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (clock is null) return words["ClockNotStarted"];
        var culture = CultureInfo.CurrentCulture;
        return clock.Status switch
        {
            ClockStatus.Stopped => string.Format(culture, words["ClockSentenceStopped"], Times.Day(clock.StoppedOn)),
            ClockStatus.Suspended => string.Format(culture, words["ClockSentenceSuspended"],
                clock.Suspensions.LastOrDefault(s => s.To is null)?.Reason ?? "", Times.Day(clock.Suspensions.Count > 0 ? clock.Suspensions[^1].From : null)),
            _ => string.Format(culture, words[clock.ExtensionWorkingDays > 0 ? "ClockSentenceExtended" : "ClockSentenceRunning"],
                Times.Day(clock.DueDate), clock.WorkingDaysLeft, clock.ExtensionWorkingDays),
        };
    }
}
