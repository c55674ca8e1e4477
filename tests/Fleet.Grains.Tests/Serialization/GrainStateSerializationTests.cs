using System.Reflection;
using Fleet.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Fleet.Grains.Tests.Serialization;

/// <summary>
/// Every persisted grain state type, serialised the way a graceful silo stop serialises it: Orleans migrates
/// activations to another silo and carries each <see cref="IPersistentState{TState}"/> with the Orleans serializer
/// (storage itself uses JSON, so a state type without a codec passes every storage test and fails only there).
/// The types are found by reflection on the grain classes' constructors: a new state type is covered without
/// touching this test.
/// </summary>
public sealed class GrainStateSerializationTests
{
    private static readonly Assembly SiloAssembly = typeof(Fleet.Grains.Hosting.FleetSiloExtensions).Assembly;

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddFleetLibraries())
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static TheoryData<string> StateTypeNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in StateTypes().Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }
        return data;
    }

    // The reflection finds the state types (a broken scan would make the round trips vacuous).
    [Fact]
    public void The_scan_finds_the_persisted_state_of_every_stateful_grain()
    {
        var types = StateTypes();
        Assert.Contains(typeof(Fleet.Grains.Devices.DeviceState), types.Values);
        Assert.Contains(typeof(Fleet.Grains.Alerts.AlertRuleState), types.Values);
        Assert.Contains(typeof(Fleet.Grains.Policy.AccountPolicyState), types.Values);
        Assert.True(types.Count >= 10, $"only {types.Count} state types found");
    }

    // Each state type, populated (every member non-default, every collection with elements), reads back equal.
    [Theory]
    [MemberData(nameof(StateTypeNames))]
    public void Every_grain_state_type_round_trips_through_the_serializer(string typeName)
    {
        var type = StateTypes()[typeName];
        var roundTrip = typeof(GrainStateSerializationTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type);
        foreach (var sample in new SampleValues().For(type))
        {
            var copy = roundTrip.Invoke(null, [sample]);
            Assert.Null(StructuralComparison.FirstDifference(sample, copy));
        }
    }

    private static object? RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value));

    /// <summary>The <c>T</c> of every <see cref="IPersistentState{TState}"/> a grain class of the silo takes, by full name.</summary>
    private static Dictionary<string, Type> StateTypes() =>
        SiloAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Grain).IsAssignableFrom(t))
            .SelectMany(t => t.GetConstructors())
            .SelectMany(c => c.GetParameters())
            .Select(p => p.ParameterType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .ToDictionary(t => t.FullName!, t => t);
}
