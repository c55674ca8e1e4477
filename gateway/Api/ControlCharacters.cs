namespace Fleet.Gateway.Api;

/// <summary>
/// Text the API stores must hold no control characters (docs/security.md, Bad input): a NUL poisons a PostgreSQL text
/// column, and escapes or lone surrogates reach logs, dashboards and mail. Tab and line breaks are allowed where a
/// value may run over several lines (graph property values).
/// </summary>
public static class ControlCharacters
{
    public static bool In(string text, bool allowLineBreaks = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r'))
                return true;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return true;
        }
        return false;
    }
}
