using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fleet.Query.Evaluation;

/// <summary>
/// Plain JSON for property values: <c>"text"</c>, <c>42</c>, <c>true</c>, <c>["a","b"]</c>. Dates are written in
/// the round-trip format (<c>2026-01-31T10:00:00.0000000+00:00</c>) and a string in exactly that format reads
/// back as a date; any other string stays a string (it still compares as a date against date values).
/// </summary>
public sealed class PropertyValueJsonConverter : JsonConverter<PropertyValue>
{
    public const string DateFormat = "yyyy-MM-ddTHH:mm:ss.fffffffzzz";

    public override PropertyValue? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return FromString(reader.GetString()!);
            case JsonTokenType.Number:
                return new NumberValue(reader.GetDouble());
            case JsonTokenType.True:
                return new BooleanValue(true);
            case JsonTokenType.False:
                return new BooleanValue(false);
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString()!,
                        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => throw new JsonException("a list property holds only strings, numbers or booleans"),
                    });
                }
                return new StringListValue(items.ToEquatableArray());
            default:
                throw new JsonException($"a property value cannot be {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, PropertyValue value, JsonSerializerOptions options) => WriteValue(writer, value);

    public static PropertyValue FromString(string text) =>
        DateTimeOffset.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateValue(date)
            : new StringValue(text);

    public static void WriteValue(Utf8JsonWriter writer, PropertyValue? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case StringValue s:
                writer.WriteStringValue(s.Value);
                break;
            case NumberValue n:
                writer.WriteNumberValue(n.Value);
                break;
            case BooleanValue b:
                writer.WriteBooleanValue(b.Value);
                break;
            case DateValue d:
                writer.WriteStringValue(d.Value.ToString(DateFormat, CultureInfo.InvariantCulture));
                break;
            case StringListValue list:
                writer.WriteStartArray();
                foreach (var item in list.Values)
                {
                    writer.WriteStringValue(item);
                }
                writer.WriteEndArray();
                break;
        }
    }
}
