namespace Fleet.Compliance.Tests.Facts;

using Fleet.Compliance.Facts;

/// <summary>
/// Device facts compare by value: an unchanged report is recognised (and costs no storage write), and a change in any
/// single field, down to one application's version, is a change.
/// </summary>
public sealed class DeviceFactsEqualityTests
{
    private static DeviceFacts Full() => new()
    {
        Platform = Platform.Linux, Distro = "ubuntu", OsName = "Ubuntu", OsVersion = "24.04", OsBuild = "6.8.0-45-generic",
        Hostname = "ann-laptop", Model = "XPS 13", Serial = "S123", MachineId = "m-1", AgentVersion = "1.4.0",
        DiskEncryption = Fact.On("luks"), Firewall = Fact.On("ufw"), ScreenLock = Fact.On("gsettings"),
        ScreenIdleSeconds = NumericFact.Of(300), RemoteLogin = Fact.Off(), AutomaticUpdates = Fact.On("apt"),
        Applications = [new("Slack", "4.41.0"), new("Zoom", "6.0.1")], ApplicationsUnknownReason = null,
    };

    // Proves two scans with the same content are equal, with equal hash codes, even as separate objects and lists.
    [Fact]
    public void The_same_content_is_equal()
    {
        Assert.Equal(Full(), Full());
        Assert.Equal(Full().GetHashCode(), Full().GetHashCode());
    }

    // Proves facts are never equal to nothing.
    [Fact]
    public void Facts_are_not_equal_to_null() => Assert.False(Full().Equals(null));

    public static TheoryData<string, DeviceFacts> OneFieldChanged => new()
    {
        { "platform", Full() with { Platform = Platform.Darwin } },
        { "distro", Full() with { Distro = "debian" } },
        { "osName", Full() with { OsName = "Kubuntu" } },
        { "osVersion", Full() with { OsVersion = "24.10" } },
        { "osBuild", Full() with { OsBuild = "6.8.0-50-generic" } },
        { "hostname", Full() with { Hostname = "bob-laptop" } },
        { "model", Full() with { Model = "XPS 15" } },
        { "serial", Full() with { Serial = "S999" } },
        { "machineId", Full() with { MachineId = "m-2" } },
        { "agentVersion", Full() with { AgentVersion = "1.5.0" } },
        { "diskEncryption", Full() with { DiskEncryption = Fact.Off("luks") } },
        { "firewall", Full() with { Firewall = Fact.On("firewalld") } },
        { "screenLock", Full() with { ScreenLock = Fact.Unknown("no dconf") } },
        { "screenIdleSeconds", Full() with { ScreenIdleSeconds = NumericFact.Of(600) } },
        { "remoteLogin", Full() with { RemoteLogin = Fact.On("sshd") } },
        { "automaticUpdates", Full() with { AutomaticUpdates = Fact.Off("apt") } },
        { "applicationsUnknownReason", Full() with { ApplicationsUnknownReason = "dpkg failed" } },
        { "an application's version", Full() with { Applications = [new("Slack", "4.41.0"), new("Zoom", "6.0.2")] } },
        { "an application fewer", Full() with { Applications = [new("Slack", "4.41.0")] } },
        { "inventory unknown", Full() with { Applications = null } },
    };

    // Proves a change in any one field makes the facts different.
    [Theory]
    [MemberData(nameof(OneFieldChanged))]
    public void A_change_in_any_one_field_is_a_change(string field, DeviceFacts changed)
    {
        Assert.False(Full().Equals(changed), field);
        Assert.False(changed.Equals(Full()), field);
    }

    // Proves two scans that both could not read the inventory are equal in that respect.
    [Fact]
    public void Two_unknown_inventories_are_equal() =>
        Assert.Equal(Full() with { Applications = null }, Full() with { Applications = null });
}
