namespace Fleet.Grains.Persons;

/// <summary>A person's state: bounded (a person owns a handful of devices).</summary>
[GenerateSerializer, Alias("fleet.PersonState")]
public sealed class PersonState
{
    [Id(0)]
    public string? AccountId { get; set; }
    [Id(1)]
    public string Email { get; set; } = "";
    [Id(2)]
    public string? Name { get; set; }
    [Id(3)]
    public List<string> DeviceIds { get; set; } = [];
}
