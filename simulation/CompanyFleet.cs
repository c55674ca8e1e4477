using Fleet.Compliance.Policy;
using Google.Protobuf.WellKnownTypes;
using Wire = Fleet.Agent.V1;

namespace Fleet.Simulation;

/// <summary>One simulated laptop: who owns it and the facts its agent reports (mutable: the demo breaks and fixes checks).</summary>
public sealed class SimulatedDevice(int index, string ownerEmail, string ownerName, Wire.DeviceFacts facts)
{
    public int Index { get; } = index;
    public string OwnerEmail { get; } = ownerEmail;
    public string OwnerName { get; } = ownerName;
    public Wire.DeviceFacts Facts { get; } = facts;
}

/// <summary>
/// A generated company (demo mode's fleet): people with realistic names, each with one or two laptops (macOS, Windows 11,
/// Ubuntu, Fedora) whose facts look like what the real agent collects. Deterministic for a seed, so a restart
/// with the same data folder regenerates the same fleet.
/// </summary>
public static class CompanyFleet
{
    public const string Domain = "acme.example";
    public const string AgentVersion = "1.2.0";

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

    private static readonly (string Name, string Version)[] CommonApps =
        [("Slack", "4.41.105"), ("Zoom", "6.2.5"), ("1Password", "8.10.48"), ("Google Chrome", "131.0.6778.86"), ("Visual Studio Code", "1.95.3")];

