using System.Diagnostics.CodeAnalysis;

namespace Fleet.Query.Evaluation;

/// <summary>What a filter needs from an entity: its properties by name, the meta fields (<c>_id</c>, <c>_class</c>…) included.</summary>
public interface IEntityView
{
    bool TryGetProperty(string name, [NotNullWhen(true)] out PropertyValue? value);
}
