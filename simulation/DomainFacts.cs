using Fleet.Agent.V1;

namespace Fleet.Simulation;

/// <summary>The wire facts as the compliance library's model (what the gateway's validation produces), for in-process seeding.</summary>
public static class DomainFacts
{
    public static Fleet.Compliance.Facts.DeviceFacts From(DeviceFacts wire) => new()
    {
        Platform = wire.Platform switch
        {
            "darwin" => Fleet.Compliance.Facts.Platform.Darwin,
            "win32" => Fleet.Compliance.Facts.Platform.Win32,
            "linux" => Fleet.Compliance.Facts.Platform.Linux,
            _ => Fleet.Compliance.Facts.Platform.Unknown,
        },
        Distro = wire.Distro.Length == 0 ? null : wire.Distro,
        OsName = wire.OsName,
        OsVersion = wire.OsVersion,
        OsBuild = wire.OsBuild.Length == 0 ? null : wire.OsBuild,
        Hostname = wire.Hostname,
        Model = wire.Model.Length == 0 ? null : wire.Model,
        Serial = wire.Serial.Length == 0 ? null : wire.Serial,
        MachineId = wire.MachineId,
        AgentVersion = wire.AgentVersion,
        DiskEncryption = Fact(wire.DiskEncryption),
        Firewall = Fact(wire.Firewall),
        ScreenLock = Fact(wire.ScreenLock),
        ScreenIdleSeconds = new Fleet.Compliance.Facts.NumericFact((Fleet.Compliance.Facts.FactState)(int)wire.ScreenIdleSeconds.State,
            wire.ScreenIdleSeconds.State == FactState.On ? wire.ScreenIdleSeconds.Value : null, wire.ScreenIdleSeconds.Reason),
        RemoteLogin = Fact(wire.RemoteLogin),
        AutomaticUpdates = Fact(wire.AutomaticUpdates),
        Applications = wire.Applications.Select(a => new Fleet.Compliance.Facts.InstalledApplication(a.Name, a.Version)).ToList(),
    };

    private static Fleet.Compliance.Facts.Fact Fact(Fleet.Agent.V1.Fact fact) =>
        new((Fleet.Compliance.Facts.FactState)(int)fact.State, fact.Reason.Length == 0 ? null : fact.Reason);
}