    public static IReadOnlyList<SimulatedDevice> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var devices = new List<SimulatedDevice>(count);
        var people = new List<(string Email, string Name)>();
        for (var i = 0; people.Count < Math.Max(1, count * 3 / 4); i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[(i * 7 + i / FirstNames.Length) % LastNames.Length];
            people.Add(($"{first}.{last}@{Domain}".ToLowerInvariant(), $"{first} {last}"));
        }
        for (var index = 0; index < count; index++)
        {
            // The first people get a second laptop at the end of the list.
            var (email, name) = index < people.Count ? people[index] : people[index - people.Count];
            devices.Add(new SimulatedDevice(index, email, name, Facts(index, name, random)));
        }
        return devices;
    }

    private static Wire.DeviceFacts Facts(int index, string owner, Random random)
    {
        var first = owner.Split(' ')[0].ToLowerInvariant();
        var roll = random.NextDouble();
        var facts = roll switch
        {
            < 0.45 => MacOs(random),
            < 0.65 => Windows(random),
            < 0.88 => Ubuntu(random),
            _ => Fedora(random),
        };
        var kind = facts.Platform switch { "darwin" => "mbp", "win32" => "pc", _ => facts.Distro == "fedora" ? "fw" : "tp" };
        facts.Hostname = $"{first}-{kind}-{index + 1:00}";
        facts.MachineId = $"demo-machine-{index:0000}";
        facts.Serial = $"{(char)('C' + random.Next(20))}{random.Next(100000, 999999)}{(char)('A' + random.Next(26))}{random.Next(10, 99)}";
        facts.AgentVersion = AgentVersion;

        // A realistic share of problems: most laptops are fine, some fail a check or two.
        facts.DiskEncryption = random.NextDouble() < 0.95 ? On(EncryptionEvidence(facts)) : Off(EncryptionOffEvidence(facts));
        facts.Firewall = random.NextDouble() < 0.93 ? On("firewall enabled") : Off("firewall disabled");
        facts.ScreenLock = random.NextDouble() < 0.96 ? On("password required after sleep or screen saver") : Off("no password after sleep");
        facts.ScreenIdleSeconds = new Wire.NumericFact { State = Wire.FactState.On, Value = random.NextDouble() < 0.93 ? Pick(random, 120, 300, 300, 600) : Pick(random, 900, 1800) };
        facts.RemoteLogin = random.NextDouble() < 0.96 ? Off("no remote login service listening") : On("sshd listening on 0.0.0.0:22");
        facts.AutomaticUpdates = random.NextDouble() < 0.8 ? On("automatic updates enabled") : Off("automatic updates disabled");
        facts.ApplicationsKnown = true;
        foreach (var (name, version) in CommonApps)
            if (random.NextDouble() < 0.8)
                facts.Applications.Add(new Wire.InstalledApplication { Name = name, Version = version });
        if (random.NextDouble() < 0.03)
            facts.Applications.Add(new Wire.InstalledApplication { Name = "uTorrent", Version = "3.6.0" });
        return facts;
    }

    private static Wire.DeviceFacts MacOs(Random random)
    {
        var (version, build) = Pick(random, ("15.1.1", "24B91"), ("15.1.1", "24B91"), ("15.1", "24B83"), ("14.7.1", "23H222"), ("14.6", "23G80"), ("15.1.1", "24B91"), ("13.6.9", "22G830"));
        return new Wire.DeviceFacts
        {
            Platform = "darwin", OsName = "macOS", OsVersion = version, OsBuild = build,
            Model = Pick(random, "MacBookPro18,3", "Mac14,2", "Mac15,6", "MacBookAir10,1"),
        };
    }

    private static Wire.DeviceFacts Windows(Random random)
    {
        var (version, name) = Pick(random, ("10.0.26100", "Windows 11 Pro 24H2"), ("10.0.26100", "Windows 11 Enterprise 24H2"), ("10.0.22631", "Windows 11 Pro 23H2"), ("10.0.26100", "Windows 11 Pro 24H2"), ("10.0.19045", "Windows 10 Pro 22H2"));
        return new Wire.DeviceFacts
        {
            Platform = "win32", OsName = name, OsVersion = version, OsBuild = version + "." + random.Next(1000, 2500),
            Model = Pick(random, "Dell Latitude 7440", "Lenovo ThinkPad T14s Gen 4", "HP EliteBook 840 G10", "Microsoft Surface Laptop 5"),
        };
    }

    private static Wire.DeviceFacts Ubuntu(Random random)
    {
        var version = Pick(random, "24.04", "24.04", "24.10", "24.04", "22.04", "20.04");
        return new Wire.DeviceFacts
        {
            Platform = "linux", Distro = "ubuntu", OsName = "Ubuntu", OsVersion = version, OsBuild = "",
            Model = Pick(random, "ThinkPad X1 Carbon Gen 11", "Dell XPS 13 9340", "Framework Laptop 13"),
        };
    }

    private static Wire.DeviceFacts Fedora(Random random) => new()
    {
        Platform = "linux", Distro = "fedora", OsName = "Fedora Linux", OsVersion = Pick(random, "41", "40", "40", "41", "39"), OsBuild = "",
        Model = Pick(random, "Framework Laptop 13", "ThinkPad T14 Gen 4"),
    };

    private static string EncryptionEvidence(Wire.DeviceFacts facts) => facts.Platform switch
    {
        "darwin" => "FileVault is On.",
        "win32" => "BitLocker: C: Protection On (XTS-AES 128)",
        _ => "root filesystem on crypto_LUKS (dm-crypt)",
    };

    private static string EncryptionOffEvidence(Wire.DeviceFacts facts) => facts.Platform switch
    {
        "darwin" => "FileVault is Off.",
        "win32" => "BitLocker: C: Protection Off",
        _ => "root filesystem ext4 on /dev/nvme0n1p2, no crypto layer",
    };

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

    private sealed record Setting(string CheckId, Func<Wire.DeviceFacts, bool> IsHealthy, Func<Wire.DeviceFacts, string> Flip);

    private static readonly Setting[] Settings =
    [
        new(CheckIds.Firewall, f => f.Firewall.State == Wire.FactState.On, f =>
        {
            f.Firewall = Flip(f.Firewall, "firewall enabled", "firewall disabled");
            return $"firewall {State(f.Firewall)}";
        }),
        new(CheckIds.DiskEncryption, f => f.DiskEncryption.State == Wire.FactState.On, f =>
        {
            f.DiskEncryption = Flip(f.DiskEncryption, EncryptionEvidence(f), EncryptionOffEvidence(f));
            return $"disk encryption {State(f.DiskEncryption)}";
        }),
        new(CheckIds.ScreenLock, f => f.ScreenLock.State == Wire.FactState.On, f =>
        {
            f.ScreenLock = Flip(f.ScreenLock, "password required after sleep or screen saver", "no password after sleep");
            return $"screen lock {State(f.ScreenLock)}";
        }),
        new(CheckIds.RemoteLogin, f => f.RemoteLogin.State == Wire.FactState.Off, f =>
        {
            f.RemoteLogin = Flip(f.RemoteLogin, "sshd listening on 0.0.0.0:22", "no remote login service listening");
            return $"remote login {State(f.RemoteLogin)}";
        }),
        new(CheckIds.AutomaticUpdates, f => f.AutomaticUpdates.State == Wire.FactState.On, f =>
        {
            f.AutomaticUpdates = Flip(f.AutomaticUpdates, "automatic updates enabled", "automatic updates disabled");
            return $"automatic updates {State(f.AutomaticUpdates)}";
        }),
        new(CheckIds.ScreenIdle, f => f.ScreenIdleSeconds.Value <= 600, f =>
        {
            var idle = f.ScreenIdleSeconds.Value > 600 ? 300 : 1800;
            f.ScreenIdleSeconds = new Wire.NumericFact { State = Wire.FactState.On, Value = idle };
            return $"screen idle timeout {idle} s";
        }),
    ];

    public static Wire.Report Report(SimulatedDevice device, long sequence, DateTimeOffset now) => new()
    {
        Sequence = sequence,
        CollectedAt = Timestamp.FromDateTimeOffset(now),
        Facts = device.Facts.Clone(),
    };

    private static Wire.Fact Flip(Wire.Fact fact, string on, string off) => fact.State == Wire.FactState.On ? Off(off) : On(on);
    private static string State(Wire.Fact fact) => fact.State == Wire.FactState.On ? "on" : "off";
    private static Wire.Fact On(string reason) => new() { State = Wire.FactState.On, Reason = reason };
    private static Wire.Fact Off(string reason) => new() { State = Wire.FactState.Off, Reason = reason };
    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];
}
