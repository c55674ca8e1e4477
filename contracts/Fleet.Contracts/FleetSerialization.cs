using System.Reflection;
using Fleet.Compliance.Facts;
using Fleet.Query;
using Orleans.Serialization;

namespace Fleet.Contracts;

public static class FleetSerialization
{
    /// <summary>
    /// The compliance and query libraries are plain .NET (the agent uses the compliance library without Orleans), so
    /// their records cross grain boundaries as System.Text.Json — except the query library's types marked
    /// <see cref="GenerateSerializerAttribute"/> (the filter AST), which have generated codecs.
    /// Every silo and every client must call this.
    /// </summary>
    public static ISerializerBuilder AddFleetLibraries(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(isSupported: type =>
            type.Assembly == typeof(DeviceFacts).Assembly
            || (type.Assembly == typeof(QueryAssemblyMarker).Assembly && !IsGenerated(type)));

    private static bool IsGenerated(Type type) =>
        (type.IsGenericType ? type.GetGenericTypeDefinition() : type).GetCustomAttribute<GenerateSerializerAttribute>() is not null;
}
