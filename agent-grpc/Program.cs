using Fleet.Agent.CommandLine;

return await AgentCommandLine.Create().Parse(args).InvokeAsync();
