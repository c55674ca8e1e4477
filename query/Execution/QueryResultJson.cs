using System.Text.Json;
using Fleet.Query.Evaluation;

namespace Fleet.Query.Execution;

/// <summary>
/// Writes a <see cref="QueryResult"/> in the shapes of docs/query-language.md:
/// <c>{"type":"list","data":[entity…]}</c>, <c>{"type":"table","data":[{"a.prop":…}]}</c>,
/// <c>{"type":"tree","data":{"vertices":[…],"edges":[…]}}</c>; a failure is
/// <c>{"type":"error","error":{"kind":"timeout","message":…}}</c>.
/// </summary>
public static class QueryResultJson
{
    public static string ToJson(QueryResult result) => JsonText.Of(writer => Write(writer, result));

    public static void Write(Utf8JsonWriter writer, QueryResult result)
    {
        writer.WriteStartObject();
        switch (result)
        {
            case ListResult list:
                writer.WriteString("type", "list");
                writer.WriteStartArray("data");
                foreach (var entity in list.Entities)
                {
                    EntityJson.Write(writer, entity);
                }
                writer.WriteEndArray();
                break;
            case TableResult table:
                writer.WriteString("type", "table");
                writer.WriteStartArray("data");
                foreach (var row in table.Rows)
                {
                    WriteRow(writer, row);
                }
                writer.WriteEndArray();
                break;
            case TreeResult tree:
                writer.WriteString("type", "tree");
                writer.WriteStartObject("data");
                writer.WriteStartArray("vertices");
                foreach (var vertex in tree.Vertices)
                {
                    EntityJson.Write(writer, vertex);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("edges");
                foreach (var edge in tree.Edges)
                {
                    RelationshipJson.Write(writer, edge);
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            case QueryFailure failure:
                writer.WriteString("type", "error");
                writer.WriteStartObject("error");
                writer.WriteString("kind", failure.Kind.ToWireName());
                writer.WriteString("message", failure.Message);
                writer.WriteEndObject();
                break;
        }
        writer.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter writer, TableRow row)
    {
        writer.WriteStartObject();
        foreach (var column in row.Columns)
        {
            writer.WritePropertyName(column.Name);
            switch (column.Cell)
            {
                case EntityCell entity:
                    EntityJson.Write(writer, entity.Entity);
                    break;
                case ValueCell value:
                    PropertyValueJsonConverter.WriteValue(writer, value.Value);
                    break;
            }
        }
        writer.WriteEndObject();
    }
}
