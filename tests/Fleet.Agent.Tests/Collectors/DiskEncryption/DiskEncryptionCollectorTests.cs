using Fleet.Agent.Collectors;
using Fleet.Agent.Collectors.Commands;
using Fleet.Agent.Collectors.DiskEncryption;
using Fleet.Agent.Tests.Support;
using Fleet.Compliance.Facts;

namespace Fleet.Agent.Tests.Collectors.DiskEncryption;

public sealed class DiskEncryptionCollectorTests
{
    private static CollectorContext Context(FakeCommandRunner commands) => new(commands, new FakeFileReader(), _ => null, "/home/ann");

    [Fact]
    public async Task OldLsblk_WithoutMountpointsColumn_RetriesWithMountpoint()
    {
        var commands = new FakeCommandRunner()
            .On("lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINTS", Fixture.Stderr("DiskEncryption/linux/lsblk-unknown-column.txt"))
            .On("lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT", Fixture.Stdout("DiskEncryption/linux/lsblk-old-mountpoint.json"));

        var fact = await new DiskEncryptionCollector(Context(commands)).CollectAsync(Platform.Linux, CancellationToken.None);

        Assert.Equal(FactState.On, fact.State);
    }

    [Fact]
    public async Task MissingLsblk_IsUnknownWithReason()
    {
        var fact = await new DiskEncryptionCollector(Context(new FakeCommandRunner())).CollectAsync(Platform.Linux, CancellationToken.None);

        Assert.Equal(FactState.Unknown, fact.State);
        Assert.Contains("not found", fact.Reason);
    }

    [Fact]
    public async Task FdesetupStatusRefused_FallsBackToIsActive()
    {
        var commands = new FakeCommandRunner()
            .On("fdesetup status", Fixture.Stderr("DiskEncryption/darwin/fdesetup-not-root.txt"))
            .On("fdesetup isactive", CommandResult.Exited(1, "false\n"));

        var fact = await new DiskEncryptionCollector(Context(commands)).CollectAsync(Platform.Darwin, CancellationToken.None);

        Assert.Equal(FactState.Off, fact.State);
    }

    [Fact]
    public async Task PowerShellTimeout_IsUnknownWithTheTimeout()
    {
        var commands = new FakeCommandRunner()
            .On($"powershell -NoProfile -NonInteractive -Command {DiskEncryptionCollector.BitLockerScript}", CommandResult.TimedOut("timed out after 2 s"));

        var fact = await new DiskEncryptionCollector(Context(commands)).CollectAsync(Platform.Win32, CancellationToken.None);

        Assert.Equal(FactState.Unknown, fact.State);
        Assert.Contains("timed out", fact.Reason);
    }
}
