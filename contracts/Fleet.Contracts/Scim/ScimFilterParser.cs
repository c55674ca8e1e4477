using System.Globalization;
using System.Text;

namespace Fleet.Contracts.Scim;

/// <summary>What a filter may be about: users and groups have different filterable attributes.</summary>
public enum ScimResourceKind
{
    User,
    Group,
}

/// <summary>Either the filter or why it was refused (the message names the position and what was expected).</summary>
public sealed record ScimFilterParse(ScimFilter? Filter, string? Error);

/// <summary>
/// A small recursive-descent parser for the SCIM filter subset Fleet supports (RFC 7644 §3.4.2.2):
/// <c>attrPath (eq|co|sw) "string"</c>, joined by <c>and</c> (binds tighter) and <c>or</c>, grouped with parentheses.
/// Keywords and attribute names are case-insensitive; attribute names may carry the core schema URN.
/// Bounded: at most <see cref="MaxLength"/> characters and <see cref="MaxDepth"/> nested parentheses.
/// </summary>
public sealed class ScimFilterParser
{
    public const int MaxLength = 1_000;
    public const int MaxDepth = 16;
    private const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User:";
    private const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group:";

    private readonly string _text;
    private readonly ScimResourceKind _kind;
    private int _position;
    private int _depth;

    private ScimFilterParser(string text, ScimResourceKind kind)
    {
        _text = text;
        _kind = kind;
    }

    public static ScimFilterParse Parse(string text, ScimResourceKind kind)
    {
        if (text.Length > MaxLength)
            return new ScimFilterParse(null, $"the filter is {text.Length} characters long; at most {MaxLength} are accepted.");
        try
        {
            var parser = new ScimFilterParser(text, kind);
            var filter = parser.ParseOr();
            parser.SkipSpace();
            if (parser._position < text.Length)
                throw parser.Error("'and', 'or' or the end of the filter");
            return new ScimFilterParse(filter, null);
        }
        catch (FormatException e)
        {
            return new ScimFilterParse(null, e.Message);
        }
    }

    private ScimFilter ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or"))
            left = new ScimLogical(false, left, ParseAnd());
        return left;
    }

    private ScimFilter ParseAnd()
    {
        var left = ParsePrimary();
        while (TryKeyword("and"))
            left = new ScimLogical(true, left, ParsePrimary());
        return left;
    }

    private ScimFilter ParsePrimary()
    {
        SkipSpace();
        if (Peek() == '(')
        {
            if (++_depth > MaxDepth)
                throw new FormatException($"at {_position + 1}: parentheses nest deeper than {MaxDepth} levels.");
            _position++;
            var inner = ParseOr();
            SkipSpace();
            if (Peek() != ')')
                throw Error("')'");
            _position++;
            _depth--;
            return inner;
        }
        var start = _position;
        var path = ReadWord();
        if (path.Length == 0)
            throw Error("an attribute name such as userName");
        var attribute = Attribute(path)
            ?? throw new FormatException($"at {start + 1}: '{path}' cannot be filtered on; use {Filterable()}.");
        var emailType = attribute == ScimAttribute.EmailsValue && Peek() == '[' ? ReadEmailType() : null;
        var operatorStart = _position + 1;
        var op = ReadWord().ToLowerInvariant() switch
        {
            "eq" => ScimOperator.Equal,
            "co" => ScimOperator.Contains,
            "sw" => ScimOperator.StartsWith,
            "" => throw Error("an operator (eq, co or sw)"),
            var other => throw new FormatException($"at {operatorStart}: the operator '{other}' is not supported; use eq, co or sw."),
        };
        return new ScimComparison(attribute, op, ReadString(), emailType);
    }

    /// <summary><c>[type eq "work"].value</c> after <c>emails</c>: the only value filter supported (Entra ID's look-up).</summary>
    private string ReadEmailType()
    {
        _position++;
        if (!string.Equals(ReadWord(), "type", StringComparison.OrdinalIgnoreCase))
            throw Error("'type' (only emails[type eq \"…\"].value is supported)");
        if (!string.Equals(ReadWord(), "eq", StringComparison.OrdinalIgnoreCase))
            throw Error("'eq' (only emails[type eq \"…\"].value is supported)");
        var type = ReadString();
        SkipSpace();
        if (Peek() != ']')
            throw Error("']'");
        _position++;
        if (!string.Equals(ReadWord(), ".value", StringComparison.OrdinalIgnoreCase))
            throw Error("'.value' after emails[type eq \"…\"]");
        return type;
    }

    private ScimAttribute? Attribute(string path)
    {
        var schema = _kind == ScimResourceKind.User ? UserSchema : GroupSchema;
        if (path.StartsWith(schema, StringComparison.OrdinalIgnoreCase))
            path = path[schema.Length..];
        return (_kind, path.ToLowerInvariant()) switch
        {
            (_, "id") => ScimAttribute.Id,
            (_, "externalid") => ScimAttribute.ExternalId,
            (ScimResourceKind.User, "username") => ScimAttribute.UserName,
            (ScimResourceKind.User, "emails.value" or "emails") => ScimAttribute.EmailsValue,
            (ScimResourceKind.Group, "displayname") => ScimAttribute.DisplayName,
            (ScimResourceKind.Group, "members" or "members.value") => ScimAttribute.MembersValue,
            _ => null,
        };
    }

    private string Filterable() => _kind == ScimResourceKind.User ? "userName, externalId, emails.value or id" : "displayName, externalId, members or id";

    /// <summary>A JSON string literal (RFC 7644 filter values are JSON values; only strings are filterable here).</summary>
    private string ReadString()
    {
        SkipSpace();
        if (Peek() != '"')
            throw Error("a value in double quotes, e.g. \"bjensen\"");
        _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
                throw new FormatException("the filter ends inside a quoted value; close it with '\"'.");
            var c = _text[_position++];
            if (c == '"')
                return value.ToString();
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (_position >= _text.Length)
                throw new FormatException("the filter ends after a '\\'.");
            var escaped = _text[_position++];
            switch (escaped)
            {
                case '"' or '\\' or '/': value.Append(escaped); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u' when _position + 4 <= _text.Length
                    && int.TryParse(_text.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    _position += 4;
                    break;
                default: throw new FormatException($"at {_position - 1}: '\\{escaped}' is not a JSON escape.");
            }
        }
    }

    private string ReadWord()
    {
        SkipSpace();
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '.' or ':' or '_' or '-' or '$'))
            _position++;
        return _text[start.._position];
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpace();
        var end = _position + keyword.Length;
        if (end > _text.Length || !_text.AsSpan(_position, keyword.Length).Equals(keyword, StringComparison.OrdinalIgnoreCase))
            return false;
        // A keyword stands alone: "orange eq ..." is not "or".
        if (end < _text.Length && _text[end] is not (' ' or '('))
            return false;
        _position = end;
        return true;
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && _text[_position] == ' ')
            _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private FormatException Error(string expected) => _position >= _text.Length
        ? new FormatException($"expected {expected}, found the end of the filter.")
        : new FormatException($"at {_position + 1}: expected {expected}, found '{_text[_position]}'.");
}
