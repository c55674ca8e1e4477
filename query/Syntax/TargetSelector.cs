namespace Fleet.Query.Syntax;

/// <summary>Which field a target name is compared with.</summary>
public enum TargetField
{
    /// <summary>TitleCase names match <c>_class</c>.</summary>
    Class,

    /// <summary>snake_case (or lower-case) names match <c>_type</c>.</summary>
    Type,
}

/// <summary>One name inside a target; the field follows from the spelling.</summary>
public sealed record TargetName(string Name)
{
    // J1QL's rule: an underscore or a lower-case first letter means a type.
    public TargetField Field => Name.Contains('_') || char.IsLower(Name[0]) ? TargetField.Type : TargetField.Class;

    public bool Matches(string @class, string type) =>
        Field == TargetField.Class ? string.Equals(@class, Name, StringComparison.Ordinal) : string.Equals(type, Name, StringComparison.Ordinal);
}

/// <summary><c>Class</c>, <c>snake_type</c>, <c>*</c> or <c>(A|B)</c>.</summary>
public sealed record TargetSelector(EquatableArray<TargetName> Names)
{
    /// <summary><c>*</c>: any entity.</summary>
    public static TargetSelector Any { get; } = new(EquatableArray<TargetName>.Empty);

    public bool IsAny => Names.Count == 0;

    public static TargetSelector Of(params string[] names) => new(names.Select(n => new TargetName(n)).ToEquatableArray());

    public bool Matches(string @class, string type)
    {
        if (IsAny) return true;
        foreach (var name in Names)
            if (name.Matches(@class, type)) return true;
        return false;
    }
}
