using System.Text;
using System.Text.Json;

namespace Fleet.Grains.Alerts;

/// <summary>
/// The JSON a webhook receives: <c>{"rule":{"id","name"},"alertId","status","count","added":[…],"removed":[…],"at"}</c>.
/// Written once; the same bytes are signed and sent on every attempt.
/// </summary>
public static class AlertPayload
{
    public static byte[] Build(string ruleId, string ruleName, string alertId, string status, int count,
        IEnumerable<string> addedJson, IEnumerable<string> removedIds, DateTimeOffset at)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("rule");
            writer.WriteString("id", ruleId);
            writer.WriteString("name", ruleName);
            writer.WriteEndObject();
            writer.WriteString("alertId", alertId);
            writer.WriteString("status", status);
            writer.WriteNumber("count", count);
            writer.WriteStartArray("added");
            foreach (var item in addedJson)
                writer.WriteRawValue(item, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteStartArray("removed");
            foreach (var id in removedIds)
                writer.WriteStringValue(id);
            writer.WriteEndArray();
            writer.WriteString("at", at);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>A plain-text e-mail body for the same event.</summary>
    public static string Text(string ruleName, string status, int count, int added, int removed, DateTimeOffset at) =>
        new StringBuilder()
            .AppendLine($"Alert rule \"{ruleName}\" is {status}.")
            .AppendLine($"Result count: {count} ({added} entered, {removed} left).")
            .AppendLine($"At: {at:O}")
            .ToString();
}
