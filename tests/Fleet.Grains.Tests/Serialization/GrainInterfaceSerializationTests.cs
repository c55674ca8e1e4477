using System.Reflection;
using Fleet.Contracts;
using Fleet.Contracts.Devices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Fleet.Grains.Tests.Serialization;

/// <summary>
/// Every type in every grain interface's signatures, serialised the way a call between two silos serialises it
/// (inside one silo Orleans only copies, so a type the serializer cannot read back passes every single-silo test).
/// The interfaces are found by reflection: a new method or type is covered without touching this test.
/// </summary>
public sealed class GrainInterfaceSerializationTests
{
    private static readonly Assembly[] GrainAssemblies = [typeof(IDeviceGrain).Assembly, typeof(Fleet.Grains.Hosting.FleetSiloExtensions).Assembly];

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddFleetLibraries())
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static TheoryData<string> CrossingTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in SignatureTypes().Keys.Order(StringComparer.Ordinal))
        {
            data.Add(type);
        }
        return data;
    }

    // The reflection finds the interfaces (a broken scan would make every other test here vacuous).
    [Fact]
    public void The_scan_finds_the_grain_interfaces_and_their_types()
    {
        var types = SignatureTypes();
        Assert.Contains(types, t => t.Value == typeof(Fleet.Compliance.Facts.DeviceFacts));
        Assert.Contains(types, t => t.Value == typeof(Fleet.Contracts.Graph.GraphWriteRequest));
        Assert.Contains(types, t => t.Value == typeof(Fleet.Contracts.Push.FleetEvent) || t.Value.IsAssignableTo(typeof(IEnumerable<Fleet.Contracts.Push.FleetEvent>)));
        Assert.True(types.Count > 40, $"only {types.Count} types found");
    }

    // A property value list (the type that failed between silos) comes back whole.
    [Fact]
    public void A_string_list_property_value_round_trips()
    {
        Fleet.Query.Evaluation.PropertyValue value = Fleet.Query.Evaluation.PropertyValue.List("a", "b \"c\"");
        var copy = Serializer.Deserialize<Fleet.Query.Evaluation.PropertyValue>(Serializer.SerializeToArray(value));
        Assert.Equal(value, copy);
    }

    // Each parameter and return type, with representative instances (every concrete type of an abstract member),
    // reads back equal, member by member.
    [Theory]
    [MemberData(nameof(CrossingTypes))]
    public void Every_grain_signature_type_round_trips_through_the_serializer(string typeName)
    {
        var type = SignatureTypes()[typeName];
        var samples = new SampleValues().For(type);
        var roundTrip = typeof(GrainInterfaceSerializationTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type);
        foreach (var sample in samples)
        {
            var copy = roundTrip.Invoke(null, [sample]);
            Assert.Null(StructuralComparison.FirstDifference(sample, copy));
        }
    }

    private static object? RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value));

    /// <summary>Parameter and result types of every method of every grain and grain-observer interface, by display name.</summary>
    private static Dictionary<string, Type> SignatureTypes()
    {
        var types = new Dictionary<string, Type>();
        foreach (var grainInterface in GrainAssemblies.SelectMany(a => a.GetTypes())
                     .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t) && t.Namespace?.StartsWith("Fleet", StringComparison.Ordinal) == true))
        {
            foreach (var method in grainInterface.GetMethods())
            {
                foreach (var type in method.GetParameters().Select(p => p.ParameterType).Append(ResultType(method.ReturnType)))
                {
                    if (type is not null && type != typeof(void) && type != typeof(CancellationToken) && !typeof(IAddressable).IsAssignableFrom(type))
                    {
                        types.TryAdd(Name(type), type);
                    }
                }
            }
        }
        return types;
    }

    private static Type? ResultType(Type returnType) =>
        returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returnType.GetGenericArguments()[0]
            : returnType == typeof(Task) || returnType == typeof(ValueTask) ? null : returnType;

    private static string Name(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GetGenericArguments().Select(Name))}>"
            : type.FullName ?? type.Name;
}
