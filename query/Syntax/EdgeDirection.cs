namespace Fleet.Query.Syntax;

/// <summary>Which way an edge must point, relative to the entities a traversal starts from.</summary>
public enum EdgeDirection
{
    /// <summary><c>THAT</c>: either way.</summary>
    Either,

    /// <summary><c>&gt;&gt;</c>: from the known entity to the other one.</summary>
    Outgoing,

    /// <summary><c>&lt;&lt;</c>: from the other entity to the known one.</summary>
    Incoming,
}

public static class EdgeDirectionExtensions
{
    /// <summary>The same edge seen from its other end.</summary>
    public static EdgeDirection Reverse(this EdgeDirection direction) => direction switch
    {
        EdgeDirection.Outgoing => EdgeDirection.Incoming,
        EdgeDirection.Incoming => EdgeDirection.Outgoing,
        _ => EdgeDirection.Either,
    };
}
