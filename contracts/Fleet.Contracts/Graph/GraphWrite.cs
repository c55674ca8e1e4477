using Fleet.Query.Evaluation;

namespace Fleet.Contracts.Graph;

/// <summary>An entity in a graph write, addressed by its natural key.</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphEntityInput")]
public sealed record GraphEntityInput(
    [property: Id(0)] string Key,
    [property: Id(1)] string Class,
    [property: Id(2)] string Type,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] Dictionary<string, PropertyValue> Properties);

/// <summary>A relationship in a graph write; <c>From</c>/<c>To</c> are entity keys.</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphRelationshipInput")]
public sealed record GraphRelationshipInput(
    [property: Id(0)] string Class,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] Dictionary<string, PropertyValue> Properties);

/// <summary>A relationship to delete, by verb and entity keys.</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphRelationshipRef")]
public sealed record GraphRelationshipRef(
    [property: Id(0)] string Class,
    [property: Id(1)] string From,
    [property: Id(2)] string To);

/// <summary>One bulk write (the body of <c>POST /graph</c>, already checked for shape).</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphWriteRequest")]
public sealed record GraphWriteRequest(
    [property: Id(0)] IReadOnlyList<GraphEntityInput> Entities,
    [property: Id(1)] IReadOnlyList<GraphRelationshipInput> Relationships,
    [property: Id(2)] IReadOnlyList<string> DeleteEntities,
    [property: Id(3)] IReadOnlyList<GraphRelationshipRef> DeleteRelationships)
{
    public int ItemCount => Entities.Count + Relationships.Count + DeleteEntities.Count + DeleteRelationships.Count;
}

/// <summary>A refused item: where (e.g. <c>relationships[3].to</c>) and why.</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphWriteError")]
public sealed record GraphWriteError(
    [property: Id(0)] string Path,
    [property: Id(1)] string Message);

[GenerateSerializer, Immutable, Alias("fleet.GraphWriteCounts")]
public sealed record GraphWriteCounts(
    [property: Id(0)] int Created,
    [property: Id(1)] int Updated,
    [property: Id(2)] int Deleted,
    [property: Id(3)] int RelationshipsCreated,
    [property: Id(4)] int RelationshipsDeleted);

/// <summary>Either the counts (everything written) or the errors (nothing written).</summary>
[GenerateSerializer, Immutable, Alias("fleet.GraphWriteOutcome")]
public sealed record GraphWriteOutcome(
    [property: Id(0)] GraphWriteCounts? Counts,
    [property: Id(1)] IReadOnlyList<GraphWriteError> Errors)
{
    public bool Succeeded => Counts is not null;
}

/// <summary>
/// Applies graph writes inside the silo. Stateless: any silo may run it; the account id comes from the caller's key
/// and is part of every partition it touches.
/// </summary>
public interface IGraphWriterGrain : IGrainWithIntegerKey
{
    /// <summary>A write through the API: checked against the stored graph first, all or nothing; durable on success.</summary>
    Task<GraphWriteOutcome> Apply(string accountId, GraphWriteRequest request);

    /// <summary>
    /// A write by the system (device, person and agent grains republishing themselves): entities become system-owned
    /// and merge their properties; relationships are upserted. Coalesced, not flushed: a projection, rebuilt on activation.
    /// </summary>
    Task Publish(string accountId, GraphWriteRequest request);

    /// <summary>
    /// A system write whose source is not republished on every activation (the SCIM directory): system-owned like
    /// <see cref="Publish"/>, but flushed before it returns and announced to standing queries like <see cref="Apply"/>.
    /// </summary>
    Task PublishDurably(string accountId, GraphWriteRequest request);
}
