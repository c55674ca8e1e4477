using Fleet.Contracts.Alerts;
using Fleet.Contracts.Push;
using Fleet.Grains.Hosting;
using Fleet.Grains.StandingQueries;
using Fleet.Query;
using Fleet.Query.Syntax;

namespace Fleet.Grains.Alerts;

/// <summary>
/// The index of one account's alert rules (keyed by the account id): ids and queries, at most
/// <see cref="IAlertRulesGrain.MaxRules"/>. On a batch of changes it touches only the on-change rules whose
/// <see cref="QueryFootprint"/> the batch can affect; each rule debounces and evaluates itself.
/// </summary>
public sealed class AlertRulesGrain(
    [PersistentState("alertRules", FleetSiloExtensions.GrainStorage)] IPersistentState<AlertRulesState> state) : Grain, IAlertRulesGrain
{
    private readonly Dictionary<string, QueryFootprint> footprints = new(StringComparer.Ordinal);

    private string AccountId => this.GetPrimaryKeyString();

    public async Task<AlertRuleCreated?> Create(AlertRuleDefinition definition)
    {
        if (state.State.Rules.Count >= IAlertRulesGrain.MaxRules)
            return null;
        var ruleId = AlertIds.NewRuleId();
        state.State.Rules.Add(new AlertRuleEntry(ruleId, definition.Query, definition.PollingInterval is not null));
        await state.WriteStateAsync();
        var info = await Rule(ruleId).Create(definition);
        return new AlertRuleCreated(info, definition.Secret);
    }

    public async Task<IReadOnlyList<AlertRuleInfo>> List()
    {
        var rules = await Task.WhenAll(state.State.Rules.Select(r => Rule(r.Id).Get()));
        return [.. rules.OfType<AlertRuleInfo>().OrderBy(r => r.CreatedOn)];
    }

    public async Task<bool> Delete(string ruleId)
    {
        var entry = state.State.Rules.FirstOrDefault(r => r.Id == ruleId);
        if (entry is null)
            return false;
        await Rule(ruleId).Delete();
        state.State.Rules.Remove(entry);
        footprints.Remove(ruleId);
        await state.WriteStateAsync();
        return true;
    }

    public async Task<IReadOnlyList<AlertInfo>> ListAlerts()
    {
        var perRule = await Task.WhenAll(state.State.Rules.Select(r => Rule(r.Id).ListAlerts()));
        return [.. perRule.SelectMany(a => a).OrderByDescending(a => a.RaisedOn)];
    }

    public async Task<AlertInfo?> Dismiss(string alertId, string by)
    {
        foreach (var rule in state.State.Rules)
        {
            if (await Rule(rule.Id).Dismiss(alertId, by) is { } alert)
                return alert;
        }
        return null;
    }

    public Task OnChanges(IReadOnlyList<FleetEvent> changes)
    {
        foreach (var rule in state.State.Rules)
        {
            if (rule.Polled || !Footprint(rule).IsAffectedBy(changes))
                continue;
            Rule(rule.Id).Touch().Ignore();
        }
        return Task.CompletedTask;
    }

    private QueryFootprint Footprint(AlertRuleEntry rule)
    {
        if (!footprints.TryGetValue(rule.Id, out var footprint))
        {
            var parsed = J1qlParser.Parse(rule.Query, QueryLimits.Default);
            // Unparseable cannot happen (validated on creation); an empty FIND * footprint then matches everything.
            footprint = QueryFootprint.Of(parsed.Query ?? J1qlParser.Parse("FIND * WITH _id != undefined", QueryLimits.Default).Query!);
            footprints[rule.Id] = footprint;
        }
        return footprint;
    }

    private IAlertRuleGrain Rule(string ruleId) => GrainFactory.GetGrain<IAlertRuleGrain>(AlertIds.RuleGrainKey(AccountId, ruleId));
}
