using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fleet.Query.Evaluation;

/// <summary>Runs a writer callback into a UTF-8 buffer and returns the JSON text.</summary>
internal static class JsonText
{
    // API JSON, not HTML: keep '+' in dates and non-ASCII names readable.
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
