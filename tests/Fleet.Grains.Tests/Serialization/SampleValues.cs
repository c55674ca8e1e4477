using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Fleet.Query;

namespace Fleet.Grains.Tests.Serialization;

/// <summary>
/// Builds representative instances of any type that crosses a grain boundary, by reflection: every constructor
/// parameter and settable property filled (non-default values, text with quotes and non-ASCII), every collection
/// with elements, and an abstract type or interface replaced by each of its concrete types in turn, so a list of
/// <c>PropertyValue</c> holds a string, a number, a list… A type it cannot build fails the test that asked for it.
/// </summary>
internal sealed class SampleValues
{
    private const int MaxDepth = 7;
    private const int MaxVariants = 24;
    private static readonly DateTimeOffset SampleTime = new(2026, 3, 4, 5, 6, 7, 891, TimeSpan.FromHours(2));

    /// <summary>Instances of <paramref name="type"/>: one per variant, so each concrete type of an abstract member shows up.</summary>
    public IReadOnlyList<object?> For(Type type)
    {
        var count = Math.Max(1, VariantCount(type, depth: 0, []));
        return Enumerable.Range(0, count).Select(variant => Build(type, variant, depth: 0)).ToList();
    }

    private static int VariantCount(Type type, int depth, HashSet<Type> seen) => Math.Min(MaxVariants, CountVariants(type, depth, seen));

