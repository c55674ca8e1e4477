using Orleans;

namespace Fleet.Query.Syntax;

/// <summary>The right-hand side of a comparison.</summary>
[GenerateSerializer, Immutable, Alias("fleet.query.FilterValue")]
public abstract record FilterValue;

[GenerateSerializer, Immutable, Alias("fleet.query.StringLiteral")]
public sealed record StringLiteral([property: Id(0)] string Value) : FilterValue;

[GenerateSerializer, Immutable, Alias("fleet.query.NumberLiteral")]
public sealed record NumberLiteral([property: Id(0)] double Value) : FilterValue;

[GenerateSerializer, Immutable, Alias("fleet.query.BooleanLiteral")]
public sealed record BooleanLiteral([property: Id(0)] bool Value) : FilterValue;

/// <summary><c>undefined</c>: the property is absent.</summary>
[GenerateSerializer, Immutable, Alias("fleet.query.UndefinedLiteral")]
public sealed record UndefinedLiteral : FilterValue
{
    public static UndefinedLiteral Instance { get; } = new();
}

/// <summary><c>('a' OR 'b')</c>: with a positive operator any element may match; with a negative one none may.</summary>
[GenerateSerializer, Immutable, Alias("fleet.query.ValueList")]
public sealed record ValueList([property: Id(0)] EquatableArray<FilterValue> Values) : FilterValue;

/// <summary><c>date(2026-01-31)</c> or <c>date(2026-01-31T10:00:00Z)</c>; a date without zone is UTC.</summary>
[GenerateSerializer, Immutable, Alias("fleet.query.AbsoluteDate")]
public sealed record AbsoluteDate([property: Id(0)] DateTimeOffset Value) : FilterValue;

/// <summary><c>date.now</c>, <c>date.now - 7 days</c>: resolved against the execution's clock. Amount is signed.</summary>
[GenerateSerializer, Immutable, Alias("fleet.query.RelativeDate")]
public sealed record RelativeDate([property: Id(0)] int Amount, [property: Id(1)] DateUnit Unit) : FilterValue
{
    public DateTimeOffset ResolveAgainst(DateTimeOffset now)
    {
        try
        {
            return Unit switch
            {
                DateUnit.Seconds => now.AddSeconds(Amount),
                DateUnit.Minutes => now.AddMinutes(Amount),
                DateUnit.Hours => now.AddHours(Amount),
                DateUnit.Days => now.AddDays(Amount),
                DateUnit.Weeks => now.AddDays(7.0 * Amount),
                DateUnit.Months => now.AddMonths(Amount),
                DateUnit.Years => now.AddYears(Amount),
                _ => now,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            // Far past or future: the calendar's edge is as good as any date beyond it.
            return Amount < 0 ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue;
        }
    }
}

[GenerateSerializer, Alias("fleet.query.DateUnit")]
public enum DateUnit
{
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

/// <summary><c>b.prop</c> on the right of a WHERE comparison.</summary>
[GenerateSerializer, Immutable, Alias("fleet.query.PropertyOperand")]
public sealed record PropertyOperand([property: Id(0)] PropertyRef Property) : FilterValue;
