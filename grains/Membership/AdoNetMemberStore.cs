using Fleet.Contracts.Accounts;
using Fleet.Grains.Storage;
using Fleet.Hosting.Storage;

namespace Fleet.Grains.Membership;

/// <summary><see cref="IMemberStore"/> over SQLite or PostgreSQL (the same SQL for both); adds go through the silo's group-commit writer.</summary>
public sealed class AdoNetMemberStore(FleetDatabase database, GroupCommitWriter writer) : IMemberStore
{
    public Task<IReadOnlyList<string>> LoadAsync(string accountId, MemberKind kind, int partition, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<string>>(async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT member_id FROM fleet_account_members WHERE account_id = @account AND kind = @kind AND part_no = @part";
            FleetDatabase.Add(command, "account", accountId);
            FleetDatabase.Add(command, "kind", (int)kind);
            FleetDatabase.Add(command, "part", partition);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var members = new List<string>();
            while (await reader.ReadAsync(cancellationToken)) members.Add(reader.GetString(0));
            return members;
        });

    public Task AddAsync(string accountId, MemberKind kind, int partition, string memberId, CancellationToken cancellationToken = default) =>
        AddAllAsync(accountId, kind, partition, [memberId], cancellationToken);

    public Task AddAllAsync(string accountId, MemberKind kind, int partition, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(async transaction =>
        {
            foreach (var memberId in memberIds)
            {
                var command = transaction.Command("""
                    INSERT INTO fleet_account_members (account_id, kind, part_no, member_id)
                    VALUES (@account, @kind, @part, @member)
                    ON CONFLICT DO NOTHING
                    """);
                FleetDatabase.Add(command, "account", accountId);
                FleetDatabase.Add(command, "kind", (int)kind);
                FleetDatabase.Add(command, "part", partition);
                FleetDatabase.Add(command, "member", memberId);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return true;
        });
}
