using Fleet.Compliance.Facts;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Invites;
using Fleet.Grains.Tests.Infrastructure;

namespace Fleet.Grains.Tests.Invites;

public sealed class InviteGrainTests(SiloClusterFixture fixture) : IClassFixture<SiloClusterFixture>
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    // Proves an invite is stored under the hash of its code, with its expiry from the silo's clock.
    [Fact]
    public async Task A_created_invite_reads_back_pending_with_its_expiry()
    {
        var code = InviteCodes.Generate();
        var id = InviteCodes.InviteId(code);
        var accountId = AccountIds.New();

        var created = await fixture.Client.GetGrain<IInviteGrain>(id).Create(accountId, "ann@acme.test", Week);

        var read = await fixture.Client.GetGrain<IInviteGrain>(id).Get();
        Assert.Equal(created, read);
        Assert.Equal(new InviteInfo(id, accountId, "ann@acme.test", fixture.Time.GetUtcNow(), fixture.Time.GetUtcNow() + Week), read);
        Assert.Equal(InviteStatus.Pending, read!.StatusAt(fixture.Time.GetUtcNow()));
        Assert.DoesNotContain(code, id);
    }

    // Proves an invite past its expiry (on the silo's clock) enrolls nothing.
    [Fact]
    public async Task Redeeming_an_expired_invite_answers_expired()
    {
        var id = InviteCodes.InviteId(InviteCodes.Generate());
        await fixture.Client.GetGrain<IInviteGrain>(id).Create(AccountIds.New(), "bob@acme.test", TimeSpan.FromHours(1));
        var expiresOn = fixture.Time.GetUtcNow() + TimeSpan.FromHours(1);

        fixture.Time.Advance(TimeSpan.FromHours(1));
        var enrollment = await fixture.Client.GetGrain<IInviteGrain>(id).Redeem(new EnrollmentRequest(Facts(), new string('a', 64)));

        Assert.Equal(EnrollmentOutcome.Expired, enrollment.Outcome);
        Assert.Equal(expiresOn, enrollment.ExpiredOn);
        Assert.Null(enrollment.DeviceId);
        Assert.Null((await fixture.Client.GetGrain<IInviteGrain>(id).Get())!.UsedOn);
    }

    // Proves a code nobody issued is answered as unknown, and leaves no invite behind.
    [Fact]
    public async Task Redeeming_an_unknown_code_answers_unknown()
    {
        var id = InviteCodes.InviteId(InviteCodes.Generate());

        var enrollment = await fixture.Client.GetGrain<IInviteGrain>(id).Redeem(new EnrollmentRequest(Facts(), new string('b', 64)));

        Assert.Equal(EnrollmentOutcome.UnknownCode, enrollment.Outcome);
        Assert.Null(await fixture.Client.GetGrain<IInviteGrain>(id).Get());
    }

    // Proves a device enrolled before keys named the person is kept by its own person's reinstall, and never handed to another person.
    [Fact]
    public async Task A_device_enrolled_under_the_account_wide_key_is_kept_by_its_person_only()
    {
        var accountId = await Devices.TestDevices.CreateAccountAsync(fixture.Client);
        var facts = Facts();
        var earlier = await fixture.Client.GetGrain<IMachineIdGrain>(MachineIds.AccountWideGrainKey(accountId, facts.MachineId)).GetOrAssignDeviceId();
        await fixture.Client.GetGrain<IDeviceGrain>(earlier).Enroll(new DeviceEnrollment(accountId, "ann@acme.test", new string('c', 64), facts));

        var other = await RedeemNewInviteAsync(accountId, "bob@acme.test", facts);
        var reinstall = await RedeemNewInviteAsync(accountId, "ann@acme.test", facts);

        Assert.Equal(EnrollmentOutcome.Enrolled, other.Outcome);
        Assert.NotEqual(earlier, other.DeviceId);
        Assert.Equal((EnrollmentOutcome.Enrolled, earlier, true), (reinstall.Outcome, reinstall.DeviceId, reinstall.Reenrolled));
    }

    private async Task<Enrollment> RedeemNewInviteAsync(string accountId, string email, DeviceFacts facts)
    {
        var id = InviteCodes.InviteId(InviteCodes.Generate());
        await fixture.Client.GetGrain<IInviteGrain>(id).Create(accountId, email, Week);
        return await fixture.Client.GetGrain<IInviteGrain>(id).Redeem(new EnrollmentRequest(facts, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + new string('0', 32)));
    }

    [Theory]
    [InlineData("abcd efgh-ijkl mnop qrst uvwx yz23 4567", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ23456", null)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ234561", null)]
    [InlineData("", null)]
    public void Codes_are_normalized_as_typed_and_malformed_ones_refused(string typed, string? expected)
    {
        Assert.Equal(expected, InviteCodes.Normalize(typed));
    }

    // Proves codes carry 160 random bits in the base32 alphabet.
    [Fact]
    public void Generated_codes_are_32_base32_characters_and_differ()
    {
        var codes = Enumerable.Range(0, 100).Select(_ => InviteCodes.Generate()).ToList();

        Assert.All(codes, c => Assert.Equal(c, InviteCodes.Normalize(c)));
        Assert.Equal(100, codes.Distinct().Count());
    }

    private static DeviceFacts Facts() => new()
    {
        Platform = Platform.Linux,
        OsName = "Ubuntu",
        OsVersion = "24.04",
        Hostname = "laptop",
        MachineId = Guid.NewGuid().ToString("N"),
        AgentVersion = "1.0.0",
    };
}
