using System.Text.Json.Serialization;

namespace Fleet.Query.Evaluation;

/// <summary>
/// A property value: string, number, boolean, date or list of strings — nothing else, so every backend
/// and the JSON wire agree. Serialises as the plain JSON value (see <see cref="PropertyValueJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(PropertyValueJsonConverter))]
public abstract record PropertyValue
{
    private protected PropertyValue()
    {
    }

    public static implicit operator PropertyValue(string value) => new StringValue(value);

    public static implicit operator PropertyValue(double value) => new NumberValue(value);

    public static implicit operator PropertyValue(bool value) => new BooleanValue(value);

    public static implicit operator PropertyValue(DateTimeOffset value) => new DateValue(value);

    public static PropertyValue List(params string[] values) => new StringListValue(values.ToEquatableArray());
}

public sealed record StringValue(string Value) : PropertyValue;

public sealed record NumberValue(double Value) : PropertyValue;

public sealed record BooleanValue(bool Value) : PropertyValue;

public sealed record DateValue(DateTimeOffset Value) : PropertyValue;

/// <summary>A list property (e.g. HostAgent.failing); a comparison holds when it holds for any element.</summary>
public sealed record StringListValue(EquatableArray<string> Values) : PropertyValue;
