// [ReadOnly], [OneWay] and friends: every grain interface in this project uses them.
global using Orleans.Concurrency;
