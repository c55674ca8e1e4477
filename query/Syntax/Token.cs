namespace Fleet.Query.Syntax;

internal enum TokenKind
{
    Identifier,
    String,
    Number,
    DateLiteral,
    Star,
    DotStar,
    LeftParen,
    RightParen,
    Comma,
    Pipe,
    Bang,
    Plus,
    Minus,
    Operator,
    Outgoing,
    Incoming,
    End,
}

/// <summary>
/// A lexeme with its 1-based position. Text is the identifier (dotted names joined), the decoded string,
/// the number as written, the inside of <c>date(...)</c>, or the symbol.
/// </summary>
internal sealed record Token(TokenKind Kind, string Text, int Line, int Column)
{
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of query",
        TokenKind.String => $"string '{Text}'",
        TokenKind.DateLiteral => $"date({Text})",
        _ => $"'{Text}'",
    };
}
