using System.Text;

namespace Fleet.Query.Syntax;

/// <summary>Turns query text into tokens. Identifiers keep their dots (<c>tag.Owner</c>, <c>d.hostname</c>, <c>date.now</c>).</summary>
internal sealed class J1qlLexer
{
    // Longest first, so "!~=" wins over "!" and ">=" over ">".
    private static readonly (string Symbol, TokenKind Kind)[] Symbols =
    [
        ("!~=", TokenKind.Operator), ("!^=", TokenKind.Operator), ("!$=", TokenKind.Operator),
        ("!=", TokenKind.Operator), ("~=", TokenKind.Operator), ("^=", TokenKind.Operator), ("$=", TokenKind.Operator),
        (">=", TokenKind.Operator), ("<=", TokenKind.Operator), (">>", TokenKind.Outgoing), ("<<", TokenKind.Incoming),
        (">", TokenKind.Operator), ("<", TokenKind.Operator), ("=", TokenKind.Operator),
        ("!", TokenKind.Bang), ("(", TokenKind.LeftParen), (")", TokenKind.RightParen), (",", TokenKind.Comma),
        ("|", TokenKind.Pipe), ("*", TokenKind.Star), ("+", TokenKind.Plus), ("-", TokenKind.Minus),
    ];

    private readonly string text;
    private readonly List<Token> tokens = [];
    private int position;
    private int line = 1;
    private int column = 1;

    private J1qlLexer(string text) => this.text = text;

    public static List<Token> Tokenize(string text)
    {
        var lexer = new J1qlLexer(text);
        lexer.Run();
        return lexer.tokens;
    }

    private void Run()
    {
        while (true)
        {
            SkipWhitespace();
            if (position >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", line, column));
                return;
            }

            var c = text[position];
            if (IsIdentifierStart(c))
            {
                ReadIdentifier();
            }
            else if (char.IsAsciiDigit(c))
            {
                ReadNumber();
            }
            else if (c is '\'' or '"')
            {
                ReadString(c);
            }
            else
            {
                ReadSymbol(c);
            }
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private char Peek(int offset) => position + offset < text.Length ? text[position + offset] : '\0';

    private void Advance(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (text[position] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
            position++;
        }
    }

    private void SkipWhitespace()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            Advance(1);
        }
    }

    private void ReadIdentifier()
    {
        var (startLine, startColumn, start) = (line, column, position);
        Advance(1);
        while (true)
        {
            while (IsIdentifierPart(Peek(0)))
            {
                Advance(1);
            }
            // A dot continues the name only when another segment follows; ".*" is its own token.
            if (Peek(0) == '.' && IsIdentifierStart(Peek(1)))
            {
                Advance(2);
                continue;
            }
            break;
        }

        var name = text[start..position];
        if (name.Equals("date", StringComparison.OrdinalIgnoreCase) && Peek(0) == '(')
        {
            ReadDateLiteral(startLine, startColumn);
            return;
        }

        tokens.Add(new Token(TokenKind.Identifier, name, startLine, startColumn));
        if (Peek(0) == '.' && Peek(1) == '*')
        {
            tokens.Add(new Token(TokenKind.DotStar, ".*", line, column));
            Advance(2);
        }
    }

    private void ReadDateLiteral(int startLine, int startColumn)
    {
        Advance(1); // '('
        var start = position;
        while (position < text.Length && text[position] != ')' && text[position] != '\n')
        {
            Advance(1);
        }
        if (Peek(0) != ')')
        {
            throw Error(startLine, startColumn, "unterminated date(...): expected ')'", "')'");
        }
        var inner = text[start..position].Trim();
        Advance(1);
        tokens.Add(new Token(TokenKind.DateLiteral, inner, startLine, startColumn));
    }

    private void ReadNumber()
    {
        var (startLine, startColumn, start) = (line, column, position);
        while (char.IsAsciiDigit(Peek(0)))
        {
            Advance(1);
        }
        if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
        {
            Advance(1);
            while (char.IsAsciiDigit(Peek(0)))
            {
                Advance(1);
            }
        }
        // Exponents let the formatter write any double back ("1E+20") and read it again.
        if (Peek(0) is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            Advance(Peek(1) is '+' or '-' ? 2 : 1);
            while (char.IsAsciiDigit(Peek(0)))
            {
                Advance(1);
            }
        }
        tokens.Add(new Token(TokenKind.Number, text[start..position], startLine, startColumn));
    }

    private void ReadString(char quote)
    {
        var (startLine, startColumn) = (line, column);
        Advance(1);
        var value = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw Error(startLine, startColumn, $"unterminated string: expected a closing {quote}", quote.ToString());
            }
            var c = text[position];
            if (c == quote)
            {
                Advance(1);
                break;
            }
            if (c == '\\' && position + 1 < text.Length)
            {
                value.Append(text[position + 1]);
                Advance(2);
                continue;
            }
            value.Append(c);
            Advance(1);
        }
        tokens.Add(new Token(TokenKind.String, value.ToString(), startLine, startColumn));
    }

    private void ReadSymbol(char c)
    {
        foreach (var (symbol, kind) in Symbols)
        {
            if (string.CompareOrdinal(text, position, symbol, 0, symbol.Length) == 0)
            {
                tokens.Add(new Token(kind, symbol, line, column));
                Advance(symbol.Length);
                return;
            }
        }
        throw Error(line, column, $"unexpected character '{c}'", "a keyword, name, value or operator");
    }

    private static SyntaxErrorSignal Error(int line, int column, string message, params string[] expected) =>
        new(new QuerySyntaxError(line, column, message, expected));
}
