using Fleet.Compliance.Policy;

namespace Fleet.Compliance.Remediation.Catalog;

internal static class AgentVersionRemediation
{
    private const string Why = "An outdated Fleet agent may miss checks or report them wrongly, so your device's status cannot be trusted.";

    public static readonly RemediationEntry Entry = new(
        CheckIds.AgentVersion,
        Darwin: new(
            "Update the Fleet agent",
            Why,
            """
            1. Download the latest macOS Fleet agent from the link in your Fleet invitation e-mail, or ask IT for it.
            2. Open the downloaded package and follow the installer; your enrolment is kept.
            3. The agent reconnects on its own; the check updates on its next report.
            """,
            null),
        Win32: new(
            "Update the Fleet agent",
            Why,
            """
            1. Download the latest Windows Fleet agent from the link in your Fleet invitation e-mail, or ask IT for it.
            2. Run the installer; your enrolment is kept.
            3. The agent reconnects on its own; the check updates on its next report.
            """,
            null),
        LinuxGnome: new(
            "Update the Fleet agent",
            Why,
            """
            1. Download the latest Linux Fleet agent from the link in your Fleet invitation e-mail, or ask IT for it.
            2. Install it over the current one (for example `sudo apt install ./fleet-agent.deb` on Ubuntu or `sudo dnf install ./fleet-agent.rpm` on Fedora); your enrolment is kept.
            3. The agent reconnects on its own; the check updates on its next report.
            """,
            null));
}
