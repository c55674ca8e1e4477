using Fleet.Compliance.Facts;

namespace Fleet.Agent.Collectors.Wifi;

/// <summary>Stethoscope's openWifiConnections: ON when no open (passwordless) Wi-Fi network is remembered. macOS only.</summary>
public sealed class OpenWifiCollector(CollectorContext context)
{
    private const string SystemKeychain = "/Library/Keychains/System.keychain";

    // A process per network; a remembered list longer than this is read in part and said so.
    private const int MaxNetworks = 64;

    public Task<Fact> CollectAsync(Platform platform, CancellationToken cancellationToken) =>
        FactGuard.RunAsync(platform == Platform.Darwin
            ? MacAsync
            : _ => Task.FromResult(Fact.Unsupported("remembered open Wi-Fi networks are checked on macOS only")), cancellationToken);

    private async Task<Fact> MacAsync(CancellationToken cancellationToken)
    {
        var ports = await context.RunAsync("networksetup", ["-listallhardwareports"], cancellationToken).ConfigureAwait(false);
        if (!ports.Succeeded)
        {
            return Fact.Unknown(ports.Describe("networksetup -listallhardwareports"));
        }
        if (MacWifiParser.WifiDevice(ports.Stdout) is not { } device)
        {
            return Fact.Unsupported("this Mac has no Wi-Fi hardware port");
        }
        var preferred = await context.RunAsync("networksetup", ["-listpreferredwirelessnetworks", device], cancellationToken).ConfigureAwait(false);
        if (!preferred.Succeeded)
        {
            return Fact.Unknown(preferred.Describe("networksetup -listpreferredwirelessnetworks"));
        }
        var networks = MacWifiParser.PreferredNetworks(preferred.Stdout);
        var open = new List<string>();
        var unclear = new List<string>();
        foreach (var name in networks.Take(MaxNetworks))
        {
            var item = await context.RunAsync("security", ["find-generic-password", "-D", "AirPort network password", "-a", name, SystemKeychain], cancellationToken).ConfigureAwait(false);
            switch (MacWifiParser.HasPassword(item))
            {
                case false: open.Add(name); break;
                case null: unclear.Add(name); break;
            }
        }
        if (open.Count > 0)
        {
            return Fact.Off($"remembered Wi-Fi network(s) without a password: {string.Join(", ", open.Select(n => $"\"{n}\""))}");
        }
        if (unclear.Count > 0 || networks.Count > MaxNetworks)
        {
            return Fact.Unknown(unclear.Count > 0
                ? $"whether {string.Join(", ", unclear.Select(n => $"\"{n}\""))} have a password could not be read from the System keychain"
                : $"{networks.Count} remembered networks; only the first {MaxNetworks} were checked");
        }
        return Fact.On(networks.Count == 0 ? "no Wi-Fi network is remembered" : $"all {networks.Count} remembered Wi-Fi networks have a password");
    }
}
