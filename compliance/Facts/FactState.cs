namespace Fleet.Compliance.Facts;

/// <summary>What an agent could establish about one setting. Never a bare bool: "could not read" is a state.</summary>
public enum FactState
{
    /// <summary>The agent tried and could not tell (permission, missing tool, timeout). Carries a reason.</summary>
    Unknown = 0,
    On = 1,
    Off = 2,
    /// <summary>The setting does not exist on this platform (e.g. no screen lock on a headless server).</summary>
    Unsupported = 3,
}
