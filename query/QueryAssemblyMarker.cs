namespace Fleet.Query;

/// <summary>Names this assembly for registrations that work per assembly (e.g. Orleans serialization).</summary>
public static class QueryAssemblyMarker;
