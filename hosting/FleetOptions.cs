namespace Fleet.Hosting;

/// <summary>Fleet's configuration (section <c>Fleet</c>; env <c>Fleet__X</c>; command line <c>--Fleet:X=</c>).</summary>
public sealed class FleetOptions
{
    public const string Section = "Fleet";

    /// <summary>Folder for the SQLite file, the generated operator key and the e-mail outbox. Created on first start, owner-only.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Orleans cluster id: every silo and gateway of one deployment must agree.</summary>
    public string ClusterId { get; set; } = "fleet";

    /// <summary>Orleans service id: part of every stored row, so it must never change once data exists.</summary>
    public string ServiceId { get; set; } = "fleet";

    /// <summary>Silo-to-silo port (bound to loopback in embedded mode).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port on which the silo accepts Orleans clients (gateways in cluster mode). Embedded mode opens none.</summary>
    public int SiloGatewayPort { get; set; } = 30000;

    /// <summary>
    /// Silo process only: where its silo, silo-gateway and health ports listen. <c>localhost</c> (default: loopback only),
    /// <c>*</c> (every interface; containers, Kubernetes) or one IP address.
    /// </summary>
    public string ListenAddress { get; set; } = "localhost";

    /// <summary>
    /// Address silos advertise to each other and to gateways; empty means the listen address, or the first non-loopback
    /// address when listening on every interface.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>
    /// Silo process only: Orleans' Kubernetes hosting (silo name = pod name, advertised address = pod IP, listening on
    /// every interface, silos whose pods are gone declared dead early). Needs the pod environment and RBAC that
    /// deploy/kubernetes/ sets; membership stays in PostgreSQL.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>The key that may create accounts. Generated into the data folder in embedded mode when unset.</summary>
    public string OperatorKey { get; set; } = "";

    public FleetStorageOptions Storage { get; set; } = new();

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);
}
