using Fleet.Compliance.Facts;
using Fleet.Query;
using Orleans.Serialization;

namespace Fleet.Contracts;

public static class FleetSerialization
{
    /// <summary>
    /// The compliance and query libraries are plain .NET (the agent uses them without Orleans), so their
    /// records carry no Orleans attributes; they cross grain boundaries as System.Text.Json.
    /// Every silo and every client must call this.
    /// </summary>
    public static ISerializerBuilder AddFleetLibraries(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(isSupported: type =>
            type.Assembly == typeof(DeviceFacts).Assembly || type.Assembly == typeof(QueryAssemblyMarker).Assembly);
}
