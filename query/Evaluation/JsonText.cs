using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Fleet.Query.Evaluation;

/// <summary>Runs a writer callback into a UTF-8 buffer and returns the JSON text.</summary>
internal static class JsonText
{
    // A tree answer is ~0.5 MB of JSON; growing a fresh buffer for each costs several large-object allocations, which
    // count towards full collections. Each thread keeps one buffer up to this size (writing is synchronous).
    private const int KeptBufferBytes = 4 * 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    // API JSON, not HTML: keep '+' in dates and non-ASCII names readable.
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(Action<Utf8JsonWriter> write)
    {
        var output = buffer ?? new ArrayBufferWriter<byte>(64 * 1024);
        buffer = null;
        try
        {
            using (var writer = new Utf8JsonWriter(output, Options))
            {
                write(writer);
            }
            return Encoding.UTF8.GetString(output.WrittenSpan);
        }
        finally
        {
            output.ResetWrittenCount();
            if (output.Capacity <= KeptBufferBytes)
            {
                buffer = output;
            }
        }
    }
}
