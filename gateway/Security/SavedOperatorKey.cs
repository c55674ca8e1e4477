namespace Fleet.Gateway.Security;

/// <summary>
/// Registered only on the start that generated the operator key: where it was saved, for the start-up banner.
/// The key itself is never printed or logged.
/// </summary>
public sealed record SavedOperatorKey(string Path);
