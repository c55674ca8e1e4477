using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fleet.Query;

/// <summary>
/// Reads and writes <see cref="EquatableArray{T}"/> as a plain JSON array. Without it System.Text.Json sees a
/// read-only collection it cannot build ("the collection type … is abstract"), which is how query values failed to
/// cross from one silo to another (grain calls between silos serialise these records as JSON).
/// </summary>
public sealed class EquatableArrayJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EquatableArray<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ItemsConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ItemsConverter<T> : JsonConverter<EquatableArray<T>>
    {
        public override EquatableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null
                ? EquatableArray<T>.Empty
                : new EquatableArray<T>(JsonSerializer.Deserialize<ImmutableArray<T>>(ref reader, options));

        public override void Write(Utf8JsonWriter writer, EquatableArray<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Items, options);
    }
}
