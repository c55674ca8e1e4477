namespace Fleet.Simulation;

/// <summary>What a report carries relative to the last one.</summary>
public enum FactsMode
{
    /// <summary>The enrolled facts every time: the device grain must not write.</summary>
    Unchanged,
    /// <summary>Another screen-idle value each time (inside the policy's range): a state write, no result change.</summary>
    Changed,
    /// <summary>The firewall flipped each time: a state write, a history row, a change pushed to dashboards.</summary>
    Flip,
}
