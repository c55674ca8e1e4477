using System.CommandLine;
using Fleet.Agent.Service;

namespace Fleet.Agent.CommandLine;

/// <summary>`fleet-agent service install|uninstall`: a per-user service that runs `fleet-agent run` at login.</summary>
public static class ServiceCommand
{
    public static Command Create(Option<string?> configDirectory)
    {
        var service = new Command("service", "Install or remove the per-user background service (no admin rights needed)");
        var install = new Command("install", "Start the agent at login and now");
        install.SetAction(async (parse, cancellationToken) =>
        {
            using var services = AgentServices.Create(parse.GetValue(configDirectory));
            var executable = Environment.ProcessPath;
            if (executable is null || Path.GetFileNameWithoutExtension(executable) == "dotnet")
            {
                Console.Error.WriteLine("Install from the published fleet-agent binary, not through `dotnet run`.");
                return 2;
            }
            var installer = new ServiceInstaller(services.Commands, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Environment.GetEnvironmentVariable);
            var (ok, message) = await installer.InstallAsync(executable, services.ExplicitConfigDirectory ? Path.GetFullPath(services.ConfigDirectory) : null, cancellationToken).ConfigureAwait(false);
            (ok ? Console.Out : Console.Error).WriteLine(message);
            return ok ? 0 : 1;
        });
        var uninstall = new Command("uninstall", "Stop the agent and remove the service");
        uninstall.SetAction(async (parse, cancellationToken) =>
        {
            using var services = AgentServices.Create(parse.GetValue(configDirectory));
            var installer = new ServiceInstaller(services.Commands, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Environment.GetEnvironmentVariable);
            var (ok, message) = await installer.UninstallAsync(cancellationToken).ConfigureAwait(false);
            (ok ? Console.Out : Console.Error).WriteLine(message);
            return ok ? 0 : 1;
        });
        service.Subcommands.Add(install);
        service.Subcommands.Add(uninstall);
        return service;
    }
}
