using Orleans;

namespace Fleet.Query.Syntax;

[GenerateSerializer, Alias("fleet.query.ComparisonOperator")]
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
    Contains,
    StartsWith,
    EndsWith,
    NotContains,
    NotStartsWith,
    NotEndsWith,
}

public static class ComparisonOperatorExtensions
{
    public static string ToSymbol(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.Less => "<",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Contains => "~=",
        ComparisonOperator.StartsWith => "^=",
        ComparisonOperator.EndsWith => "$=",
        ComparisonOperator.NotContains => "!~=",
        ComparisonOperator.NotStartsWith => "!^=",
        ComparisonOperator.NotEndsWith => "!$=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Negative operators are defined as "not the positive one", which gives De Morgan on value lists and lets absent properties satisfy them.</summary>
    public static bool IsNegative(this ComparisonOperator op) =>
        op is ComparisonOperator.NotEqual or ComparisonOperator.NotContains or ComparisonOperator.NotStartsWith or ComparisonOperator.NotEndsWith;

    public static ComparisonOperator Positive(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.NotEqual => ComparisonOperator.Equal,
        ComparisonOperator.NotContains => ComparisonOperator.Contains,
        ComparisonOperator.NotStartsWith => ComparisonOperator.StartsWith,
        ComparisonOperator.NotEndsWith => ComparisonOperator.EndsWith,
        _ => op,
    };
}
