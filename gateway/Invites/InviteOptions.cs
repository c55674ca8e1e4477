namespace Fleet.Gateway.Invites;

/// <summary>Section <c>Fleet:Invites</c>.</summary>
public sealed class InviteOptions
{
    public const string Section = "Fleet:Invites";

    /// <summary>Addresses per <c>POST /invites</c>.</summary>
    public const int MaxPerRequest = 500;

    /// <summary>How long a code can be used (<c>7.00:00:00</c> by default; any TimeSpan text, e.g. <c>2.00:00:00</c> or <c>00:30:00</c>).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Pending (unused, unexpired) invites an account may hold at once.</summary>
    public int MaxPendingPerAccount { get; set; } = 20_000;
}
