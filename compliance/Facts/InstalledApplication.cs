namespace Fleet.Compliance.Facts;

public sealed record InstalledApplication(
    string Name,
    string? Version);
