namespace Fleet.Query.Syntax;

/// <summary>The right-hand side of a comparison.</summary>
public abstract record FilterValue;

public sealed record StringLiteral(string Value) : FilterValue;

public sealed record NumberLiteral(double Value) : FilterValue;

public sealed record BooleanLiteral(bool Value) : FilterValue;

/// <summary><c>undefined</c>: the property is absent.</summary>
public sealed record UndefinedLiteral : FilterValue
{
    public static UndefinedLiteral Instance { get; } = new();
}

/// <summary><c>('a' OR 'b')</c>: with a positive operator any element may match; with a negative one none may.</summary>
public sealed record ValueList(EquatableArray<FilterValue> Values) : FilterValue;

/// <summary><c>date(2026-01-31)</c> or <c>date(2026-01-31T10:00:00Z)</c>; a date without zone is UTC.</summary>
public sealed record AbsoluteDate(DateTimeOffset Value) : FilterValue;

/// <summary><c>date.now</c>, <c>date.now - 7 days</c>: resolved against the execution's clock. Amount is signed.</summary>
public sealed record RelativeDate(int Amount, DateUnit Unit) : FilterValue
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
public sealed record PropertyOperand(PropertyRef Property) : FilterValue;
