using Fleet.Compliance.Evidence;
using Fleet.Compliance.Policy;
using Fleet.Contracts.Policy;

namespace Fleet.Gateway.Evidence;

/// <summary>What the printable evidence report shows: the JSON export's numbers plus the names and policy context around them.</summary>
public sealed record EvidenceDocument(
    string AccountName,
    DateTimeOffset GeneratedOn,
    EvidenceReport Report,
    IReadOnlyList<PolicyVersion> PolicyVersions,
    IReadOnlyList<Waiver> Waivers,
    IReadOnlyDictionary<string, string> Hostnames)
{
    /// <summary>The versions in force during the period: the last one stored before it began, then every one stored inside it.</summary>
    public IReadOnlyList<(PolicyVersion Version, DateTimeOffset? Until)> VersionsInForce()
    {
        var ordered = PolicyVersions.OrderBy(v => v.StoredOn).ToList();
        var result = new List<(PolicyVersion, DateTimeOffset?)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            DateTimeOffset? until = i + 1 < ordered.Count ? ordered[i + 1].StoredOn : null;
            if (ordered[i].StoredOn < Report.To && (until is null || until > Report.From))
                result.Add((ordered[i], until));
        }
        return result;
    }
}
