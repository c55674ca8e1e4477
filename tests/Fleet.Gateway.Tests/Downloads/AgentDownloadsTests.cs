using System.Net;
using Fleet.Gateway.Tests.Infrastructure;

namespace Fleet.Gateway.Tests.Downloads;

public sealed class AgentDownloadsTests
{
    // Proves the agent builds present in the downloads folder are listed and served, byte for byte, without a key.
    [Fact]
    public async Task Published_agent_builds_are_listed_and_downloadable_at_downloads()
    {
        using var data = new TempDirectory();
        var build = Path.Combine(data.Path, "downloads", "linux-x64", "fleet-agent");
        Directory.CreateDirectory(Path.GetDirectoryName(build)!);
        byte[] binary = [0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3];
        await File.WriteAllBytesAsync(build, binary);
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);
        using var client = gateway.CreateClient();

        var listing = await client.GetStringAsync("/downloads/");
        using var download = await client.GetAsync("/downloads/linux-x64/fleet-agent");

        Assert.Contains("linux-x64", listing);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(binary, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Without_a_downloads_folder_nothing_is_served_there()
    {
        using var data = new TempDirectory();
        await using var gateway = await GatewayProcess.StartEmbeddedAsync(data.Path);

        using var response = await gateway.CreateClient().GetAsync("/downloads/linux-x64/fleet-agent");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
