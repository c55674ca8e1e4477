using System.Globalization;
using System.Text;

namespace Fleet.Query.Syntax;

/// <summary>
/// Writes a <see cref="Query"/> as canonical text: upper-case keywords, single-quoted strings, and
/// parentheses around every nested AND/OR, so the text parses back to an equal AST.
/// </summary>
public static class QueryFormatter
{
    public static string Format(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = new StringBuilder("FIND ");
        if (query.Unique)
        {
            text.Append("UNIQUE ");
        }
        AppendStep(text, query.Start);
        foreach (var traversal in query.Traversals)
        {
            text.Append(traversal.Negated ? " !THAT " : " THAT ");
            AppendVerbs(text, traversal.Verbs);
            text.Append(traversal.Direction switch
            {
                EdgeDirection.Outgoing => " >> ",
                EdgeDirection.Incoming => " << ",
                _ => " ",
            });
            AppendStep(text, traversal.Target);
        }
        if (query.Where is not null)
        {
            text.Append(" WHERE ");
            AppendFilter(text, query.Where, nested: false);
        }
        if (query.Return is not null)
        {
            text.Append(" RETURN ");
            AppendReturn(text, query.Return);
        }
        if (query.OrderBy is not null)
        {
            text.Append(" ORDER BY ").Append(query.OrderBy.Property);
            if (query.OrderBy.Descending)
            {
                text.Append(" DESC");
            }
        }
        if (query.Skip is not null)
        {
            text.Append(" SKIP ").Append(query.Skip.Value.ToString(CultureInfo.InvariantCulture));
        }
        if (query.Limit is not null)
        {
            text.Append(" LIMIT ").Append(query.Limit.Value.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public static string Format(Filter filter)
    {
        var text = new StringBuilder();
        AppendFilter(text, filter, nested: false);
        return text.ToString();
    }

    private static void AppendStep(StringBuilder text, EntityStep step)
    {
        AppendTarget(text, step.Target);
        if (step.Filter is not null)
        {
            text.Append(" WITH ");
            AppendFilter(text, step.Filter, nested: false);
        }
        if (step.Alias is not null)
        {
            text.Append(" AS ").Append(step.Alias);
        }
    }

    private static void AppendTarget(StringBuilder text, TargetSelector target)
    {
        if (target.IsAny)
        {
            text.Append('*');
        }
        else if (target.Names.Count == 1)
        {
            text.Append(target.Names[0].Name);
        }
        else
        {
            text.Append('(').AppendJoin('|', target.Names.Select(n => n.Name)).Append(')');
        }
    }

    private static void AppendVerbs(StringBuilder text, VerbSelector verbs)
    {
        if (verbs.IsAny)
        {
            text.Append("RELATES TO");
        }
        else if (verbs.Verbs.Count == 1)
        {
            text.Append(verbs.Verbs[0]);
        }
        else
        {
            text.Append('(').AppendJoin('|', verbs.Verbs).Append(')');
        }
    }

    private static void AppendFilter(StringBuilder text, Filter filter, bool nested)
    {
        switch (filter)
        {
            case Comparison comparison:
                text.Append(comparison.Property).Append(' ').Append(comparison.Operator.ToSymbol()).Append(' ');
                AppendValue(text, comparison.Value);
                break;
            case AndFilter and:
                AppendJunction(text, and.Operands, " AND ", nested);
                break;
            case OrFilter or:
                AppendJunction(text, or.Operands, " OR ", nested);
                break;
        }
    }

    private static void AppendJunction(StringBuilder text, EquatableArray<Filter> operands, string keyword, bool nested)
    {
        if (nested)
        {
            text.Append('(');
        }
        for (var i = 0; i < operands.Count; i++)
        {
            if (i > 0)
            {
                text.Append(keyword);
            }
            AppendFilter(text, operands[i], nested: true);
        }
        if (nested)
        {
            text.Append(')');
        }
    }

    private static void AppendValue(StringBuilder text, FilterValue value)
    {
        switch (value)
        {
            case StringLiteral s:
                AppendQuoted(text, s.Value, '\'');
                break;
            case NumberLiteral n:
                text.Append(n.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case BooleanLiteral b:
                text.Append(b.Value ? "true" : "false");
                break;
            case UndefinedLiteral:
                text.Append("undefined");
                break;
            case ValueList list:
                text.Append('(');
                for (var i = 0; i < list.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(" OR ");
                    }
                    AppendValue(text, list.Values[i]);
                }
                text.Append(')');
                break;
            case AbsoluteDate date:
                text.Append("date(").Append(FormatDate(date.Value)).Append(')');
                break;
            case RelativeDate relative:
                text.Append("date.now");
                if (relative.Amount != 0)
                {
                    text.Append(relative.Amount < 0 ? " - " : " + ")
                        .Append(Math.Abs((long)relative.Amount).ToString(CultureInfo.InvariantCulture))
                        .Append(' ')
                        .Append(relative.Unit.ToString().ToLowerInvariant());
                }
                break;
            case PropertyOperand operand:
                text.Append(operand.Property);
                break;
        }
    }

    private static string FormatDate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.TimeOfDay == TimeSpan.Zero
            ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture);
    }

    private static void AppendReturn(StringBuilder text, ReturnClause clause)
    {
        if (clause is ReturnTree)
        {
            text.Append("TREE");
            return;
        }
        var items = ((ReturnItems)clause).Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }
            AppendItem(text, items[i]);
        }
    }

    private static void AppendItem(StringBuilder text, ReturnItem item)
    {
        switch (item)
        {
            case PropertyItem p:
                text.Append(p.Alias).Append('.').Append(p.Property);
                AppendLabel(text, p.Label);
                break;
            case EntityItem e:
                text.Append(e.Alias);
                break;
            case AllPropertiesItem all:
                text.Append(all.Alias).Append(".*");
                break;
            case AggregateItem a:
                text.Append(a.Function.ToString().ToUpperInvariant()).Append('(').Append(a.Alias);
                if (a.Property is not null)
                {
                    text.Append('.').Append(a.Property);
                }
                text.Append(')');
                AppendLabel(text, a.Label);
                break;
        }
    }

    private static void AppendLabel(StringBuilder text, string? label)
    {
        if (label is not null)
        {
            text.Append(" AS ");
            AppendQuoted(text, label, '"');
        }
    }

    private static void AppendQuoted(StringBuilder text, string value, char quote)
    {
        text.Append(quote);
        foreach (var c in value)
        {
            if (c == quote || c == '\\')
            {
                text.Append('\\');
            }
            text.Append(c);
        }
        text.Append(quote);
    }
}
