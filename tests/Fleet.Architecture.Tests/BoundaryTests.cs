using System.Reflection;
using Fleet.Contracts.Accounts;
using Fleet.Gateway.Hosting;
using Fleet.Gateway.Hosting.Embedded;
using Fleet.Grains.Hosting;
using Fleet.Hosting;
using Fleet.Simulation;

namespace Fleet.Architecture.Tests;

/// <summary>The dependency rules of docs/architecture.md ("The parts"), on the compiled assemblies.</summary>
public sealed class BoundaryTests
{
    private static readonly Assembly Grains = typeof(FleetSiloExtensions).Assembly;
    private static readonly Assembly Hosting = typeof(FleetOptions).Assembly;
    private static readonly Assembly Contracts = typeof(IAccountGrain).Assembly;
    private static readonly Assembly Gateway = typeof(GatewayOptions).Assembly;
    private static readonly Assembly Simulation = typeof(SimFacts).Assembly;

    // Proves a cluster-mode gateway needs no grain: outside its embedded-mode composition, no gateway type uses Fleet.Grains.
    [Fact]
    public void Only_the_gateways_embedded_composition_uses_the_grains()
    {
        var embedded = typeof(EmbeddedSiloExtensions).Namespace!;
        var violations = FleetTypes(Gateway)
            .Where(t => t.Namespace is { } ns && ns != embedded && !ns.StartsWith(embedded + ".", StringComparison.Ordinal))
            .SelectMany(t => TypeReferences.Of(t).Where(used => used.Assembly == Grains).Select(used => $"{t.FullName} uses {used.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0, "Gateway code outside " + embedded + " uses grains:\n" + string.Join("\n", violations));
    }

    // Proves the libraries both hosts share do not depend on the grains (a cluster-mode gateway ships them), nor does the
    // simulation, which speaks only the agent protocol.
    [Theory]
    [InlineData("Fleet.Hosting")]
    [InlineData("Fleet.Contracts")]
    [InlineData("Fleet.Simulation")]
    public void A_shared_library_does_not_reference_the_grains(string library)
    {
        var assembly = new[] { Hosting, Contracts, Simulation }.Single(a => a.GetName().Name == library);

        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), reference => reference.Name == Grains.GetName().Name);
        var violations = FleetTypes(assembly)
            .SelectMany(t => TypeReferences.Of(t).Where(used => used.Assembly == Grains).Select(used => $"{t.FullName} uses {used.FullName}"))
            .ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    // Proves the grains' feature namespaces depend on each other in one direction only: a cycle is named in the failure.
    [Fact]
    public void The_grains_namespaces_have_no_cycle()
    {
        var graph = NamespaceGraph.Of(FleetTypes(Grains), "Fleet.Grains");

        var cycle = graph.FindCycle();

        Assert.True(cycle is null, "Namespace cycle in Fleet.Grains: " + (cycle is null ? "" : string.Join(" -> ", cycle)) +
                                   "\n" + (cycle is null ? "" : graph.Explain(cycle)));
    }

    /// <summary>The assembly's own types (not Orleans' generated code, which lives under OrleansCodeGen).</summary>
    private static IEnumerable<Type> FleetTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.DeclaringType is null && t.Namespace?.StartsWith("Fleet.", StringComparison.Ordinal) == true);
}
