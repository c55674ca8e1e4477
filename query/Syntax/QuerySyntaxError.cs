namespace Fleet.Query.Syntax;

/// <summary>Why a query text was refused: 1-based position, a sentence, and what would have been accepted there.</summary>
public sealed record QuerySyntaxError(int Line, int Column, string Message, IReadOnlyList<string> Expected)
{
    public override string ToString() => $"({Line},{Column}): {Message}";
}
