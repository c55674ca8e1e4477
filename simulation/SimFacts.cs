using Fleet.Agent.V1;

namespace Fleet.Simulation;

/// <summary>
/// Deterministic, realistic facts for simulated agent <c>i</c>, shaped like the agent's own collectors produce them
/// (agent-grpc/Collectors): 45% macOS, 35% Windows, 12% Ubuntu, 8% Fedora, 40–60 installed applications. A failing
/// device has its firewall and disk encryption off.
/// </summary>
public static class SimFacts
{
    private static readonly string[] Apps =
    [
        "Slack", "Zoom", "Google Chrome", "Firefox", "Visual Studio Code", "1Password", "Docker Desktop", "Spotify", "Notion",
        "Microsoft Teams", "Microsoft Word", "Microsoft Excel", "Microsoft PowerPoint", "Microsoft Outlook", "OneDrive", "Dropbox",
        "iTerm2", "Postman", "Figma", "Miro", "Signal", "WhatsApp", "Telegram", "VLC", "GIMP", "Inkscape", "LibreOffice",
        "JetBrains Toolbox", "IntelliJ IDEA", "Rider", "PyCharm", "DataGrip", "Git", "GitHub Desktop", "Sourcetree", "Wireshark",
        "Tailscale", "WireGuard", "Cisco AnyConnect", "Okta Verify", "Adobe Acrobat Reader", "Grammarly", "Loom", "Raycast",
        "Alfred", "Rectangle", "Bitwarden", "KeePassXC", "Obsidian", "Todoist", "Calendly", "Discord", "Steam", "OBS Studio",
        "Audacity", "HandBrake", "Transmit", "Cyberduck", "FileZilla", "PuTTY",
    ];

    public static DeviceFacts For(int index, bool failing, string machineId)
    {
        var random = new Random(index);
        var kind = index % 100;
        var facts = kind switch
        {
            < 45 => new DeviceFacts
            {
                Platform = "darwin", OsName = "macOS", OsVersion = $"15.{random.Next(0, 4)}.{random.Next(0, 2)}", OsBuild = "24D70",
                Model = "MacBookPro18,3", Serial = $"C02{index:D7}MD6T",
                DiskEncryption = State(!failing, "FileVault is On."), Firewall = State(!failing, "Firewall is enabled. (State = 1)"),
                ScreenLock = State(true, "askForPassword = 1"), AutomaticUpdates = State(true, "AutomaticCheckEnabled = 1"),
                RemoteLogin = State(false, "Remote Login: Off"),
            },
            < 80 => new DeviceFacts
            {
                Platform = "win32", OsName = "Windows 11 Pro", OsVersion = $"10.0.{(random.Next(2) == 0 ? 22631 : 26100)}", OsBuild = "22631.4037",
                Model = "Latitude 7440",
                DiskEncryption = State(!failing, "BitLocker: C: Protection On"), Firewall = State(!failing, "Domain, Private, Public profiles: ON"),
                ScreenLock = State(true, "ScreenSaverIsSecure = 1"), AutomaticUpdates = State(true, "NoAutoUpdate not set"),
                RemoteLogin = State(false, "fDenyTSConnections = 1"),
            },
            < 92 => new DeviceFacts
            {
                Platform = "linux", Distro = "ubuntu", OsName = "Ubuntu", OsVersion = "24.04", Model = "ThinkPad X1 Carbon Gen 11",
                DiskEncryption = State(!failing, "LUKS on / (dm-crypt)"), Firewall = State(!failing, "ufw.service active"),
                ScreenLock = State(true, "org.gnome.desktop.screensaver lock-enabled true"), AutomaticUpdates = State(true, "unattended-upgrades enabled"),
                RemoteLogin = State(false, "ssh.service inactive"),
            },
            _ => new DeviceFacts
            {
                Platform = "linux", Distro = "fedora", OsName = "Fedora Linux", OsVersion = "41", Model = "XPS 13 9340",
                DiskEncryption = State(!failing, "LUKS on / (dm-crypt)"), Firewall = State(!failing, "firewalld.service active"),
                ScreenLock = State(true, "org.gnome.desktop.screensaver lock-enabled true"), AutomaticUpdates = State(true, "dnf-automatic.timer enabled"),
                RemoteLogin = State(false, "sshd.service inactive"),
            },
        };
        facts.Hostname = $"bench-{index:D6}";
        facts.MachineId = machineId;
        facts.AgentVersion = "0.1.0";
        facts.ScreenIdleSeconds = new NumericFact { State = FactState.On, Value = 300, Reason = "idle-delay 300" };
        facts.ApplicationsKnown = true;
        foreach (var app in Apps.OrderBy(_ => random.Next()).Take(random.Next(40, 61)))
            facts.Applications.Add(new InstalledApplication { Name = app, Version = $"{random.Next(1, 30)}.{random.Next(0, 20)}.{random.Next(0, 200)}" });
        return facts;
    }

    /// <summary>The same facts with the firewall flipped: a report that changes a check result (and so pushes).</summary>
    public static DeviceFacts WithFirewall(DeviceFacts facts, bool on)
    {
        var copy = facts.Clone();
        copy.Firewall = State(on, on ? "firewall enabled" : "firewall disabled");
        return copy;
    }

    /// <summary>The same facts with another screen-idle value inside the policy's range: changed facts, unchanged results.</summary>
    public static DeviceFacts WithScreenIdle(DeviceFacts facts, long seconds)
    {
        var copy = facts.Clone();
        copy.ScreenIdleSeconds = new NumericFact { State = FactState.On, Value = seconds, Reason = $"idle-delay {seconds}" };
        return copy;
    }

    private static Fact State(bool on, string reason) => new() { State = on ? FactState.On : FactState.Off, Reason = reason };
}
