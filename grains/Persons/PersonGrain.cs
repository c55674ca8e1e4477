using Fleet.Contracts.Accounts;
using Fleet.Contracts.Persons;
using Fleet.Grains.Hosting;

namespace Fleet.Grains.Persons;

public sealed class PersonGrain(
    [PersistentState("person", FleetSiloExtensions.GrainStorage)] IPersistentState<PersonState> state) : Grain, IPersonGrain
{
    public Task<PersonInfo> Ensure(string accountId, string email, string? name) => Update(accountId, email, name, deviceId: null);

    public Task<PersonInfo> LinkDevice(string accountId, string email, string? name, string deviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        return Update(accountId, email, name, deviceId);
    }

    public Task<PersonInfo?> Get() => Task.FromResult(state.State.AccountId is null ? null : ToInfo());

    private async Task<PersonInfo> Update(string accountId, string email, string? name, string? deviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(email);
        var normalized = PersonIds.NormalizeEmail(email);
        if (PersonIds.For(accountId, normalized) != this.GetPrimaryKeyString())
            throw new ArgumentException("The account and e-mail do not belong to this person id.", nameof(email));

        var person = state.State;
        var isNew = person.AccountId is null;
        var changed = isNew;
        if (isNew)
        {
            // Register first: a listed person who was never stored reads as null and is skipped; the reverse would hide a person.
            await GrainFactory.PartitionFor(accountId, MemberKind.Person, this.GetPrimaryKeyString()).Add(this.GetPrimaryKeyString());
            person.AccountId = accountId;
            person.Email = normalized;
        }
        if (!string.IsNullOrWhiteSpace(name) && name != person.Name)
        {
            person.Name = name.Trim();
            changed = true;
        }
        if (deviceId is not null && !person.DeviceIds.Contains(deviceId))
        {
            person.DeviceIds.Add(deviceId);
            changed = true;
        }
        if (changed) await state.WriteStateAsync();
        return ToInfo();
    }

    private PersonInfo ToInfo() => new(this.GetPrimaryKeyString(), state.State.AccountId!, state.State.Email, state.State.Name, [.. state.State.DeviceIds]);
}
