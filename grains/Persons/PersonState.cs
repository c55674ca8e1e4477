namespace Fleet.Grains.Persons;

/// <summary>A person's state: bounded (a person owns a handful of devices).</summary>
public sealed class PersonState
{
    public string? AccountId { get; set; }
    public string Email { get; set; } = "";
    public string? Name { get; set; }
    public List<string> DeviceIds { get; set; } = [];
}
