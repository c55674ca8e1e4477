namespace Fleet.Query.Syntax;

/// <summary>
/// Unwinds the recursive-descent parser to <see cref="J1qlParser.Parse"/>, which turns it into a
/// <see cref="QuerySyntaxError"/> value. Never leaves the parser.
/// </summary>
internal sealed class SyntaxErrorSignal(QuerySyntaxError error) : Exception(error.Message)
{
    public QuerySyntaxError Error { get; } = error;
}
