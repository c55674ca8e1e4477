using Fleet.Compliance.Facts;
using Fleet.Gateway.Agents;
using Wire = Fleet.Agent.V1;

namespace Fleet.Gateway.Tests.Agents;

public sealed class WireFactsTests
{
    [Fact]
    public void Valid_facts_translate_with_absent_values_as_null_and_missing_facts_as_unknown()
    {
        var wire = AgentClient.Facts("m-1");
        wire.Firewall = null;
        wire.Serial = "";

        Assert.True(WireFacts.TryRead(wire, "facts", 5_000, out var facts, out var error), error);
        Assert.Equal(Platform.Linux, facts.Platform);
        Assert.Null(facts.Serial);
        Assert.Equal(FactState.Unknown, facts.Firewall.State);
        Assert.Equal(300, facts.ScreenIdleSeconds.Value);
        Assert.Equal([new InstalledApplication("Firefox", "128.0")], facts.Applications);
    }

    [Theory]
    [InlineData("platform", "facts.platform is 'beos'")]
    [InlineData("machineId", "facts.machineId is empty; it is required.")]
    [InlineData("hostname", "facts.hostname contains the control character U+0000.")]
    [InlineData("osName", "facts.osName contains the control character U+0085.")]
    [InlineData("reason", "facts.diskEncryption.reason is 1025 characters long; the limit is 1024.")]
    [InlineData("state", "facts.firewall.state is 9")]
    [InlineData("appName", "facts.applications[1].name is empty; it is required.")]
    [InlineData("idle", "facts.screenIdleSeconds.value is -1")]
    [InlineData("idleReason", "facts.screenIdleSeconds.reason contains the control character U+0007.")]
    [InlineData("appVersion", "facts.applications[1].version is 129 characters long; the limit is 128.")]
    [InlineData("unknownReason", "facts.applicationsUnknownReason is 1025 characters long; the limit is 1024.")]
    public void Each_violation_names_the_field_and_the_limit(string field, string expected)
    {
        var wire = AgentClient.Facts("m-1");
        switch (field)
        {
            case "platform": wire.Platform = "beos"; break;
            case "machineId": wire.MachineId = " "; break;
            case "hostname": wire.Hostname = "a\0b"; break;
            case "osName": wire.OsName = "Ubuntu\u0085"; break;
            case "reason": wire.DiskEncryption.Reason = new string('r', 1025); break;
            case "state": wire.Firewall.State = (Wire.FactState)9; break;
            case "appName": wire.Applications.Add(new Wire.InstalledApplication { Name = "" }); break;
            case "idle": wire.ScreenIdleSeconds.Value = -1; break;
            case "idleReason": wire.ScreenIdleSeconds.Reason = "line\nbell\a"; break;
            case "appVersion": wire.Applications.Add(new Wire.InstalledApplication { Name = "Slack", Version = new string('9', 129) }); break;
            case "unknownReason": wire.ApplicationsUnknownReason = new string('r', 1025); break;
        }

        Assert.False(WireFacts.TryRead(wire, "facts", 5_000, out _, out var error));
        Assert.StartsWith(expected, error);
    }
}
