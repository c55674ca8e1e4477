using Fleet.Contracts.Policy;

namespace Fleet.Grains.Policy;

/// <summary>
/// The account's policy and settings: a row of its own (state name <c>accountPolicy</c>), written only when
/// they change. Version 0 with no text is the empty policy.
/// </summary>
[GenerateSerializer, Alias("fleet.AccountPolicyState")]
public sealed class AccountPolicyState
{
    [Id(0)]
    public long Version { get; set; }
    [Id(1)]
    public string Text { get; set; } = "";
    [Id(2)]
    public string Format { get; set; } = PolicyFormat.Yaml;
    [Id(3)]
    public string? CanonicalJson { get; set; }
    [Id(4)]
    public DateTimeOffset? UpdatedOn { get; set; }
    [Id(5)]
    public AccountSettings Settings { get; set; } = AccountSettings.Default;

    /// <summary>The newest this many policy versions are remembered with their times (audit evidence).</summary>
    public const int MaxVersionsKept = 1000;

    /// <summary>Policy versions and when they were stored, oldest first (empty in rows written before it existed).</summary>
    [Id(6)]
    public List<PolicyVersion> Versions { get; set; } = [];

    /// <summary>A policy version whose re-evaluation fan-out has not finished; resumed on activation after a crash.</summary>
    [Id(7)]
    public long? PendingReevaluation { get; set; }

    /// <summary>Settings devices must be told about (offline timeout), resumed like <see cref="PendingReevaluation"/>.</summary>
    [Id(8)]
    public bool PendingSettingsPush { get; set; }
}
