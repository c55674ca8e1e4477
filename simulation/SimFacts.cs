using Fleet.Agent.V1;
using Fleet.Compliance.Policy;

namespace Fleet.Simulation;

/// <summary>
/// The simulation's one fleet generator: realistic facts, shaped like the agent's own collectors produce them
/// (agent-grpc/Collectors): 45% macOS, 35% Windows, 12% Ubuntu, 8% Fedora, 40–60 installed applications. Two modes:
/// <see cref="For"/>, deterministic per index (fleet-bench: a failing device has its firewall and disk encryption off),
/// and <see cref="Company"/>, a generated company for demo mode (people with names owning one or two laptops, a
/// realistic share of failing checks, deterministic for a seed); <see cref="Toggle"/> breaks and fixes its checks.
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

    /// <summary>Facts of simulated device <paramref name="index"/>: the same for the same arguments, in every run.</summary>
    public static DeviceFacts For(int index, bool failing, string machineId)
    {
        var facts = Build(index, index % 100, new Random(index), failing);
        facts.Hostname = $"bench-{index:D6}";
        facts.MachineId = machineId;
        facts.AgentVersion = "0.1.0";
        return facts;
    }

    /// <summary>Facts on platform <paramref name="kind"/> (0–99: the platform shares above), every check passing unless <paramref name="failing"/>.</summary>
    private static DeviceFacts Build(int index, int kind, Random random, bool failing)
    {
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

    /// <summary>The domain of the generated company's people.</summary>
    public const string Domain = "acme.example";

    /// <summary>The agent version the generated company's laptops run.</summary>
    public const string CompanyAgentVersion = "1.2.0";

    private static readonly string[] FirstNames =
    [
        "Ann", "Bob", "Carla", "Dan", "Eva", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam", "Maya", "Nils", "Olga",
        "Priya", "Quentin", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe", "Alba", "Bruno", "Chloe",
        "Diego", "Elif", "Finn", "Gita", "Hugo", "Iris", "Jae",
    ];

    private static readonly string[] LastNames =
    [
        "Lee", "Novak", "Okafor", "Berg", "Rossi", "Haddad", "Kim", "Tanaka", "Silva", "Weber", "Adeyemi", "Murphy", "Patel",
        "Larsen", "Ivanova", "Sharma", "Dubois", "Garcia", "Nilsson", "Walsh", "Khan", "Costa", "Zhang", "Lopez", "Demir", "Clarke",
    ];

    /// <summary>
    /// A generated company (demo mode's fleet): people with realistic names, each with one or two laptops, most of them
    /// compliant and some failing a check or two. Deterministic for a seed, so a restart with the same data folder
    /// regenerates the same fleet.
    /// </summary>
    public static IReadOnlyList<SimulatedDevice> Company(int count, int seed)
    {
        var random = new Random(seed);
        var people = new List<(string Email, string Name)>();
        for (var i = 0; people.Count < Math.Max(1, count * 3 / 4); i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[(i * 7 + i / FirstNames.Length) % LastNames.Length];
            people.Add(($"{first}.{last}@{Domain}".ToLowerInvariant(), $"{first} {last}"));
        }
        var devices = new List<SimulatedDevice>(count);
        for (var index = 0; index < count; index++)
        {
            // The first people get a second laptop at the end of the list.
            var (email, name) = index < people.Count ? people[index] : people[index - people.Count];
            devices.Add(new SimulatedDevice(index, email, name, CompanyLaptop(index, name, random)));
        }
        return devices;
    }

    private static DeviceFacts CompanyLaptop(int index, string owner, Random random)
    {
        var facts = Build(index, random.Next(100), random, failing: false);
        Vary(facts, random);
        var kind = facts.Platform switch { "darwin" => "mbp", "win32" => "pc", _ => facts.Distro == "fedora" ? "fw" : "tp" };
        facts.Hostname = $"{owner.Split(' ')[0].ToLowerInvariant()}-{kind}-{index + 1:00}";
        facts.MachineId = $"demo-machine-{index:0000}";
        facts.Serial = $"{(char)('C' + random.Next(20))}{random.Next(100000, 999999)}{(char)('A' + random.Next(26))}{random.Next(10, 99)}";
        facts.AgentVersion = CompanyAgentVersion;
        // A realistic share of problems: most laptops are fine, some fail a check or two.
        foreach (var setting in Settings)
        {
            if (random.NextDouble() < setting.BrokenShare)
            {
                setting.Flip(facts);
            }
        }
        if (random.NextDouble() < 0.03)
        {
            facts.Applications.Add(new InstalledApplication { Name = "uTorrent", Version = "3.6.0" }); // forbidden by the demo policy
        }
        return facts;
    }

    /// <summary>A company's laptops are not all on the latest release: the spread of versions and models that makes every policy result show.</summary>
    private static void Vary(DeviceFacts facts, Random random)
    {
        switch (facts.Platform, facts.Distro)
        {
            case ("darwin", _):
                (facts.OsVersion, facts.OsBuild) = Pick(random, ("15.1.1", "24B91"), ("15.1.1", "24B91"), ("15.1", "24B83"), ("14.7.1", "23H222"), ("14.6", "23G80"), ("15.1.1", "24B91"), ("13.6.9", "22G830"));
                facts.Model = Pick(random, "MacBookPro18,3", "Mac14,2", "Mac15,6", "MacBookAir10,1");
                break;
            case ("win32", _):
                (facts.OsVersion, facts.OsName) = Pick(random, ("10.0.26100", "Windows 11 Pro 24H2"), ("10.0.26100", "Windows 11 Enterprise 24H2"), ("10.0.22631", "Windows 11 Pro 23H2"), ("10.0.26100", "Windows 11 Pro 24H2"), ("10.0.19045", "Windows 10 Pro 22H2"));
                facts.OsBuild = facts.OsVersion + "." + random.Next(1000, 2500);
                facts.Model = Pick(random, "Dell Latitude 7440", "Lenovo ThinkPad T14s Gen 4", "HP EliteBook 840 G10", "Microsoft Surface Laptop 5");
                break;
            case (_, "ubuntu"):
                facts.OsVersion = Pick(random, "24.04", "24.04", "24.10", "24.04", "22.04", "20.04");
                facts.Model = Pick(random, "ThinkPad X1 Carbon Gen 11", "Dell XPS 13 9340", "Framework Laptop 13");
                break;
            default:
                facts.OsVersion = Pick(random, "41", "40", "40", "41", "39");
                facts.Model = Pick(random, "Framework Laptop 13", "ThinkPad T14 Gen 4");
                break;
        }
    }

    /// <summary>
    /// Breaks a working check or fixes a broken one, the way people do; a device with a problem is more likely to get
    /// it fixed than to get a new one, so the demo fleet stays mostly healthy however long it runs. Returns what changed.
    /// </summary>
    public static string Toggle(SimulatedDevice device, Random random)
    {
        var facts = device.Facts;
        var broken = Settings.Where(s => !s.IsHealthy(facts)).ToList();
        var setting = broken.Count > 0 && random.NextDouble() < 0.75
            ? broken[random.Next(broken.Count)]
            : Settings[random.Next(Settings.Length)];
        return setting.Flip(facts);
    }

    /// <summary>A setting people change, with the share of the generated company's laptops that start with it broken.</summary>
    private sealed record Setting(string CheckId, double BrokenShare, Func<DeviceFacts, bool> IsHealthy, Func<DeviceFacts, string> Flip);

    private static readonly Setting[] Settings =
    [
        new(CheckIds.Firewall, 0.07, f => f.Firewall.State == FactState.On, f =>
        {
            f.Firewall = Flip(f.Firewall, "firewall enabled", "firewall disabled");
            return $"firewall {OnOff(f.Firewall)}";
        }),
        new(CheckIds.DiskEncryption, 0.05, f => f.DiskEncryption.State == FactState.On, f =>
        {
            f.DiskEncryption = Flip(f.DiskEncryption, EncryptionOn(f), EncryptionOff(f));
            return $"disk encryption {OnOff(f.DiskEncryption)}";
        }),
        new(CheckIds.ScreenLock, 0.04, f => f.ScreenLock.State == FactState.On, f =>
        {
            f.ScreenLock = Flip(f.ScreenLock, "password required after sleep or screen saver", "no password after sleep");
            return $"screen lock {OnOff(f.ScreenLock)}";
        }),
        new(CheckIds.RemoteLogin, 0.04, f => f.RemoteLogin.State == FactState.Off, f =>
        {
            f.RemoteLogin = Flip(f.RemoteLogin, "sshd listening on 0.0.0.0:22", "no remote login service listening");
            return $"remote login {OnOff(f.RemoteLogin)}";
        }),
        new(CheckIds.AutomaticUpdates, 0.2, f => f.AutomaticUpdates.State == FactState.On, f =>
        {
            f.AutomaticUpdates = Flip(f.AutomaticUpdates, "automatic updates enabled", "automatic updates disabled");
            return $"automatic updates {OnOff(f.AutomaticUpdates)}";
        }),
        new(CheckIds.ScreenIdle, 0.07, f => f.ScreenIdleSeconds.Value <= 600, f =>
        {
            var idle = f.ScreenIdleSeconds.Value > 600 ? 300 : 1800;
            f.ScreenIdleSeconds = new NumericFact { State = FactState.On, Value = idle, Reason = $"idle-delay {idle}" };
            return $"screen idle timeout {idle} s";
        }),
    ];

    private static string EncryptionOn(DeviceFacts facts) => facts.Platform switch
    {
        "darwin" => "FileVault is On.",
        "win32" => "BitLocker: C: Protection On (XTS-AES 128)",
        _ => "root filesystem on crypto_LUKS (dm-crypt)",
    };

    private static string EncryptionOff(DeviceFacts facts) => facts.Platform switch
    {
        "darwin" => "FileVault is Off.",
        "win32" => "BitLocker: C: Protection Off",
        _ => "root filesystem ext4 on /dev/nvme0n1p2, no crypto layer",
    };

    private static Fact Flip(Fact fact, string on, string off) => fact.State == FactState.On ? State(false, off) : State(true, on);
    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];
    private static string OnOff(Fact fact) => fact.State == FactState.On ? "on" : "off";

    private static Fact State(bool on, string reason) => new() { State = on ? FactState.On : FactState.Off, Reason = reason };
}
