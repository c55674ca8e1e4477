using System.Globalization;
using System.Text.RegularExpressions;

namespace Fleet.Contracts.Alerts;

/// <summary>
/// An alert rule's condition on the size of its query's result: <c>count &gt; N</c>, <c>count &gt;= N</c>,
/// <c>count == N</c>, <c>count &lt; N</c> (also <c>&lt;=</c> and <c>!=</c>). Case and spaces do not matter.
/// </summary>
public sealed partial record AlertCondition(string Operator, long Value)
{
    public const string Default = "count > 0";

    public bool Holds(long count) => Operator switch
    {
        ">" => count > Value,
        ">=" => count >= Value,
        "==" => count == Value,
        "<" => count < Value,
        "<=" => count <= Value,
        "!=" => count != Value,
        _ => false,
    };

    public override string ToString() => $"count {Operator} {Value.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The condition, or an error saying what is accepted.</summary>
    public static AlertConditionParse Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new AlertConditionParse(new AlertCondition(">", 0), null);
        var match = Pattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups["value"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return new AlertConditionParse(null,
                $"condition '{text}' is not understood; write 'count > N', 'count >= N', 'count == N', 'count < N', 'count <= N' or 'count != N' with N a whole number >= 0");
        }
        return new AlertConditionParse(new AlertCondition(match.Groups["op"].Value, value), null);
    }

    [GeneratedRegex(@"^\s*count\s*(?<op>>=|<=|==|!=|>|<)\s*(?<value>\d{1,18})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

public sealed record AlertConditionParse(AlertCondition? Condition, string? Error);