    private static int CountVariants(Type type, int depth, HashSet<Type> seen)
    {
        if (depth > MaxDepth || !seen.Add(type))
        {
            return 1;
        }
        try
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (ElementTypes(underlying) is { } elements)
            {
                return elements.Max(e => VariantCount(e, depth + 1, seen));
            }
            if (IsLeaf(underlying))
            {
                return 1;
            }
            if (underlying.IsAbstract || underlying.IsInterface)
            {
                return ConcreteTypes(underlying).Sum(t => VariantCount(t, depth + 1, seen));
            }
            var members = Members(underlying);
            return members.Count == 0 ? 1 : members.Max(m => VariantCount(m, depth + 1, seen));
        }
        finally
        {
            seen.Remove(type);
        }
    }

    private object? Build(Type type, int variant, int depth)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Build(inner, variant, depth);
        }
        if (Leaf(type, variant) is { } leaf)
        {
            return leaf;
        }
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue((variant + values.Length - 1) % values.Length);
        }
        if (depth > MaxDepth)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var items = Elements(element, variant, depth);
            var array = Array.CreateInstance(element, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                array.SetValue(items[i], i);
            }
            return array;
        }
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (definition == typeof(Orleans.Concurrency.Immutable<>))
            {
                return Activator.CreateInstance(type, Build(arguments[0], variant, depth + 1));
            }
            if (definition == typeof(EquatableArray<>) || definition == typeof(ImmutableArray<>))
            {
                var immutable = typeof(ImmutableArray).GetMethods()
                    .Single(m => m.Name == nameof(ImmutableArray.CreateRange) && m.GetParameters().Length == 1)
                    .MakeGenericMethod(arguments[0])
                    .Invoke(null, [TypedList(arguments[0], Elements(arguments[0], variant, depth))]);
                return definition == typeof(ImmutableArray<>) ? immutable : Activator.CreateInstance(type, immutable);
            }
            if (IsDictionary(definition))
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
                var keys = Elements(arguments[0], variant, depth);
                var values = Elements(arguments[1], variant, depth);
                for (var i = 0; i < values.Count; i++)
                {
                    dictionary[arguments[0] == typeof(string) ? $"key-{i}" : keys[i % keys.Count]!] = values[i];
                }
                return dictionary;
            }
            if (IsList(definition))
            {
                return TypedList(arguments[0], Elements(arguments[0], variant, depth));
            }
            if (definition == typeof(HashSet<>) || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
            {
                return Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(arguments), TypedList(arguments[0], Elements(arguments[0], variant, depth)));
            }
        }
        if (type.IsAbstract || type.IsInterface)
        {
            var concrete = ConcreteTypes(type);
            if (concrete.Count == 0)
            {
                throw new InvalidOperationException($"no concrete type for {type} in its assembly: add a case to {nameof(SampleValues)}");
            }
            // Spread the variants over the concrete types, each taking as many as it needs itself.
            var offset = variant % concrete.Sum(t => VariantCount(t, depth + 1, []));
            foreach (var candidate in concrete)
            {
                var needed = VariantCount(candidate, depth + 1, []);
                if (offset < needed)
                {
                    return Build(candidate, offset, depth + 1);
                }
                offset -= needed;
            }
        }
        if (type.Namespace?.StartsWith("Fleet", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"{type} is not a Fleet type and has no sample: add a case to {nameof(SampleValues)}");
        }
        return Construct(type, variant, depth);
    }

    private object Construct(Type type, int variant, int depth)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(c => !c.GetParameters().Any(p => p.ParameterType == type))
            .OrderByDescending(c => c.IsPublic)
            .ThenByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        object instance;
        if (constructor is null)
        {
            instance = type.IsValueType
                ? Activator.CreateInstance(type)!
                : throw new InvalidOperationException($"{type} has no constructor: add a case to {nameof(SampleValues)}");
        }
        else
        {
            instance = constructor.Invoke(constructor.GetParameters().Select(p => Build(p.ParameterType, variant, depth + 1)).ToArray());
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0
                && constructor?.GetParameters().Any(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)) != true)
            {
                property.SetValue(instance, Build(property.PropertyType, variant, depth + 1));
            }
        }
        return instance;
    }

    private List<object?> Elements(Type element, int variant, int depth)
    {
        // As many elements as the element type has variants (at least two), so every concrete type appears.
        var count = Math.Max(2, Math.Min(8, VariantCount(element, depth + 1, [])));
        return Enumerable.Range(0, count).Select(i => Build(element, variant + i, depth + 1)).ToList();
    }

    private static IList TypedList(Type element, IEnumerable<object?> items)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }

    private static object? Leaf(Type type, int variant) => type switch
    {
        _ when type == typeof(string) => variant % 2 == 0 ? "sample \"text\" é 日本" : $"other-{variant}",
        _ when type == typeof(int) => 7 + variant,
        _ when type == typeof(long) => 1L << 40 | (uint)variant,
        _ when type == typeof(double) => 2.5 + variant,
        _ when type == typeof(float) => 1.25f,
        _ when type == typeof(decimal) => 3.75m,
        _ when type == typeof(bool) => variant % 2 == 0,
        _ when type == typeof(byte) => (byte)9,
        _ when type == typeof(short) => (short)11,
        _ when type == typeof(uint) => 13u,
        _ when type == typeof(ulong) => 17ul,
        _ when type == typeof(Guid) => new Guid("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        _ when type == typeof(DateTimeOffset) => SampleTime.AddMinutes(variant),
        _ when type == typeof(DateTime) => SampleTime.UtcDateTime.AddMinutes(variant),
        _ when type == typeof(DateOnly) => DateOnly.FromDateTime(SampleTime.UtcDateTime).AddDays(variant),
        _ when type == typeof(TimeOnly) => new TimeOnly(13, 14, 15),
        _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(90 + variant),
        _ when type == typeof(Uri) => new Uri("https://hooks.example.com/fleet?x=1"),
        _ when type == typeof(byte[]) => new byte[] { 1, 2, 3, 250 },
        _ => null,
    };

    private static bool IsLeaf(Type type) => type.IsEnum || Leaf(type, 0) is not null;

    private static bool IsList(Type definition) =>
        definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
        || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>);

    private static bool IsDictionary(Type definition) =>
        definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>);

    private static Type[]? ElementTypes(Type type)
    {
        if (type.IsArray)
        {
            return [type.GetElementType()!];
        }
        if (!type.IsGenericType)
        {
            return null;
        }
        var definition = type.GetGenericTypeDefinition();
        return IsList(definition) || IsDictionary(definition) || definition == typeof(EquatableArray<>)
            || definition == typeof(ImmutableArray<>) || definition == typeof(HashSet<>) || definition == typeof(ISet<>)
            || definition == typeof(IReadOnlySet<>) || definition == typeof(Orleans.Concurrency.Immutable<>)
            ? type.GetGenericArguments()
            : null;
    }

    private static List<Type> Members(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .OrderByDescending(c => c.IsPublic).ThenByDescending(c => c.GetParameters().Length).FirstOrDefault();
        return (constructor?.GetParameters().Select(p => p.ParameterType) ?? [])
            .Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
                .Select(p => p.PropertyType))
            .Where(t => t != type)
            .ToList();
    }

    private static List<Type> ConcreteTypes(Type type) =>
        type.Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && !t.ContainsGenericParameters && type.IsAssignableFrom(t)
                && t.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
}
