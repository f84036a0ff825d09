using Hangfire;
using Microsoft.Extensions.Logging;

namespace CloudApproval.Cases.Documents;

/// <summary>
/// Hands the notices a transition committed to the issue job. Called after commit: a failure here must not make the
/// caller think the transition failed; the sweep (at start and every few minutes) issues what was not enqueued.
/// </summary>
public sealed class DocumentQueue(IBackgroundJobClient jobs, ILogger<DocumentQueue> logger)
{
    public void Enqueue(IEnumerable<long> noticeIds)
    {
        ArgumentNullException.ThrowIfNull(noticeIds);
        try
        {
            foreach (var id in noticeIds) jobs.Enqueue<IssueDocuments>(job => job.IssueAsync(id, CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Notices committed but their documents not yet enqueued; the sweep will issue them");
        }
    }
}
