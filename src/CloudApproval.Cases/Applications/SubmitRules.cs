using CloudApproval.Cases.Matters;

namespace CloudApproval.Cases.Applications;

/// <summary>
/// Which materials a submission may lack. Key materials and the proofs a commitment could replace are required; a
/// material the matter lets be deferred (容缺) may come later; one replaceable by a commitment is waived when the applicant
/// chose 告知承诺. Other materials (a power of attorney, needed only through an agent) are optional here.
/// </summary>
public static class SubmitRules
{
    public static MaterialCheck Check(Matter matter, IReadOnlySet<string> present, bool commitment)
    {
        ArgumentNullException.ThrowIfNull(matter);
        ArgumentNullException.ThrowIfNull(present);
        var deferred = new List<string>();
        var waived = new List<string>();
        var missing = new List<MatterMaterial>();
        foreach (var material in matter.Materials.Where(m => !present.Contains(m.Code)))
        {
            if (commitment && material.ReplaceableByCommitment) waived.Add(material.Code);
            else if (material.Deferrable) deferred.Add(material.Code);
            else if (material.Key || material.ReplaceableByCommitment) missing.Add(material);
        }
        return new MaterialCheck(missing, deferred, waived);
    }
}

/// <summary>The materials missing (submission refused), deferred (容缺) and waived by the commitment.</summary>
public sealed record MaterialCheck(IReadOnlyList<MatterMaterial> Missing, IReadOnlyList<string> Deferred, IReadOnlyList<string> WaivedByCommitment);
