namespace Fleet.Compliance.Evaluation;

/// <summary>
/// The policy waiver that excused a check result. Its <see cref="Device"/> or <see cref="Person"/>
/// says which way it matched; it stops applying after <see cref="Expires"/> (UTC).
/// </summary>
public sealed record CheckWaiver(
    string Justification,
    DateOnly Expires,
    string? Device,
    string? Person);
