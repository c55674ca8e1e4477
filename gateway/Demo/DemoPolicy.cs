namespace Fleet.Gateway.Demo;

/// <summary>The demo account's policy: the example of docs/policy.md, tuned so the generated fleet shows every result.</summary>
public static class DemoPolicy
{
    public const string Yaml = """
        # Demo policy (Stethoscope format, see docs/policy.md). Edit it in Admin → Policy.
        osVersion:
          darwin: { ok: ">=15.1", nudge: ">=14.6" }
          win32: { ok: ">=10.0.26100", nudge: ">=10.0.22631" }
          ubuntu: { ok: ">=24.04", nudge: ">=22.04" }
          fedora: { ok: ">=40" }
        firewall: ALWAYS
        diskEncryption: ALWAYS
        automaticUpdates: SUGGESTED
        screenLock: ALWAYS
        screenIdle: "<=600"
        remoteLogin: NEVER
        agentVersion: ">=1.0.0"
        applications:
          - name: 1Password
            assertion: SUGGESTED
            installFrom: https://1password.com/downloads
          - name: uTorrent
            assertion: NEVER
            description: File sharing clients are not allowed on company data.

        """;
}
