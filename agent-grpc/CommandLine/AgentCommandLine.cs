using System.CommandLine;

namespace Fleet.Agent.CommandLine;

/// <summary>The `fleet-agent` command tree: enroll, run, status, scan, service install|uninstall.</summary>
public static class AgentCommandLine
{
    public static RootCommand Create()
    {
        var configDirectory = new Option<string?>("--config-dir")
        {
            Description = "Folder for the agent's configuration, policy and report queue (default: the user's config folder)",
            Recursive = true,
        };
        var root = new RootCommand("Fleet agent: checks this device's security settings without admin rights and reports them to Fleet.");
        root.Options.Add(configDirectory);
        root.Subcommands.Add(EnrollCommand.Create(configDirectory));
        root.Subcommands.Add(RunCommand.Create(configDirectory));
        root.Subcommands.Add(StatusCommand.Create(configDirectory));
        root.Subcommands.Add(ScanCommand.Create(configDirectory));
        root.Subcommands.Add(ServiceCommand.Create(configDirectory));
        return root;
    }
}
