namespace Fleet.Contracts.Policy;

/// <summary>What devices and agent streams need from their account, cheaply: the current policy version and the settings.</summary>
[GenerateSerializer, Immutable, Alias("fleet.AccountConfiguration")]
public sealed record AccountConfiguration(
    [property: Id(0)] long PolicyVersion,
    [property: Id(1)] AccountSettings Settings);
