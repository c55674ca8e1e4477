namespace Fleet.Grains.Accounts;

public sealed class ApiKeyState
{
    public string? AccountId { get; set; }

    /// <summary>The key's id in its account's key list; null for a key assigned before keys had ids (adopted on first use).</summary>
    public string? KeyId { get; set; }

    public DateTimeOffset? LastUsedOn { get; set; }
}
