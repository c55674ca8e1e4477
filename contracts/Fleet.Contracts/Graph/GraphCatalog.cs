namespace Fleet.Contracts.Graph;

/// <summary>
/// What an account's graph is made of: the classes present (with their types and partition count) and the
/// partition counts of keys and edges. Small (one entry per class), read once per query or write.
/// A count is fixed when first recorded, so changing the configuration later never moves existing data.
/// </summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphCatalog")]
public sealed record GraphCatalog(
    [property: Id(0)] int KeyPartitions,
    [property: Id(1)] int EdgePartitions,
    [property: Id(2)] IReadOnlyList<GraphClassInfo> Classes)
{
    public GraphClassInfo? Find(string @class) => Classes.FirstOrDefault(c => c.Class == @class);
}

/// <summary>One entity class of an account: how many partitions it has and which <c>_type</c>s occur in it.</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphClassInfo")]
public sealed record GraphClassInfo(
    [property: Id(0)] string Class,
    [property: Id(1)] int Partitions,
    [property: Id(2)] IReadOnlyList<string> Types);

/// <summary>A class and type seen in a write.</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphClassType")]
public sealed record GraphClassType(
    [property: Id(0)] string Class,
    [property: Id(1)] string Type);

/// <summary>The catalogue of one account. Keyed by the account id.</summary>
public interface IGraphCatalogGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<GraphCatalog> Get();

    /// <summary>Records classes and types not seen before (a write only when something is new).</summary>
    Task<GraphCatalog> Register(GraphClassType[] seen);
}
