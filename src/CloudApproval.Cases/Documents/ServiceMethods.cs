using CloudApproval.Cases.Applicants;
using CloudApproval.Cases.Instances;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// How a notice is served (送达), decided when its document is issued. The applicant (or the parties, the applicant
/// among them) is served electronically only with consent covering the kind of document (电子送达 needs the addressee's
/// consent); otherwise the document waits to be served on paper. Alerts to staff and records sent to another organ
/// (the public credit platform) are delivered inside the system at issue.
/// </summary>
public static class ServiceMethods
{
    public const string Electronic = "electronic";
    public const string Offline = "offline";
    public const string Internal = "internal";

    /// <summary>
    /// Whether a notice is an official document at all: alerts the engine raises for staff (a task holder, the department
    /// head: the legal limit approaching, a suspension overrunning) are messages inside the system, not documents.
    /// </summary>
    public static bool IsDocument(string recipient) => !StaffRecipients.Contains(recipient);

    /// <summary>The recipients whose notices are messages to staff, not documents (an array, so queries can use it).</summary>
    public static readonly string[] StaffRecipients = ["assignee", "department-head"];

    /// <summary>Whether the notice is addressed to the applicant (and so theirs to read online).</summary>
    public static bool ToApplicant(string recipient) => recipient is "applicant" or "parties";

    /// <summary>The consent scope a template falls under (<see cref="EServiceScopes"/>).</summary>
    public static string ScopeOf(string template) => template switch
    {
        "licence" => EServiceScopes.Licences,
        "rectification-order" or "revocation-intent" or "verification-confirmed" or "false-commitment-record" => EServiceScopes.Enforcement,
        "non-acceptance" or "non-acceptance-other-organ" => EServiceScopes.Decisions,
        _ when template.EndsWith("-decision", StringComparison.Ordinal) => EServiceScopes.Decisions,
        _ => EServiceScopes.Notices,
    };

    /// <summary>The method, and whether the notice counts as delivered at issue.</summary>
    public static (string Method, bool DeliveredAtIssue) For(Notice notice, ApplicantProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!ToApplicant(notice.Recipient)) return (Internal, true);
        var consented = profile is { EServiceConsented: true }
            && profile.EServiceScope.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(ScopeOf(notice.Template));
        return consented ? (Electronic, true) : (Offline, false);
    }
}
