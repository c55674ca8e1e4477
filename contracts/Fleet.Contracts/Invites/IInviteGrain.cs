namespace Fleet.Contracts.Invites;

/// <summary>
/// One invite, keyed by <see cref="InviteCodes.InviteId"/> (the SHA-256 of its code; the code itself is never stored).
/// Redeeming it enrolls a device; the grain serializes redemptions, so two machines racing one code cannot both win.
/// </summary>
public interface IInviteGrain : IGrainWithStringKey
{
    /// <summary>Creates the invite once; expiry is creation time (the silo's clock) plus <paramref name="lifetime"/>.</summary>
    Task<InviteInfo> Create(string accountId, string email, TimeSpan lifetime);

    /// <summary>The invite, or null when no invite has this code.</summary>
    [ReadOnly]
    Task<InviteInfo?> Get();

    /// <summary>
    /// Enrolls the device described by <paramref name="request"/> with this invite: links Person, Device and
    /// HostAgent, records the token hash as the device's current token and marks the invite used. The same
    /// machine redeeming the same invite again (a lost response, a reinstall) gets the same device back.
    /// </summary>
    Task<Enrollment> Redeem(EnrollmentRequest request);
}
