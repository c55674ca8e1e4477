namespace Fleet.Compliance.Policy;

/// <summary>
/// Excuses one check for one device (by device id) or one person (by e-mail) until the end of
/// <see cref="Expires"/> (UTC). Exactly one of <see cref="Device"/> and <see cref="Person"/> is set.
/// </summary>
public sealed record Waiver(
    string Check,
    string? Device,
    string? Person,
    string Justification,
    DateOnly Expires)
{
    /// <summary>In effect through the whole expiry day in UTC, so "expires: 2026-03-31" still covers that day.</summary>
    public bool IsInEffect(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) <= Expires;

    public bool Covers(string deviceId, string? personEmail) =>
        Device is not null
            ? string.Equals(Device, deviceId, StringComparison.Ordinal)
            : Person is not null && personEmail is not null
              && string.Equals(Person, personEmail, StringComparison.OrdinalIgnoreCase);
}
