using Fleet.Compliance.Evaluation;
using Fleet.Compliance.Evidence;
using Fleet.Contracts.Accounts;
using Fleet.Contracts.Devices;
using Fleet.Contracts.Persons;
using Fleet.Contracts.Policy;
using Fleet.Grains.Devices;
using Fleet.Grains.Tests.Infrastructure;
using static Fleet.Grains.Tests.Devices.TestDevices;

namespace Fleet.Grains.Tests.Devices;

public sealed class DeviceGrainTests(SiloClusterFixture fixture) : IClassFixture<SiloClusterFixture>
{
    private IClusterClient Grains => fixture.Client;

    [Fact]
    public async Task A_report_is_evaluated_against_the_accounts_policy()
    {
        var account = await CreateAccountAsync(Grains, FirewallAndDisk);
        var (_, device) = await EnrollAsync(Grains, account, Facts());

        var outcome = await device.Report(1, fixture.Time.GetUtcNow(), Facts(firewall: false));

        Assert.Equal(ReportDisposition.Applied, outcome.Disposition);
        Assert.Equal(ComplianceStatus.Fail, outcome.Status);
        Assert.False(outcome.Compliant);
        Assert.Equal(CheckStatus.Fail, outcome.Checks.Single(c => c.CheckId == "firewall").Status);
        Assert.Equal(CheckStatus.Pass, outcome.Checks.Single(c => c.CheckId == "diskEncryption").Status);
        var details = await device.Get();
        Assert.Equal(ComplianceStatus.Fail, details!.Status);
        Assert.Equal(1, details.LastSequence);
    }

    // Proves the reconnect race cannot ack what storage refused: the write of report 1 fails, the agent reconnects and
    // resends it; the resend is applied and stored again, not acked as a duplicate from the device's memory.
    [Fact]
    public async Task A_report_whose_write_failed_is_applied_again_when_resent_not_acked_as_a_duplicate()
    {
        var account = await CreateAccountAsync(Grains, FirewallAndDisk);
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts());
        await device.SetConnectivity(true, fixture.Time.GetUtcNow(), "stream-1");
        var writes = fixture.StorageWrites.Writes("device", deviceId);

        fixture.StorageWrites.FailNextWrite("device", deviceId);
        await Assert.ThrowsAnyAsync<Exception>(() => device.Report(1, fixture.Time.GetUtcNow(), Facts(firewall: false)));
        await device.SetConnectivity(true, fixture.Time.GetUtcNow(), "stream-2");
        var resent = await device.Report(1, fixture.Time.GetUtcNow(), Facts(firewall: false));

