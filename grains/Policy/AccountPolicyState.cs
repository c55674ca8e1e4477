using Fleet.Contracts.Policy;

namespace Fleet.Grains.Policy;

/// <summary>
/// The account's policy and settings: a row of its own (state name <c>accountPolicy</c>), written only when
/// they change. Version 0 with no text is the empty policy.
/// </summary>
public sealed class AccountPolicyState
{
    public long Version { get; set; }
    public string Text { get; set; } = "";
    public string Format { get; set; } = PolicyFormat.Yaml;
    public string? CanonicalJson { get; set; }
    public DateTimeOffset? UpdatedOn { get; set; }
    public AccountSettings Settings { get; set; } = AccountSettings.Default;

    /// <summary>The newest this many policy versions are remembered with their times (audit evidence).</summary>
    public const int MaxVersionsKept = 1000;

    /// <summary>Policy versions and when they were stored, oldest first (empty in rows written before it existed).</summary>
    public List<PolicyVersion> Versions { get; set; } = [];

    /// <summary>A policy version whose re-evaluation fan-out has not finished; resumed on activation after a crash.</summary>
    public long? PendingReevaluation { get; set; }

    /// <summary>Settings devices must be told about (offline timeout), resumed like <see cref="PendingReevaluation"/>.</summary>
    public bool PendingSettingsPush { get; set; }
}
