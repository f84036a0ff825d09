using System.Diagnostics;

namespace CloudApproval.Cases.Audit;

/// <summary>
/// The whole-system verification report an auditor signs off: every case's chain and rows, every stored definition's
/// hash, and the cross-table consistency check, with the first broken link of each broken case named.
/// </summary>
public sealed class SystemVerification(AuditVerifier verifier, ConsistencyCheck consistency, TimeProvider time)
{
    public async Task<SystemVerificationReport> RunAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var started = Stopwatch.GetTimestamp();
        var at = time.GetUtcNow();
        var cases = await verifier.VerifyAllAsync(actor, cancellationToken);
        var definitions = await verifier.VerifyDefinitionsAsync(cancellationToken);
        var problems = await consistency.RunAsync(actor, cancellationToken);
        var broken = cases.Where(c => !c.Intact).ToList();
        return new SystemVerificationReport(at, Stopwatch.GetElapsedTime(started), cases.Count, cases.Sum(c => (long)c.Entries),
            broken, definitions, problems);
    }
}

/// <summary>What the whole-system verification found.</summary>
/// <param name="At">When it ran.</param>
/// <param name="Took">How long it took.</param>
/// <param name="Cases">Cases verified.</param>
/// <param name="Entries">Audit entries verified.</param>
/// <param name="Broken">Cases whose chain or rows do not verify, each with its first broken link and why.</param>
/// <param name="Definitions">Definition versions whose text no longer has the hash recorded at import.</param>
/// <param name="Inconsistencies">What the consistency check found, one sentence each.</param>
public sealed record SystemVerificationReport(
    DateTimeOffset At, TimeSpan Took, int Cases, long Entries,
    IReadOnlyList<AuditVerification> Broken, IReadOnlyList<string> Definitions, IReadOnlyList<string> Inconsistencies)
{
    public bool Intact => Broken.Count == 0 && Definitions.Count == 0 && Inconsistencies.Count == 0;
}
