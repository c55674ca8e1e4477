using System.Xml.Linq;
using Fleet.Agent.Service;

namespace Fleet.Agent.Tests.Service;

public sealed class ServiceDefinitionsTests
{
    [Fact]
    public void SystemdUnit_RunsTheAgentAndRestarts_ForTheUserSession()
    {
        var unit = ServiceDefinitions.SystemdUserUnit("/home/ann/.local/bin/fleet-agent", null);

        Assert.Contains("ExecStart=/home/ann/.local/bin/fleet-agent run\n", unit);
        Assert.Contains("Restart=always", unit);
        Assert.Contains("WantedBy=default.target", unit);
        Assert.DoesNotContain("User=", unit);
    }

    [Fact]
    public void SystemdUnit_QuotesPathsWithSpacesAndEscapesPercent()
    {
        var unit = ServiceDefinitions.SystemdUserUnit("/home/ann/My Apps/fleet-agent", "/home/ann/100% fleet");

        Assert.Contains("ExecStart=\"/home/ann/My Apps/fleet-agent\" run --config-dir \"/home/ann/100%% fleet\"\n", unit);
    }

    [Fact]
    public void LaunchAgentPlist_IsValidXmlWithTheArguments()
    {
        var plist = ServiceDefinitions.LaunchAgentPlist("/Users/ann/Applications/fleet-agent", "/Users/ann/R&D <fleet>", "/Users/ann/Library/Logs/fleet-agent.log");

        var document = XDocument.Parse(plist, LoadOptions.None);
        var strings = document.Descendants("array").Single().Elements("string").Select(e => e.Value);
        Assert.Equal(["/Users/ann/Applications/fleet-agent", "run", "--config-dir", "/Users/ann/R&D <fleet>"], strings);
        Assert.Contains("<key>Label</key>\n    <string>com.fleet.agent</string>", plist);
        Assert.Contains("<key>RunAtLoad</key>\n    <true/>", plist);
        Assert.Contains("<key>KeepAlive</key>\n    <true/>", plist);
    }

    [Fact]
    public void Schtasks_CreatesAnOnLogonTaskWithLimitedRights()
    {
        var arguments = ServiceDefinitions.SchtasksCreateArguments(@"C:\Users\Ann Lee\AppData\Local\Fleet\fleet-agent.exe", null);

        Assert.Equal(["/Create", "/F", "/SC", "ONLOGON", "/RL", "LIMITED", "/TN", "FleetAgent", "/TR", "\"C:\\Users\\Ann Lee\\AppData\\Local\\Fleet\\fleet-agent.exe\" run"], arguments);
    }
}
