namespace Fleet.Contracts.Invites;

/// <summary>One invite as stored: who it is for, in which account, until when, and which device used it.</summary>
[GenerateSerializer, Immutable, Alias("fleet.InviteInfo")]
public sealed record InviteInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Email,
    [property: Id(3)] DateTimeOffset CreatedOn,
    [property: Id(4)] DateTimeOffset ExpiresOn,
    [property: Id(5)] DateTimeOffset? UsedOn = null,
    [property: Id(6)] string? DeviceId = null)
{
    public InviteStatus StatusAt(DateTimeOffset now) =>
        UsedOn is not null ? InviteStatus.Used : now >= ExpiresOn ? InviteStatus.Expired : InviteStatus.Pending;
}

public enum InviteStatus
{
    Pending = 0,
    Used = 1,
    Expired = 2,
}

public static class InviteStatusWire
{
    public static string ToWire(this InviteStatus status) => status switch
    {
        InviteStatus.Used => "used",
        InviteStatus.Expired => "expired",
        _ => "pending",
    };
}
