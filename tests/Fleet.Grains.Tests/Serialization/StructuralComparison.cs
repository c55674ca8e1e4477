using System.Collections;
using System.Reflection;

namespace Fleet.Grains.Tests.Serialization;

/// <summary>
/// Compares two object graphs by content (public properties and fields, collections element by element), whatever
/// the types' own equality does: a record holding a <c>List</c> compares by reference, which would hide a lost element.
/// Returns the path of the first difference, or null when equal.
/// </summary>
internal static class StructuralComparison
{
    public static string? FirstDifference(object? expected, object? actual, string path = "$", int depth = 0)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Describe(expected)}, got {Describe(actual)}";
        }
        if (expected.GetType() != actual.GetType())
        {
            return $"{path}: expected a {expected.GetType()}, got a {actual.GetType()}";
        }
        var type = expected.GetType();
        if (type.IsPrimitive || type.IsEnum || expected is string or decimal or DateTimeOffset or DateTime or TimeSpan or Guid or Uri)
        {
            return Equals(expected, actual) ? null : $"{path}: expected {Describe(expected)}, got {Describe(actual)}";
        }
        if (depth > 32)
        {
            return null;
        }
        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = actualItems.Cast<object?>().ToList();
            if (left.Count != right.Count)
            {
                return $"{path}: expected {left.Count} items, got {right.Count}";
            }
            for (var i = 0; i < left.Count; i++)
            {
                if (FirstDifference(left[i], right[i], $"{path}[{i}]", depth + 1) is { } difference)
                {
                    return difference;
                }
            }
            return null;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (FirstDifference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", depth + 1) is { } difference)
            {
                return difference;
            }
        }
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (FirstDifference(field.GetValue(expected), field.GetValue(actual), $"{path}.{field.Name}", depth + 1) is { } difference)
            {
                return difference;
            }
        }
        return null;
    }

    private static string Describe(object? value) => value is null ? "null" : $"{value} ({value.GetType().Name})";
}