        Assert.Equal(ReportDisposition.Applied, resent.Disposition);
        Assert.Equal(ComplianceStatus.Fail, resent.Status);
        Assert.Equal(writes + 1, fixture.StorageWrites.Writes("device", deviceId));
    }

    // Proves a device is acked while the graph cannot take its projection (the partition's silo died, unnoticed yet):
    // the report waits at most ProjectionWait, and the projection is retried until it lands with the current state.
    [Fact]
    public async Task A_report_is_acked_while_the_graph_is_unreachable_and_its_projection_lands_later()
    {
        var account = await CreateAccountAsync(Grains, FirewallAndDisk);
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts());
        fixture.Projections.Stall(deviceId);

        var report = device.Report(1, fixture.Time.GetUtcNow(), Facts(firewall: false));
        for (var i = 0; i < 600 && !report.IsCompleted; i++)
        {
            fixture.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(report, Task.Delay(50));
        }
        Assert.True(report.IsCompleted, "the report waited on the graph without bound");
        Assert.Equal(ReportDisposition.Applied, (await report).Disposition);

        fixture.Projections.Release(deviceId);
        for (var i = 0; i < 600 && fixture.Projections.Last(deviceId)?.Status != "FAIL"; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        Assert.Equal("FAIL", fixture.Projections.Last(deviceId)?.Status);
    }

    // A re-evaluation moves only the HostAgent's results; the graph gets that entity alone (docs/graph.md).
    [Fact]
    public async Task A_policy_change_projects_only_the_devices_results()
    {
        var account = await CreateAccountAsync(Grains);
        var (deviceId, _) = await EnrollAsync(Grains, account, Facts(firewall: false));
        Assert.Equal(ProjectionScope.Complete, fixture.Projections.Last(deviceId)!.Scope);

        await Grains.GetGrain<IAccountGrain>(account).SetPolicy(FirewallAndDisk, PolicyFormat.Yaml);

        await fixture.Changes.WaitAsync(c => c.DeviceId == deviceId && c.NewStatus == ComplianceStatus.Fail);
        var projection = fixture.Projections.Last(deviceId)!;
        Assert.Equal(ProjectionScope.Agent, projection.Scope);
        Assert.Equal("FAIL", projection.Status);
        Assert.Equal(["firewall"], projection.Failing);
    }

    // The person and the relationships were written by the enrolment's complete projection and stay as they are.
    [Fact]
    public async Task A_report_with_new_facts_projects_the_device_and_its_agent()
    {
        var account = await CreateAccountAsync(Grains, FirewallAndDisk);
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts());
        Assert.Equal(ProjectionScope.Complete, fixture.Projections.Last(deviceId)!.Scope);

        await device.Report(1, fixture.Time.GetUtcNow(), Facts(hostname: "renamed", firewall: false));

        var projection = fixture.Projections.Last(deviceId)!;
        Assert.Equal(ProjectionScope.DeviceAndAgent, projection.Scope);
        Assert.Equal("renamed", projection.Facts.Hostname);
    }

    // The graph may have missed the device's other entities while it could not take a projection: the one that lands
    // after an outage is complete, even when only results changed meanwhile.
    [Fact]
    public async Task The_projection_that_lands_after_an_outage_is_complete()
    {
        var account = await CreateAccountAsync(Grains);
        var (deviceId, _) = await EnrollAsync(Grains, account, Facts(firewall: false));
        fixture.Projections.Stall(deviceId);

        var update = await Grains.GetGrain<IAccountGrain>(account).SetPolicy(FirewallAndDisk, PolicyFormat.Yaml);
        var reevaluated = WaitForReevaluationAsync(account, update.Version);
        for (var i = 0; i < 600 && !reevaluated.IsCompleted; i++)
        {
            fixture.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(reevaluated, Task.Delay(50));
        }
        await reevaluated;
        fixture.Projections.Release(deviceId);
        for (var i = 0; i < 600 && fixture.Projections.Last(deviceId)?.Status != "FAIL"; i++)
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        var projection = fixture.Projections.Last(deviceId)!;
        Assert.Equal("FAIL", projection.Status);
        Assert.Equal(ProjectionScope.Complete, projection.Scope);
    }

    [Fact]
    public async Task Enrolment_evaluates_the_initial_facts_and_links_the_person_and_the_account()
    {
        var account = await CreateAccountAsync(Grains, FirewallAndDisk);

        var (deviceId, device) = await EnrollAsync(Grains, account, Facts(disk: false), "Ann@Acme.test");

        var details = await device.Get();
        Assert.Equal(ComplianceStatus.Fail, details!.Status);
        Assert.Equal("ann@acme.test", details.PersonEmail);
        var person = await Grains.GetGrain<IPersonGrain>(PersonIds.For(account, "ann@acme.test")).Get();
        Assert.Equal([deviceId], person!.DeviceIds);
        Assert.Contains(deviceId, await Grains.ListAsync(account, MemberKind.Device));
        Assert.Contains(person.Id, await Grains.ListAsync(account, MemberKind.Person));
    }

    [Fact]
    public async Task Re_enrolling_the_same_machine_keeps_the_device_and_replaces_the_token()
    {
        var account = await CreateAccountAsync(Grains);
        var (first, _) = await EnrollAsync(Grains, account, Facts(hostname: "reinstalled"));

        var again = await Grains.GetGrain<IMachineIdGrain>(MachineIds.GrainKey(account, PersonIds.For(account, "ann@acme.test"), "machine-reinstalled")).GetOrAssignDeviceId();
        var result = await Grains.GetGrain<IDeviceGrain>(again).Enroll(new DeviceEnrollment(account, "ann@acme.test", "CD34", Facts(hostname: "reinstalled")));

        Assert.Equal(first, again);
        Assert.True(result.Reenrolled);
        Assert.True(await Grains.GetGrain<IDeviceGrain>(first).IsAgentToken("cd34"));
        Assert.False(await Grains.GetGrain<IDeviceGrain>(first).IsAgentToken("ab12"));
    }

    [Fact]
    public async Task A_device_of_one_account_cannot_be_enrolled_into_another()
    {
        var (deviceId, _) = await EnrollAsync(Grains, await CreateAccountAsync(Grains), Facts());

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Grains.GetGrain<IDeviceGrain>(deviceId).Enroll(new DeviceEnrollment(AccountIds.New(), "eve@evil.test", "ff", Facts())));
    }

    [Fact]
    public async Task A_policy_change_changes_the_status_without_a_new_report()
    {
        var account = await CreateAccountAsync(Grains);
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts(firewall: false));
        Assert.Equal(ComplianceStatus.Pass, (await device.Get())!.Status);

        var update = await Grains.GetGrain<IAccountGrain>(account).SetPolicy(FirewallAndDisk, PolicyFormat.Yaml);

        var change = await fixture.Changes.WaitAsync(c => c.DeviceId == deviceId && c.NewStatus == ComplianceStatus.Fail);
        Assert.Equal(ComplianceStatus.Pass, change.OldStatus);
        Assert.Equal(["firewall", "diskEncryption"], change.ChangedCheckIds);
        var details = await device.Get();
        Assert.Equal(ComplianceStatus.Fail, details!.Status);
        Assert.Equal(update.Version, details.PolicyVersion);
    }

    // Proves a re-evaluation's change names the checks that fail now, so a dashboard can update the device without reading it.
    [Fact]
    public async Task A_policy_change_tells_which_checks_fail_now()
    {
        var account = await CreateAccountAsync(Grains);
        var (deviceId, _) = await EnrollAsync(Grains, account, Facts(firewall: false));

        await Grains.GetGrain<IAccountGrain>(account).SetPolicy(FirewallAndDisk, PolicyFormat.Yaml);

        var change = await fixture.Changes.WaitAsync(c => c.DeviceId == deviceId && c.NewStatus == ComplianceStatus.Fail);
        Assert.Equal(["firewall"], change.FailingCheckIds);
    }

    [Fact]
    public async Task The_same_facts_again_cost_no_storage_write()
    {
        var account = await CreateAccountAsync(Grains, FirewallAndDisk);
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts());
        await device.Report(1, fixture.Time.GetUtcNow(), Facts(firewall: false));
        var writes = fixture.StorageWrites.Writes("device", deviceId);
        Assert.True(writes >= 2, "enrolment and the changed report each wrote the device");
        fixture.Time.Advance(TimeSpan.FromSeconds(30));

        var outcome = await device.Report(2, fixture.Time.GetUtcNow(), Facts(firewall: false));

        Assert.Equal(ReportDisposition.Unchanged, outcome.Disposition);
        Assert.Equal(ComplianceStatus.Fail, outcome.Status);
        Assert.Equal(writes, fixture.StorageWrites.Writes("device", deviceId));
        var details = await device.Get();
        Assert.Equal(fixture.Time.GetUtcNow(), details!.LastSeenOn);
        Assert.Equal(2, details.LastSequence);
    }

    [Fact]
    public async Task A_policy_change_that_changes_no_result_writes_nothing()
    {
        var account = await CreateAccountAsync(Grains, "firewall: ALWAYS");
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts());
        var writes = fixture.StorageWrites.Writes("device", deviceId);

        var update = await Grains.GetGrain<IAccountGrain>(account).SetPolicy("firewall: ALWAYS # same meaning, new text", PolicyFormat.Yaml);
        await WaitForReevaluationAsync(account, update.Version);

        Assert.Equal(writes, fixture.StorageWrites.Writes("device", deviceId));
        Assert.Equal(update.Version, (await device.Get())!.PolicyVersion);
    }

    [Fact]
    public async Task A_duplicate_sequence_is_acked_again_and_not_re_applied()
    {
        var account = await CreateAccountAsync(Grains, FirewallAndDisk);
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts());
        await device.Report(5, fixture.Time.GetUtcNow(), Facts());
        var writes = fixture.StorageWrites.Writes("device", deviceId);

        var again = await device.Report(5, fixture.Time.GetUtcNow(), Facts(firewall: false));
        var older = await device.Report(4, fixture.Time.GetUtcNow(), Facts(firewall: false));

        Assert.Equal((5, ReportDisposition.Duplicate, ComplianceStatus.Pass), (again.Sequence, again.Disposition, again.Status));
        Assert.Equal((4, ReportDisposition.Duplicate, ComplianceStatus.Pass), (older.Sequence, older.Disposition, older.Status));
        Assert.True((await device.Get())!.Facts.Firewall.State == Fleet.Compliance.Facts.FactState.On);
        Assert.Equal(writes, fixture.StorageWrites.Writes("device", deviceId));
    }

    [Fact]
    public async Task History_records_exactly_the_transitions()
    {
        var account = await CreateAccountAsync(Grains, FirewallAndDisk);
        var start = fixture.Time.GetUtcNow();
        var (_, device) = await EnrollAsync(Grains, account, Facts());
        await device.Report(1, start, Facts(firewall: false));
        await device.Report(2, start, Facts(firewall: false));
        await device.Report(3, start, Facts(firewall: false, hostname: "renamed"));
        await device.Report(4, start, Facts(hostname: "renamed"));

        var history = (await device.GetRecentHistory(100)).Reverse().Select(h => (h.CheckId, h.OldStatus, h.NewStatus)).ToList();

        Assert.Equal(
        [
            (HistoryCheckIds.Overall, null, "PASS"), ("diskEncryption", null, "PASS"), ("firewall", null, "PASS"),
            (HistoryCheckIds.Connectivity, "OFFLINE", "ONLINE"),
            (HistoryCheckIds.Overall, "PASS", "FAIL"), ("firewall", "PASS", "FAIL"),
            (HistoryCheckIds.Overall, "FAIL", "PASS"), ("firewall", "FAIL", "PASS"),
        ], history);
    }

    [Fact]
    public async Task A_silent_device_goes_offline_after_the_accounts_timeout()
    {
        var account = await CreateAccountAsync(Grains);
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts());
        var seen = fixture.Time.GetUtcNow();
        await device.Heartbeat(seen, "stream-1");
        Assert.True((await device.Get())!.Online);

        fixture.Time.Advance(TimeSpan.FromSeconds(AccountSettings.Default.OfflineAfterSeconds + 1));

        var offline = await fixture.Changes.WaitAsync(c => c.DeviceId == deviceId && c.Kind == DeviceChangeKind.Connectivity && !c.Online);
        Assert.Equal(seen.AddSeconds(AccountSettings.Default.OfflineAfterSeconds), offline.At);
        Assert.False((await device.Get())!.Online);
    }

    [Fact]
    public async Task A_heartbeat_within_the_timeout_keeps_the_device_online()
    {
        var account = await CreateAccountAsync(Grains);
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts());
        await device.SetConnectivity(true, fixture.Time.GetUtcNow(), "stream-1");
        fixture.Time.Advance(TimeSpan.FromSeconds(120));
        await device.Heartbeat(fixture.Time.GetUtcNow(), "stream-1");
        fixture.Time.Advance(TimeSpan.FromSeconds(120));

        Assert.True((await device.Get())!.Online);
        Assert.DoesNotContain(fixture.Changes.For(deviceId), c => c.Kind == DeviceChangeKind.Connectivity && !c.Online);
    }

    [Fact]
    public async Task A_closed_stream_is_offline_at_once()
    {
        var account = await CreateAccountAsync(Grains);
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts());
        await device.SetConnectivity(true, fixture.Time.GetUtcNow(), "stream-1");

        await device.SetConnectivity(false, fixture.Time.GetUtcNow(), "stream-1");

        Assert.False((await device.Get())!.Online);
        var history = await device.GetRecentHistory(10);
        Assert.Equal(HistoryCheckIds.Offline, history[0].NewStatus);
    }

    // Proves the reconnect race across gateways is closed: the agent's stream moved from gateway A to gateway B, and A
    // noticing the old stream's end only afterwards does not mark the device offline.
    [Fact]
    public async Task A_late_close_of_a_replaced_stream_leaves_the_device_online()
    {
        var account = await CreateAccountAsync(Grains);
        var (deviceId, device) = await EnrollAsync(Grains, account, Facts());
        await device.SetConnectivity(true, fixture.Time.GetUtcNow(), "gateway-a-stream");
        await device.SetConnectivity(true, fixture.Time.GetUtcNow(), "gateway-b-stream");

        await device.SetConnectivity(false, fixture.Time.GetUtcNow(), "gateway-a-stream");

        Assert.True((await device.Get())!.Online);
        Assert.DoesNotContain(fixture.Changes.For(deviceId), c => c.Kind == DeviceChangeKind.Connectivity && !c.Online);
    }

    // Proves an ignored late close does not make the device deaf to its current stream's close.
    [Fact]
    public async Task The_current_stream_closing_after_a_replaced_one_marks_the_device_offline()
    {
        var account = await CreateAccountAsync(Grains);
        var (_, device) = await EnrollAsync(Grains, account, Facts());
        await device.SetConnectivity(true, fixture.Time.GetUtcNow(), "gateway-a-stream");
        await device.SetConnectivity(true, fixture.Time.GetUtcNow(), "gateway-b-stream");
        await device.SetConnectivity(false, fixture.Time.GetUtcNow(), "gateway-a-stream");

        await device.SetConnectivity(false, fixture.Time.GetUtcNow(), "gateway-b-stream");

        Assert.False((await device.Get())!.Online);
    }

    // Proves a heartbeat on a replaced stream (still open on gateway A for a moment) does not take over from the current one.
    [Fact]
    public async Task A_heartbeat_on_a_replaced_stream_does_not_make_it_current_again()
    {
        var account = await CreateAccountAsync(Grains);
        var (_, device) = await EnrollAsync(Grains, account, Facts());
        await device.SetConnectivity(true, fixture.Time.GetUtcNow(), "gateway-a-stream");
        await device.SetConnectivity(true, fixture.Time.GetUtcNow(), "gateway-b-stream");
        await device.Heartbeat(fixture.Time.GetUtcNow(), "gateway-a-stream");

        await device.SetConnectivity(false, fixture.Time.GetUtcNow(), "gateway-a-stream");

        Assert.True((await device.Get())!.Online);
    }

    [Fact]
    public async Task A_device_that_never_enrolled_reads_as_null_and_refuses_reports()
    {
        var device = Grains.GetGrain<IDeviceGrain>(DeviceIds.New());

        Assert.Null(await device.Get());
        Assert.Null(await device.GetAccountId());
        await Assert.ThrowsAsync<InvalidOperationException>(() => device.Report(1, fixture.Time.GetUtcNow(), Facts()));
    }

    private async Task WaitForReevaluationAsync(string account, long version)
    {
        // The fan-out runs in the background; poll the account's own progress marker (a signal, not a sleep).
        var grain = Grains.GetGrain<IAccountGrain>(account);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await grain.GetReevaluatedPolicyVersion() < version)
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
